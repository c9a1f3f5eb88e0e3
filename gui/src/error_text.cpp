// SPDX-License-Identifier: Apache-2.0
#include "error_text.h"

namespace jamul::gui {

QString ErrorText::of(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return tr("The request was not valid.");
    case ErrorCode::kNotFound: return tr("The file is no longer there.");
    case ErrorCode::kPermissionDenied: return tr("Not your file, or you may not change it.");
    case ErrorCode::kIo: return tr("The file could not be read or written (is the disk full?).");
    case ErrorCode::kUnsupportedFormat: return tr("This kind of file cannot be handled.");
    case ErrorCode::kCorrupt: return tr("The file is damaged.");
    case ErrorCode::kWrongKey: return tr("This PC's key does not open the file.");
    case ErrorCode::kCancelled: return tr("Cancelled.");
    case ErrorCode::kUnavailable: return tr("The Jamul agent is not running.");
    case ErrorCode::kTooLarge: return tr("Too many files at once.");
    case ErrorCode::kInternal: return tr("An internal error occurred; see the agent's log.");
  }
  return tr("An internal error occurred; see the agent's log.");
}

}  // namespace jamul::gui
