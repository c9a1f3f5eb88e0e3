// SPDX-License-Identifier: Apache-2.0
#pragma once

// Explanation: the detail pane's text for one file — what was found where, how sure the agent is,
// and why it reported each finding (the rule, a verified check digit, a keyword or label nearby),
// as HTML. Only what the agent sent is shown: masked excerpts, never a value.
//
// Thread-safety: GUI thread (translation).

#include <QCoreApplication>
#include <QString>

#include "file_record.h"
#include "rule_names.h"

namespace jamul::gui {

class Explanation {
  Q_DECLARE_TR_FUNCTIONS(Explanation)

 public:
  static QString html(const FileRecord& file, const RuleNames& names);
  // One basis name of the agent ("checksum", "keyword", ...) for a finding of `rule`, as a phrase.
  static QString basisText(const QString& basis, const QString& rule);
};

}  // namespace jamul::gui
