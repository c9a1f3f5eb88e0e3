// SPDX-License-Identifier: Apache-2.0
#include "results_window.h"

#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#include "exception_dialog.h"
#include "explanation.h"
#include "outcome_dialog.h"

namespace jamul::gui {

namespace {

// How many file names a confirmation lists before "and N more" (the rest are in its details).
constexpr int kNamedFiles = 8;

QString fileList(const QStringList& paths) {
  QStringList shown;
  for (int i = 0; i < paths.size() && i < kNamedFiles; ++i)
    shown << QStringLiteral("• ") + QDir::toNativeSeparators(paths[i]);
  QString text = shown.join(QLatin1Char('\n'));
  if (paths.size() > kNamedFiles)
    text += QLatin1Char('\n') + ResultsWindow::tr("… and %n more file(s)", nullptr,
                                                  static_cast<int>(paths.size() - kNamedFiles));
  return text;
}

}  // namespace

ResultsWindow::ResultsWindow(FindingsModel* model, const RuleNames* names, AgentClient* client,
                             QWidget* parent)
    : QMainWindow(parent),
      model_(model),
      names_(names),
      queue_(new ActionQueue(client, this)),
      filter_(new FindingsFilter(this)) {
  filter_->setSourceModel(model_);
  buildUi();
  retranslate();
  connect(model_, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
    reselect_ = selectedPaths();
  });
  connect(model_, &QAbstractItemModel::modelReset, this, [this] {
    // The same files stay selected across a fresh listing (an encrypted file under its new name).
    for (const QString& path : reselect_) {
      for (const QString& candidate : {path, path + QStringLiteral(".age")}) {
        const int row = model_->rowOfPath(candidate);
        const QModelIndex proxy = row < 0 ? QModelIndex() : filter_->mapFromSource(model_->index(row, 0));
        if (proxy.isValid())
          table_->selectionModel()->select(proxy, QItemSelectionModel::Select | QItemSelectionModel::Rows);
      }
    }
    reselect_.clear();
    refillRuleFilter();
    updateSummary();
    updateDetail();
    updateActions();
  });
  connect(queue_, &ActionQueue::progress, this, &ResultsWindow::onProgress);
  connect(queue_, &ActionQueue::finished, this, &ResultsWindow::onFinished);
  resize(1220, 680);
}

void ResultsWindow::buildUi() {
  auto* central = new QWidget(this);
  auto* root = new QVBoxLayout(central);

  // Summary bar.
  auto* top = new QHBoxLayout;
  summary_ = new QLabel(central);
  summary_->setTextFormat(Qt::RichText);
  agent_state_ = new QLabel(central);
  agent_state_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  top->addWidget(summary_, 1);
  top->addWidget(agent_state_);
  root->addLayout(top);

  // Filters, each with a label that is its buddy (Alt+letter focuses it).
  auto* filters = new QHBoxLayout;
  rule_label_ = new QLabel(central);
  rule_box_ = new QComboBox(central);
  rule_label_->setBuddy(rule_box_);
  level_label_ = new QLabel(central);
  level_box_ = new QComboBox(central);
  level_label_->setBuddy(level_box_);
  state_label_ = new QLabel(central);
  state_box_ = new QComboBox(central);
  state_label_->setBuddy(state_box_);
  folder_label_ = new QLabel(central);
  folder_edit_ = new QLineEdit(central);
  folder_edit_->setClearButtonEnabled(true);
  folder_label_->setBuddy(folder_edit_);
  for (QWidget* w : {static_cast<QWidget*>(rule_label_), static_cast<QWidget*>(rule_box_),
                     static_cast<QWidget*>(level_label_), static_cast<QWidget*>(level_box_),
                     static_cast<QWidget*>(state_label_), static_cast<QWidget*>(state_box_),
                     static_cast<QWidget*>(folder_label_)})
    filters->addWidget(w);
  filters->addWidget(folder_edit_, 1);
  root->addLayout(filters);
  connect(rule_box_, &QComboBox::currentIndexChanged, this,
          [this] { filter_->setRule(rule_box_->currentData().toString()); });
  connect(level_box_, &QComboBox::currentIndexChanged, this,
          [this] { filter_->setMinimumLevel(static_cast<Level>(level_box_->currentData().toInt())); });
  connect(state_box_, &QComboBox::currentIndexChanged, this, [this] {
    filter_->setState(static_cast<FindingsFilter::StateFilter>(state_box_->currentData().toInt()));
  });
  connect(folder_edit_, &QLineEdit::textChanged, filter_, &FindingsFilter::setFolder);

  // Table and detail pane.
  auto* split = new QSplitter(Qt::Horizontal, central);
  table_ = new QTableView(split);
  table_->setModel(filter_);
  table_->setSortingEnabled(true);
  table_->sortByColumn(FindingsModel::kConfidence, Qt::DescendingOrder);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->setAlternatingRowColors(true);
  table_->setWordWrap(false);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(false);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
  table_->setColumnWidth(FindingsModel::kFile, 200);
  table_->setColumnWidth(FindingsModel::kTypes, 190);
  table_->setColumnWidth(FindingsModel::kConfidence, 95);
  table_->setColumnWidth(FindingsModel::kExamples, 170);
  table_->setColumnWidth(FindingsModel::kFolder, 200);
  table_->setColumnWidth(FindingsModel::kState, 110);
  table_->setTabKeyNavigation(false);  // Tab leaves the table for the detail pane and buttons
  detail_ = new QTextBrowser(split);
  detail_->setOpenLinks(false);
  split->addWidget(table_);
  split->addWidget(detail_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  split->setSizes({760, 420});
  root->addWidget(split, 1);
  connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
    updateDetail();
    updateActions();
  });
  connect(table_, &QTableView::activated, this, [this] { detail_->setFocus(); });
  table_->installEventFilter(this);

  // Actions.
  auto* buttons = new QHBoxLayout;
  encrypt_ = new QPushButton(central);
  decrypt_ = new QPushButton(central);
  shred_ = new QPushButton(central);
  folder_ = new QPushButton(central);
  exception_ = new QPushButton(central);
  scan_ = new QPushButton(central);
  report_ = new QPushButton(central);
  encrypt_->setDefault(true);
  for (QPushButton* b : {encrypt_, decrypt_, shred_, folder_, exception_}) buttons->addWidget(b);
  buttons->addStretch(1);
  buttons->addWidget(scan_);
  buttons->addWidget(report_);
  root->addLayout(buttons);
  connect(encrypt_, &QPushButton::clicked, this, [this] { askAndRun(ActionKind::kEncrypt); });
  connect(decrypt_, &QPushButton::clicked, this, [this] { askAndRun(ActionKind::kDecrypt); });
  connect(shred_, &QPushButton::clicked, this, [this] { askAndRun(ActionKind::kShred); });
  connect(folder_, &QPushButton::clicked, this, &ResultsWindow::openFolder);
  connect(exception_, &QPushButton::clicked, this, &ResultsWindow::requestException);
  connect(scan_, &QPushButton::clicked, this, &ResultsWindow::scanRequested);
  connect(report_, &QPushButton::clicked, this, &ResultsWindow::reportRequested);
  // Keys beside the mnemonics (the buttons' tooltips name them).
  auto key = [this](const QKeySequence& seq, QPushButton* button) {
    auto* s = new QShortcut(seq, this);
    connect(s, &QShortcut::activated, button, [button] {
      if (button->isEnabled()) button->click();
    });
  };
  key(QKeySequence(Qt::CTRL | Qt::Key_E), encrypt_);
  key(QKeySequence(Qt::CTRL | Qt::Key_D), decrypt_);
  key(QKeySequence(Qt::SHIFT | Qt::Key_Delete), shred_);
  key(QKeySequence(Qt::CTRL | Qt::Key_O), folder_);
  key(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), exception_);
  key(QKeySequence(Qt::Key_F5), scan_);
  key(QKeySequence(Qt::CTRL | Qt::Key_P), report_);
  auto* find = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_F), this);
  connect(find, &QShortcut::activated, this, [this] { folder_edit_->setFocus(); });

  // Progress of a running action.
  auto* progress_row = new QHBoxLayout;
  progress_label_ = new QLabel(central);
  progress_ = new QProgressBar(central);
  cancel_ = new QPushButton(central);
  progress_row->addWidget(progress_label_);
  progress_row->addWidget(progress_, 1);
  progress_row->addWidget(cancel_);
  root->addLayout(progress_row);
  for (QWidget* w : {static_cast<QWidget*>(progress_label_), static_cast<QWidget*>(progress_),
                     static_cast<QWidget*>(cancel_)})
    w->hide();
  connect(cancel_, &QPushButton::clicked, queue_, &ActionQueue::cancel);
  auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
  connect(escape, &QShortcut::activated, this, [this] {
    if (queue_->isRunning()) queue_->cancel();
  });

  setCentralWidget(central);
  statusBar();
  updateActions();
}

void ResultsWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QMainWindow::changeEvent(event);
}

bool ResultsWindow::eventFilter(QObject* watched, QEvent* event) {
  // Tabbing into the table selects a file at once, so that the keys that act on the selection
  // (Ctrl+E, Shift+Delete, …) work without first pressing an arrow key.
  if (watched == table_ && event->type() == QEvent::FocusIn && filter_->rowCount() > 0 &&
      !table_->selectionModel()->hasSelection()) {
    QModelIndex current = table_->currentIndex();
    if (!current.isValid()) current = filter_->index(0, 0);
    table_->selectionModel()->setCurrentIndex(
        current, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  }
  return QMainWindow::eventFilter(watched, event);
}

void ResultsWindow::retranslate() {
  setWindowTitle(tr("Jamul — personal data on this PC"));
  rule_label_->setText(tr("&Kind:"));
  level_label_->setText(tr("&Confidence:"));
  state_label_->setText(tr("S&tate:"));
  folder_label_->setText(tr("F&older:"));
  folder_edit_->setPlaceholderText(tr("part of a folder path (Ctrl+F)"));
  rule_box_->setAccessibleName(tr("Filter by kind of personal data"));
  level_box_->setAccessibleName(tr("Filter by lowest confidence"));
  state_box_->setAccessibleName(tr("Filter by protection state"));
  folder_edit_->setAccessibleName(tr("Filter by folder"));
  table_->setAccessibleName(tr("Files with personal data"));
  detail_->setAccessibleName(tr("Why the selected file was reported"));
  summary_->setAccessibleName(tr("Summary"));

  const int level = level_box_->currentIndex();
  level_box_->blockSignals(true);
  level_box_->clear();
  level_box_->addItem(tr("Any"), static_cast<int>(Level::kLow));
  level_box_->addItem(tr("Medium or high"), static_cast<int>(Level::kMedium));
  level_box_->addItem(tr("High only"), static_cast<int>(Level::kHigh));
  level_box_->setCurrentIndex(level < 0 ? 0 : level);
  level_box_->blockSignals(false);

  const int state = state_box_->currentIndex();
  state_box_->blockSignals(true);
  state_box_->clear();
  state_box_->addItem(tr("All"), static_cast<int>(FindingsFilter::StateFilter::kAll));
  state_box_->addItem(tr("Not protected"), static_cast<int>(FindingsFilter::StateFilter::kUnprotected));
  state_box_->addItem(tr("Encrypted"), static_cast<int>(FindingsFilter::StateFilter::kEncrypted));
  state_box_->addItem(tr("Exception"), static_cast<int>(FindingsFilter::StateFilter::kException));
  state_box_->setCurrentIndex(state < 0 ? 0 : state);
  state_box_->blockSignals(false);

  encrypt_->setText(tr("&Encrypt"));
  encrypt_->setToolTip(tr("Encrypt the selected files (Ctrl+E)"));
  decrypt_->setText(tr("&Decrypt"));
  decrypt_->setToolTip(tr("Decrypt the selected encrypted files (Ctrl+D)"));
  shred_->setText(tr("S&hred"));
  shred_->setToolTip(tr("Delete the selected files for good (Shift+Delete)"));
  folder_->setText(tr("Open &folder"));
  folder_->setToolTip(tr("Open the folder of the selected file (Ctrl+O)"));
  exception_->setText(tr("Request e&xception"));
  exception_->setToolTip(tr("Ask to keep the selected files as they are (Ctrl+Shift+E)"));
  scan_->setText(tr("&Scan now"));
  scan_->setToolTip(tr("Scan this PC again (F5)"));
  report_->setText(tr("Save &report"));
  report_->setToolTip(tr("Save today's self-check report as PDF and HTML (Ctrl+P)"));
  cancel_->setText(tr("Cancel"));
  cancel_->setToolTip(tr("Stop after the current file (Esc)"));
  for (QPushButton* b : {encrypt_, decrypt_, shred_, folder_, exception_, scan_, report_, cancel_})
    b->setAccessibleName(b->toolTip());
  progress_->setAccessibleName(tr("Progress of the action"));

  model_->retranslate();
  refillRuleFilter();
  updateSummary();
  updateDetail();
}

void ResultsWindow::refillRuleFilter() {
  const QString current = rule_box_->currentData().toString();
  QStringList rules;
  for (const FileRecord& f : model_->files())
    for (auto it = f.counts.begin(); it != f.counts.end(); ++it)
      if (!rules.contains(it.key())) rules << it.key();
  std::sort(rules.begin(), rules.end(), [this](const QString& a, const QString& b) {
    return names_->title(a).localeAwareCompare(names_->title(b)) < 0;
  });
  rule_box_->blockSignals(true);
  rule_box_->clear();
  rule_box_->addItem(tr("All kinds"), QString());
  for (const QString& r : rules) rule_box_->addItem(names_->title(r), r);
  const int at = rule_box_->findData(current);
  rule_box_->setCurrentIndex(at < 0 ? 0 : at);
  rule_box_->blockSignals(false);
  filter_->setRule(rule_box_->currentData().toString());
}

void ResultsWindow::setAgentState(bool connected, const AgentStatus& status) {
  connected_ = connected;
  status_ = status;
  updateSummary();
  updateActions();
  if (selectedFiles().isEmpty()) updateDetail();
}

void ResultsWindow::updateSummary() {
  const qint64 plain = model_->plaintextFiles();
  const qint64 encrypted = model_->encryptedFiles();
  const auto rate = model_->encryptionRate();
  const QString rate_text =
      rate ? QStringLiteral("%1%").arg(QLocale().toString(*rate, 'f', 1)) : QStringLiteral("—");
  if (!connected_ && model_->files().isEmpty()) {
    summary_->setText(tr("Files with personal data: <b>—</b>"));  // not known yet, not zero
  } else {
    summary_->setText(
        tr("Files with personal data: <b>%1</b> &nbsp;·&nbsp; encrypted: <b>%2</b> &nbsp;·&nbsp; "
           "encryption rate: <b>%3</b>")
            .arg(plain + encrypted)
            .arg(encrypted)
            .arg(rate_text));
  }
  QString state;
  if (!connected_)
    state = tr("The Jamul agent is not reachable; retrying…");
  else if (status_.scanning)
    state = status_.percent() ? tr("Scanning… %1%").arg(*status_.percent())
                              : tr("Scanning… %n file(s) so far", nullptr, static_cast<int>(status_.files_done));
  else if (status_.paused)
    state = tr("Scanning is paused");
  else if (status_.last_scan_ms > 0)
    state = tr("Last scan: %1").arg(QLocale().toString(
        QDateTime::fromMSecsSinceEpoch(status_.last_scan_ms), QLocale::ShortFormat));
  else
    state = tr("Not scanned yet");
  agent_state_->setText(state);
}

void ResultsWindow::updateDetail() {
  const QList<const FileRecord*> files = selectedFiles();
  if (files.size() == 1) {
    detail_->setHtml(Explanation::html(*files.front(), *names_));
  } else if (files.isEmpty()) {
    QString text = tr("Select a file to see what was found in it and why.");
    if (model_->files().isEmpty())
      text = !connected_                ? tr("Waiting for the Jamul agent…")
             : status_.last_scan_ms == 0 ? tr("Your files have not been scanned yet.")
                                         : tr("No personal data was found in your files.");
    detail_->setHtml(QStringLiteral("<p>%1</p>").arg(text));
  } else {
    detail_->setHtml(QStringLiteral("<p>%1</p>").arg(tr("%n file(s) selected.", nullptr, static_cast<int>(files.size()))));
  }
}

void ResultsWindow::updateActions() {
  const QList<const FileRecord*> files = selectedFiles();
  bool any_plain = false, any_encrypted = false;
  for (const FileRecord* f : files) (f->state == FileState::kEncrypted ? any_encrypted : any_plain) = true;
  const bool idle = connected_ && !queue_->isRunning();
  encrypt_->setEnabled(idle && any_plain);
  decrypt_->setEnabled(idle && any_encrypted);
  shred_->setEnabled(idle && !files.isEmpty());
  exception_->setEnabled(idle && any_plain);
  folder_->setEnabled(files.size() == 1);
  scan_->setEnabled(connected_);
  report_->setEnabled(connected_);
}

QList<const FileRecord*> ResultsWindow::selectedFiles() const {
  QList<const FileRecord*> out;
  for (const QModelIndex& proxy : table_->selectionModel()->selectedRows()) {
    const QModelIndex source = filter_->mapToSource(proxy);
    if (const FileRecord* f = model_->fileAt(source.row())) out << f;
  }
  return out;
}

QStringList ResultsWindow::selectedPaths() const {
  QStringList out;
  for (const FileRecord* f : selectedFiles()) out << f->path;
  return out;
}

void ResultsWindow::selectPath(const QString& path) {
  const int row = model_->rowOfPath(path);
  if (row < 0) return;
  const QModelIndex proxy = filter_->mapFromSource(model_->index(row, 0));
  if (!proxy.isValid()) return;
  table_->selectionModel()->select(proxy, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  table_->scrollTo(proxy);
}

void ResultsWindow::askAndRun(ActionKind kind) {
  QStringList files;
  for (const FileRecord* f : selectedFiles()) {
    const bool encrypted = f->state == FileState::kEncrypted;
    if (kind == ActionKind::kEncrypt && encrypted) continue;  // nothing to do on those
    if (kind == ActionKind::kDecrypt && !encrypted) continue;
    files << f->path;
  }
  if (files.isEmpty()) return;
  if (kind == ActionKind::kShred || kind == ActionKind::kDecrypt) {
    QMessageBox box(this);
    box.setIcon(kind == ActionKind::kShred ? QMessageBox::Warning : QMessageBox::Question);
    box.setWindowTitle(kind == ActionKind::kShred ? tr("Shred files") : tr("Decrypt files"));
    box.setText(kind == ActionKind::kShred
                    ? tr("Delete these %n file(s) for good? They cannot be recovered.", nullptr, static_cast<int>(files.size()))
                    : tr("Decrypt these %n file(s)? Their personal data will be readable again.", nullptr, static_cast<int>(files.size())));
    box.setInformativeText(fileList(files));
    if (files.size() > kNamedFiles) {
      QStringList all;
      for (const QString& f : files) all << QDir::toNativeSeparators(f);
      box.setDetailedText(all.join(QLatin1Char('\n')));
    }
    QPushButton* go = box.addButton(kind == ActionKind::kShred ? tr("&Shred") : tr("&Decrypt"),
                                    QMessageBox::DestructiveRole);
    QPushButton* keep = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(keep);  // Enter does not destroy: the safe answer is the default
    box.setEscapeButton(keep);
    box.exec();
    if (box.clickedButton() != go) return;
  }
  runAction(kind, files);
}

void ResultsWindow::runAction(ActionKind kind, const QStringList& files) {
  if (files.isEmpty() || queue_->isRunning()) return;
  queue_->start(kind, files);
  updateActions();
}

void ResultsWindow::requestException() {
  QStringList files;
  for (const FileRecord* f : selectedFiles())
    if (f->state != FileState::kEncrypted) files << f->path;
  if (files.isEmpty()) return;
  ExceptionDialog dialog(files, this);
  if (dialog.exec() != QDialog::Accepted) return;
  queue_->start(ActionKind::kException, files, dialog.reason(), dialog.days());
  updateActions();
}

void ResultsWindow::openFolder() {
  const QList<const FileRecord*> files = selectedFiles();
  if (files.size() != 1) return;
  // The file manager opens the folder; the tray itself never opens a user's file.
  QDesktopServices::openUrl(QUrl::fromLocalFile(files.front()->folder()));
}

void ResultsWindow::onProgress(int done, int total) {
  QString what;
  switch (queue_->kind()) {
    case ActionKind::kEncrypt: what = tr("Encrypting"); break;
    case ActionKind::kDecrypt: what = tr("Decrypting"); break;
    case ActionKind::kShred: what = tr("Shredding"); break;
    case ActionKind::kException: what = tr("Requesting exceptions"); break;
  }
  progress_label_->setText(tr("%1: %2 of %3").arg(what).arg(done).arg(total));
  progress_->setRange(0, total);
  progress_->setValue(done);
  const bool show = done < total;
  for (QWidget* w : {static_cast<QWidget*>(progress_label_), static_cast<QWidget*>(progress_),
                     static_cast<QWidget*>(cancel_)})
    w->setVisible(show);
}

void ResultsWindow::onFinished(const QList<ActionOutcome>& outcomes, bool cancelled) {
  for (QWidget* w : {static_cast<QWidget*>(progress_label_), static_cast<QWidget*>(progress_),
                     static_cast<QWidget*>(cancel_)})
    w->hide();
  updateActions();
  emit filesChanged();
  int ok = 0;
  for (const ActionOutcome& o : outcomes) ok += o.ok ? 1 : 0;
  statusBar()->showMessage(tr("%1 of %n file(s) done", nullptr, static_cast<int>(outcomes.size())).arg(ok), 10000);
  OutcomeDialog dialog(queue_->kind(), outcomes, cancelled, this);
  dialog.exec();
}

}  // namespace jamul::gui
