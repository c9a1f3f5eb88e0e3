// SPDX-License-Identifier: Apache-2.0
#include "exception_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace jamul::gui {

ExceptionDialog::ExceptionDialog(const QStringList& files, QWidget* parent)
    : QDialog(parent),
      reason_(new QPlainTextEdit(this)),
      days_(new QSpinBox(this)),
      hint_(new QLabel(this)),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
  setWindowTitle(tr("Request an exception"));
  auto* layout = new QVBoxLayout(this);
  QStringList names;
  for (const QString& f : files) names << QDir::toNativeSeparators(f);
  auto* intro = new QLabel(
      tr("Ask your privacy officer to let %n file(s) stay unencrypted:", nullptr, static_cast<int>(files.size())) +
          QLatin1Char('\n') + names.mid(0, 5).join(QLatin1Char('\n')) +
          (files.size() > 5 ? QStringLiteral("\n…") : QString()),
      this);
  intro->setWordWrap(true);
  layout->addWidget(intro);
  auto* form = new QFormLayout;
  auto* reason_label = new QLabel(tr("&Reason:"), this);
  reason_label->setBuddy(reason_);
  reason_->setTabChangesFocus(true);
  reason_->setPlaceholderText(tr("e.g. needed for this month's payroll"));
  reason_->setAccessibleName(tr("Reason for the exception"));
  form->addRow(reason_label, reason_);
  auto* days_label = new QLabel(tr("&Period (days):"), this);
  days_label->setBuddy(days_);
  days_->setRange(1, 366);
  days_->setValue(30);
  days_->setAccessibleName(tr("How many days the exception lasts"));
  form->addRow(days_label, days_);
  layout->addLayout(form);
  hint_->setWordWrap(true);
  layout->addWidget(hint_);
  buttons_->button(QDialogButtonBox::Ok)->setText(tr("Send &request"));
  layout->addWidget(buttons_);
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(reason_, &QPlainTextEdit::textChanged, this, &ExceptionDialog::validate);
  validate();
  reason_->setFocus();
}

QString ExceptionDialog::reason() const { return reason_->toPlainText().trimmed(); }

int ExceptionDialog::days() const { return days_->value(); }

void ExceptionDialog::validate() {
  const qsizetype bytes = reason().toUtf8().size();
  const bool ok = bytes > 0 && bytes <= kMaxReasonBytes;
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(ok);
  hint_->setText(bytes > kMaxReasonBytes ? tr("The reason is too long.")
                 : bytes == 0           ? tr("Give a reason: your privacy officer decides on it.")
                                        : QString());
}

}  // namespace jamul::gui
