// SPDX-License-Identifier: Apache-2.0
#include "outcome_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include "error_text.h"

namespace jamul::gui {

OutcomeDialog::OutcomeDialog(ActionKind kind, const QList<ActionOutcome>& outcomes, bool cancelled,
                             QWidget* parent)
    : QDialog(parent), table_(new QTableWidget(static_cast<int>(outcomes.size()), 3, this)) {
  int ok = 0;
  for (const ActionOutcome& o : outcomes) ok += o.ok ? 1 : 0;
  QString title;
  switch (kind) {
    case ActionKind::kEncrypt: title = tr("Encryption"); break;
    case ActionKind::kDecrypt: title = tr("Decryption"); break;
    case ActionKind::kShred: title = tr("Shredding"); break;
    case ActionKind::kException: title = tr("Exception requests"); break;
  }
  setWindowTitle(title);
  auto* layout = new QVBoxLayout(this);
  QString summary = tr("%1 of %n file(s) done.", nullptr, static_cast<int>(outcomes.size())).arg(ok);
  if (ok < outcomes.size()) summary += QLatin1Char(' ') + tr("The others were refused; see why below.");
  if (cancelled) summary += QLatin1Char(' ') + tr("Cancelled: the remaining files were not touched.");
  auto* label = new QLabel(summary, this);
  label->setWordWrap(true);
  layout->addWidget(label);

  table_->setHorizontalHeaderLabels({tr("File"), tr("Result"), tr("Details")});
  table_->setAccessibleName(tr("Result for each file"));
  table_->verticalHeader()->hide();
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  for (int row = 0; row < outcomes.size(); ++row) {
    const ActionOutcome& o = outcomes[row];
    auto* file = new QTableWidgetItem(QFileInfo(o.file).fileName());
    file->setToolTip(QDir::toNativeSeparators(o.file));
    table_->setItem(row, 0, file);
    table_->setItem(row, 1, new QTableWidgetItem(o.ok ? tr("Done") : tr("Refused")));
    QString details;
    if (!o.ok) {
      details = ErrorText::of(o.error.value_or(ErrorCode::kInternal));
    } else if (kind == ActionKind::kException) {
      details = tr("Request %1 sent; waiting for a decision.").arg(o.result_path);
    } else if (kind == ActionKind::kShred) {
      details = tr("Deleted for good.");
    } else {
      details = tr("Now: %1").arg(QFileInfo(o.result_path).fileName());
    }
    table_->setItem(row, 2, new QTableWidgetItem(details));
  }
  table_->resizeColumnsToContents();
  table_->horizontalHeader()->setStretchLastSection(true);
  layout->addWidget(table_, 1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
  layout->addWidget(buttons);
  resize(720, 360);
}

}  // namespace jamul::gui
