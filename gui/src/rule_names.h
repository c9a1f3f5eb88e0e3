// SPDX-License-Identifier: Apache-2.0
#pragma once

// RuleNames: what to call each kind of personal data, in the tray's language. The agent owns the
// rule catalogue (the tray does not link the scanner) and sends it with the `rules` request; until
// it has, or for a rule it does not name, the rule id stands.
//
// Thread-safety: GUI thread only.

#include <QHash>
#include <QString>

#include "jamul/protocol/json_value.h"

namespace jamul::gui {

class RuleNames {
 public:
  // Takes the `rules` reply ({"rules":[{"id","title","title_ko",...}]}); ignores what it cannot read.
  void load(const protocol::JsonValue& result);
  bool isEmpty() const { return english_.isEmpty(); }

  // The name in the current language (language.h), else the English one, else `rule`.
  QString title(const QString& rule) const;
  // The rule's place in the agent's catalogue (most specific identifiers first: the order
  // reports list kinds in); rules it did not name come after, by id.
  bool lessThan(const QString& a, const QString& b) const;

 private:
  QHash<QString, QString> english_;
  QHash<QString, QString> korean_;
  QHash<QString, int> order_;
};

}  // namespace jamul::gui
