// SPDX-License-Identifier: Apache-2.0
#pragma once

// ExceptionDialog: asks why the files must stay in plaintext and for how long (1–366 days, the
// agent's limits); the agent keeps the request until a console decides it.
//
// Thread-safety: GUI thread only.

#include <QDialog>
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QSpinBox;

namespace jamul::gui {

class ExceptionDialog : public QDialog {
  Q_OBJECT
 public:
  // The agent's limit on a reason, in bytes of UTF-8.
  static constexpr int kMaxReasonBytes = 1000;

  explicit ExceptionDialog(const QStringList& files, QWidget* parent = nullptr);
  QString reason() const;
  int days() const;

 private:
  void validate();

  QPlainTextEdit* reason_;
  QSpinBox* days_;
  QLabel* hint_;
  QDialogButtonBox* buttons_;
};

}  // namespace jamul::gui
