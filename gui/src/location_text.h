// SPDX-License-Identifier: Apache-2.0
#pragma once

// LocationText: a finding's location as the agent writes it (English, stable: "line 12",
// "row 5, column 3", "report.docx!section 1, paragraph 4", "attachment:a.xlsx!Sheet1!C5") in the
// tray's language. Only the place words with their numbers are translated; names of members,
// sheets and attachments are kept as they are.
//
// Thread-safety: GUI thread (translation).

#include <QCoreApplication>
#include <QString>

namespace jamul::gui {

class LocationText {
  Q_DECLARE_TR_FUNCTIONS(LocationText)

 public:
  static QString of(const QString& location);
};

}  // namespace jamul::gui
