// SPDX-License-Identifier: Apache-2.0
#pragma once

// OutcomeDialog: what an action did to each file — done (and what it became), or refused and
// why, in the tray's language — and whether it was cancelled before the end.
//
// Thread-safety: GUI thread only.

#include <QDialog>
#include <QList>

#include "action_queue.h"

class QTableWidget;

namespace jamul::gui {

class OutcomeDialog : public QDialog {
  Q_OBJECT
 public:
  OutcomeDialog(ActionKind kind, const QList<ActionOutcome>& outcomes, bool cancelled,
                QWidget* parent = nullptr);
  QTableWidget* table() const { return table_; }

 private:
  QTableWidget* table_;
};

}  // namespace jamul::gui
