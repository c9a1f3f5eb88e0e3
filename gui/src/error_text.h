// SPDX-License-Identifier: Apache-2.0
#pragma once

// ErrorText: the sentence an employee reads for an error of the agent (its stable code, never its
// English log message), in the tray's language.
//
// Thread-safety: GUI thread (translation).

#include <QCoreApplication>
#include <QString>

#include "jamul/common/error.h"

namespace jamul::gui {

class ErrorText {
  Q_DECLARE_TR_FUNCTIONS(ErrorText)

 public:
  static QString of(ErrorCode code);
  static QString of(const Error& error) { return of(error.code()); }
};

}  // namespace jamul::gui
