// SPDX-License-Identifier: Apache-2.0
#include "tray_app.h"

#include <QActionGroup>
#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHostInfo>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTextDocument>
#include <QUrl>

#include "exception_dialog.h"
#include "results_window.h"

namespace jamul::gui {

using protocol::JsonValue;
using protocol::LocalOp;

namespace {

// How often the status is asked for while connected (events say most changes; this catches the
// rest, e.g. a pause that ended by itself).
constexpr int kStatusPollMs = 2000;
// Findings are fetched again this long after the last event that changed them (a scan finding a
// hundred files sends a hundred events: one refresh).
constexpr int kFindingsDebounceMs = 700;
// `found` events are gathered this long into one notification.
constexpr int kFoundNoticeMs = 3000;

QString iconPath(TrayState state) {
  switch (state) {
    case TrayState::kOffline: return QStringLiteral(":/icons/tray-offline.svg");
    case TrayState::kScanning: return QStringLiteral(":/icons/tray-scanning.svg");
    case TrayState::kPaused: return QStringLiteral(":/icons/tray-paused.svg");
    case TrayState::kFound: return QStringLiteral(":/icons/tray-found.svg");
    case TrayState::kClean: return QStringLiteral(":/icons/tray-clean.svg");
    case TrayState::kUnscanned: return QStringLiteral(":/icons/jamul.svg");
  }
  return QStringLiteral(":/icons/jamul.svg");
}

}  // namespace

TrayApp::TrayApp(const TrayOptions& options, Language* language, QObject* parent)
    : QObject(parent),
      options_(options),
      language_(language),
      client_(options.socket_path),
      model_(&names_) {
  status_timer_.setInterval(kStatusPollMs);
  connect(&status_timer_, &QTimer::timeout, this, &TrayApp::refreshStatus);
  findings_timer_.setSingleShot(true);
  findings_timer_.setInterval(kFindingsDebounceMs);
  connect(&findings_timer_, &QTimer::timeout, this, &TrayApp::refreshFindings);
  found_timer_.setSingleShot(true);
  found_timer_.setInterval(kFoundNoticeMs);
  connect(&found_timer_, &QTimer::timeout, this, &TrayApp::flushFoundNotice);
  connect(&client_, &AgentClient::connectedChanged, this, &TrayApp::onConnectedChanged);
  connect(&client_, &AgentClient::eventReceived, this, &TrayApp::onEvent);
  connect(language_, &Language::changed, this, [this] { retranslate(); });

  window_ = new ResultsWindow(&model_, &names_, &client_);
  window_->setWindowIcon(QIcon(QStringLiteral(":/icons/jamul.svg")));
  connect(window_, &ResultsWindow::scanRequested, this, &TrayApp::scanNow);
  connect(window_, &ResultsWindow::reportRequested, this, &TrayApp::saveReport);
  connect(window_, &ResultsWindow::filesChanged, this, [this] {
    refreshFindings();
    refreshStatus();
  });
  buildMenu();
  if (options_.use_tray) {
    tray_ = new QSystemTrayIcon(this);
    tray_->setContextMenu(menu_);
    connect(tray_, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
      if (r == QSystemTrayIcon::Trigger || r == QSystemTrayIcon::DoubleClick) openResults();
    });
    connect(tray_, &QSystemTrayIcon::messageClicked, this, &TrayApp::openResults);
  } else {
    // No tray: the window is the application, with the tray menu's commands in its menu bar.
    window_->menuBar()->addMenu(menu_);
  }
  retranslate();
  updateIcon();
}

TrayApp::~TrayApp() {
  delete window_;
  delete menu_;  // a tray's context menu has no owner
}

void TrayApp::start() {
  client_.start();
  if (tray_) tray_->show();
  if (!tray_ || options_.open_results) openResults();
}

void TrayApp::buildMenu() {
  menu_ = new QMenu;
  status_action_ = menu_->addAction(QString());
  status_action_->setEnabled(false);
  menu_->addSeparator();
  scan_action_ = menu_->addAction(QString(), this, &TrayApp::scanNow);
  pause_action_ = menu_->addAction(QString(), this, &TrayApp::togglePause);
  results_action_ = menu_->addAction(QString(), this, &TrayApp::openResults);
  report_action_ = menu_->addAction(QString(), this, &TrayApp::saveReport);
  menu_->addSeparator();
  language_menu_ = menu_->addMenu(QString());
  auto* group = new QActionGroup(menu_);
  lang_system_ = language_menu_->addAction(QString());
  // The languages are named in themselves, so that someone who cannot read the current one
  // still finds theirs.
  lang_ko_ = language_menu_->addAction(QStringLiteral("한국어"));  // notr: a language's own name
  lang_en_ = language_menu_->addAction(QStringLiteral("English"));  // notr: a language's own name
  for (QAction* a : {lang_system_, lang_ko_, lang_en_}) {
    a->setCheckable(true);
    group->addAction(a);
  }
  connect(lang_system_, &QAction::triggered, this, [this] { language_->apply(QStringLiteral("system")); });
  connect(lang_ko_, &QAction::triggered, this, [this] { language_->apply(QStringLiteral("ko")); });
  connect(lang_en_, &QAction::triggered, this, [this] { language_->apply(QStringLiteral("en")); });
  menu_->addSeparator();
  quit_action_ = menu_->addAction(QString(), qApp, &QApplication::quit);
}

void TrayApp::retranslate() {
  menu_->setTitle(tr("&Jamul"));  // its name in the window's menu bar, where there is no tray
  scan_action_->setText(tr("&Scan now"));
  results_action_->setText(tr("&Open results…"));
  report_action_->setText(tr("Save self-check &report"));
  language_menu_->setTitle(tr("&Language"));
  lang_system_->setText(tr("&System default"));
  quit_action_->setText(tr("&Quit"));
  const QString choice = language_->choice();
  lang_system_->setChecked(choice == QLatin1String("system"));
  lang_ko_->setChecked(choice == QLatin1String("ko"));
  lang_en_->setChecked(choice == QLatin1String("en"));
  updateIcon();
}

TrayState TrayApp::trayState() const {
  qint64 unprotected = model_.unprotectedFiles();
  // Before the first listing arrives, the agent's count stands.
  if (model_.files().isEmpty()) unprotected = status_.files_with_findings;
  return trayStateOf(client_.isConnected(), status_, unprotected);
}

QIcon TrayApp::iconFor(TrayState state) const {
  QIcon base(iconPath(state));
  if (state != TrayState::kScanning || !status_.percent()) return base;
  // The scan's progress as a bar along the icon's foot, at each size the tray may ask for.
  QIcon icon;
  for (int size : {16, 22, 24, 32, 48, 64}) {
    QPixmap pixmap = base.pixmap(size, size);
    QPainter painter(&pixmap);
    const int h = std::max(2, size / 8);
    const QRect bar(0, size - h, size, h);
    painter.fillRect(bar, QColor(0, 0, 0, 160));
    painter.fillRect(QRect(bar.left(), bar.top(), size * *status_.percent() / 100, h), QColor(0x1e, 0x88, 0xe5));
    painter.end();
    icon.addPixmap(pixmap);
  }
  return icon;
}

void TrayApp::updateIcon() {
  const TrayState state = trayState();
  const qint64 unprotected =
      model_.files().isEmpty() ? status_.files_with_findings : model_.unprotectedFiles();
  QString text;
  switch (state) {
    case TrayState::kOffline: text = tr("Jamul agent not reachable; retrying"); break;
    case TrayState::kScanning:
      text = status_.percent() ? tr("Scanning: %1%").arg(*status_.percent())
                               : tr("Scanning: %n file(s) so far", nullptr, static_cast<int>(status_.files_done));
      break;
    case TrayState::kPaused: text = tr("Scanning paused"); break;
    case TrayState::kFound:
      text = tr("%n file(s) with unprotected personal data", nullptr, static_cast<int>(unprotected));
      break;
    case TrayState::kClean: text = tr("No unprotected personal data"); break;
    case TrayState::kUnscanned: text = tr("Not scanned yet"); break;
  }
  status_action_->setText(text);
  pause_action_->setText(status_.paused ? tr("&Resume scanning") : tr("&Pause scanning"));
  const bool connected = client_.isConnected();
  for (QAction* a : {scan_action_, pause_action_}) a->setEnabled(connected);
  report_action_->setEnabled(connected);
  if (tray_) {
    tray_->setIcon(iconFor(state));
    tray_->setToolTip(tr("Jamul: %1").arg(text));
  }
  window_->setWindowIcon(QIcon(QStringLiteral(":/icons/jamul.svg")));
  window_->setAgentState(connected, status_);
}

void TrayApp::onConnectedChanged(bool connected) {
  if (connected) {
    was_connected_once_ = true;
    status_timer_.start();
    client_.call(LocalOp::kRules, JsonValue::object({}), [this](const Result<JsonValue>& r) {
      if (!r) return;  // an agent without the `rules` request: rule ids stand
      names_.load(*r);
      model_.retranslate();
    });
    refreshStatus();
    refreshFindings();
  } else {
    status_timer_.stop();
  }
  updateIcon();
}

void TrayApp::onEvent(const QString& name, const JsonValue& data) {
  if (name == QLatin1String("progress") || name == QLatin1String("state")) {
    refreshStatus();
    if (name == QLatin1String("state")) findings_timer_.start();  // a scan ended: fresh listing
  } else if (name == QLatin1String("found")) {
    if (const JsonValue* p = data.find("path"); p && p->isString())
      found_paths_.insert(QString::fromStdString(p->asString()));
    if (!found_timer_.isActive()) found_timer_.start();
    findings_timer_.start();
  } else if (name == QLatin1String("question")) {
    const JsonValue* id = data.find("id");
    const JsonValue* path = data.find("path");
    if (!id || !id->isInteger() || !path || !path->isString()) return;
    QMap<QString, qint64> counts;
    if (const JsonValue* c = data.find("counts"); c && c->isObject())
      for (const auto& [rule, n] : c->members())
        if (n.isInteger()) counts.insert(QString::fromStdString(rule), n.asInteger());
    askQuestion(id->asInteger(), QString::fromStdString(path->asString()), counts);
  } else if (name == QLatin1String("volume")) {
    const JsonValue* label = data.find("label");
    notify(tr("Removable disk connected"),
           tr("Jamul is checking %1 for personal data.")
               .arg(label && label->isString() && !label->asString().empty()
                        ? QString::fromStdString(label->asString())
                        : tr("the disk")),
           false);
  }
}

void TrayApp::refreshStatus() {
  client_.call(LocalOp::kStatus, JsonValue::object({}), [this](const Result<JsonValue>& r) {
    if (!r) return;
    status_ = parseAgentStatus(*r);
    updateIcon();
  });
}

void TrayApp::refreshFindings() {
  if (findings_running_) {
    findings_pending_ = true;  // one more when this one ends
    return;
  }
  findings_running_ = true;
  fetchFindingsPage(0, encrypted_supported_, {});
}

void TrayApp::fetchFindingsPage(qint64 offset, bool with_encrypted, QList<FileRecord> so_far) {
  std::vector<JsonValue::Member> args = {{"min_confidence", JsonValue::string("medium")},
                                         {"offset", JsonValue::integer(offset)}};
  if (with_encrypted) args.emplace_back("encrypted", JsonValue::boolean(true));
  client_.call(LocalOp::kFindings, JsonValue::object(std::move(args)),
               [this, offset, with_encrypted, so_far = std::move(so_far)](const Result<JsonValue>& r) mutable {
                 if (!r && with_encrypted && r.error().code() == ErrorCode::kInvalidArgument) {
                   // An older agent without the encrypted listing: plaintext files only.
                   encrypted_supported_ = false;
                   fetchFindingsPage(offset, false, std::move(so_far));
                   return;
                 }
                 auto page = r ? parseFindingsPage(*r) : Result<FindingsPage>(r.error());
                 if (!page) {
                   findings_running_ = false;
                   return;  // unreachable or malformed: the next event or connection tries again
                 }
                 so_far += page->files;
                 if (page->next) {
                   fetchFindingsPage(*page->next, with_encrypted, std::move(so_far));
                   return;
                 }
                 model_.setFiles(std::move(so_far), status_.volumes);
                 findings_running_ = false;
                 updateIcon();
                 emit findingsRefreshed();
                 if (findings_pending_) {
                   findings_pending_ = false;
                   refreshFindings();
                 }
               });
}

void TrayApp::notify(const QString& title, const QString& text, bool warning) {
  if (tray_ && QSystemTrayIcon::supportsMessages())
    tray_->showMessage(title, text, warning ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 10000);
  else
    window_->statusBar()->showMessage(title + QStringLiteral(": ") + text, 15000);
}

void TrayApp::flushFoundNotice() {
  if (found_paths_.isEmpty()) return;
  const int n = static_cast<int>(found_paths_.size());
  found_paths_.clear();
  notify(tr("Personal data found"),
         tr("%n new file(s) with personal data. Open the results to protect them.", nullptr, n), true);
}

void TrayApp::askQuestion(qint64 id, const QString& path, const QMap<QString, qint64>& counts) {
  if (asked_.contains(id)) return;
  asked_.insert(id);
  notify(tr("Your decision is needed"),
         tr("%1 holds personal data. Choose what to do with it.").arg(QFileInfo(path).fileName()), true);
  auto* box = new QMessageBox(QMessageBox::Question, tr("Personal data found — your decision"),
                              tr("Your organisation's policy asks you to decide what to do with "
                                 "this file:\n\n%1\n\nIt holds: %2")
                                  .arg(QDir::toNativeSeparators(path), FindingsModel::typesText(counts, names_)));
  box->setAttribute(Qt::WA_DeleteOnClose);
  QPushButton* encrypt = box->addButton(tr("&Encrypt"), QMessageBox::AcceptRole);
  QPushButton* keep = box->addButton(tr("&Keep as it is"), QMessageBox::RejectRole);
  QPushButton* shred = box->addButton(tr("S&hred"), QMessageBox::DestructiveRole);
  QPushButton* except = box->addButton(tr("Request e&xception…"), QMessageBox::ActionRole);
  box->setDefaultButton(encrypt);
  connect(box, &QMessageBox::buttonClicked, this,
          [this, id, path, encrypt, keep, shred, except](QAbstractButton* b) {
    QString decision;
    if (b == encrypt) decision = QStringLiteral("encrypt");
    else if (b == keep) decision = QStringLiteral("keep");
    else if (b == except) {
      // The file stays as it is while the privacy officer decides: the request, then "keep".
      ExceptionDialog dialog({path});
      if (dialog.exec() != QDialog::Accepted) {
        asked_.remove(id);
        return;
      }
      client_.call(LocalOp::kException,
                   JsonValue::object({{"file", JsonValue::string(path.toStdString())},
                                      {"reason", JsonValue::string(dialog.reason().toStdString())},
                                      {"days", JsonValue::integer(dialog.days())}}),
                   [](const Result<JsonValue>&) {});
      decision = QStringLiteral("keep");
    } else if (b == shred) {
      if (QMessageBox::warning(nullptr, tr("Shred files"),
                               tr("Delete %1 for good? It cannot be recovered.").arg(QDir::toNativeSeparators(path)),
                               QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes) {
        asked_.remove(id);  // not answered: it may be asked again
        return;
      }
      decision = QStringLiteral("shred");
    }
    client_.call(LocalOp::kAnswer,
                 JsonValue::object({{"question", JsonValue::integer(id)},
                                    {"decision", JsonValue::string(decision.toStdString())}}),
                 [this](const Result<JsonValue>&) { refreshFindings(); });
  });
  box->show();
}

void TrayApp::openResults() {
  window_->show();
  window_->raise();
  window_->activateWindow();
}

void TrayApp::scanNow() {
  client_.call(LocalOp::kScan, JsonValue::object({}), [this](const Result<JsonValue>& r) {
    if (r) refreshStatus();
  });
}

void TrayApp::togglePause() {
  client_.call(status_.paused ? LocalOp::kResume : LocalOp::kPause, JsonValue::object({}),
               [this](const Result<JsonValue>&) { refreshStatus(); });
}

void TrayApp::saveReport() {
  const QDateTime midnight(QDate::currentDate(), QTime(0, 0));
  client_.call(LocalOp::kHistory,
               JsonValue::object({{"since_ms", JsonValue::integer(midnight.toMSecsSinceEpoch())}}),
               [this](const Result<JsonValue>& r) {
                 // An agent without the history request still gets a report, without section 3.
                 writeReport(r ? parseHistory(*r) : QList<HistoryItem>{});
               });
}

void TrayApp::writeReport(const QList<HistoryItem>& today) {
  ReportData data;
  data.created = QDateTime::currentDateTime();
  data.user = client_.userName();
  data.host = QHostInfo::localHostName();
  data.agent_version = client_.agentVersion();
  data.last_scan_ms = status_.last_scan_ms;
  data.policy_version = status_.policy_version;
  data.files = model_.files();
  data.today = today;
  const QString html = ReportWriter::html(data, names_);
  QString dir = options_.report_dir;
  if (dir.isEmpty())
    dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QStringLiteral("/Jamul");
  QDir().mkpath(dir);
  const QString base = dir + QLatin1Char('/') + ReportWriter::baseName(data.created.date());
  const QString pdf = base + QStringLiteral(".pdf");
  const QString page = base + QStringLiteral(".html");
  Status written = ReportWriter::writeHtml(html, page);
  if (written) written = ReportWriter::writePdf(html, pdf);
  if (!written) {
    QMessageBox::warning(window_, tr("Self-check report"),
                         tr("The report could not be saved in %1.").arg(QDir::toNativeSeparators(dir)));
    return;
  }
  emit reportSaved(pdf, page);
  QMessageBox box(QMessageBox::Information, tr("Self-check report"),
                  tr("Today's report was saved:\n%1\n%2")
                      .arg(QDir::toNativeSeparators(pdf), QDir::toNativeSeparators(page)),
                  QMessageBox::NoButton, window_->isVisible() ? window_ : nullptr);
  QPushButton* open = box.addButton(tr("&Open"), QMessageBox::AcceptRole);
  QPushButton* print = box.addButton(tr("&Print…"), QMessageBox::ActionRole);
  QPushButton* folder = box.addButton(tr("Open &folder"), QMessageBox::ActionRole);
  box.addButton(QMessageBox::Close);
  box.setDefaultButton(open);
  box.exec();
  if (box.clickedButton() == open) {
    QDesktopServices::openUrl(QUrl::fromLocalFile(pdf));
  } else if (box.clickedButton() == folder) {
    QDesktopServices::openUrl(QUrl::fromLocalFile(dir));
  } else if (box.clickedButton() == print) {
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageSize(QPageSize(QPageSize::A4));
    QPrintDialog dialog(&printer, window_);
    if (dialog.exec() == QDialog::Accepted) {
      QTextDocument document;
      ReportWriter::fill(document, html);
      document.print(&printer);
    }
  }
}

}  // namespace jamul::gui
