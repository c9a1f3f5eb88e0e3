// SPDX-License-Identifier: Apache-2.0
#include "rule_names.h"

#include <climits>

#include "language.h"

namespace jamul::gui {

using protocol::JsonValue;

void RuleNames::load(const JsonValue& result) {
  const JsonValue* rules = result.find("rules");
  if (!rules || !rules->isArray()) return;
  for (const JsonValue& r : rules->asArray()) {
    const JsonValue* id = r.find("id");
    if (!id || !id->isString()) continue;
    const QString key = QString::fromStdString(id->asString());
    if (!order_.contains(key)) order_.insert(key, static_cast<int>(order_.size()));
    if (const JsonValue* t = r.find("title"); t && t->isString())
      english_.insert(key, QString::fromStdString(t->asString()));
    if (const JsonValue* t = r.find("title_ko"); t && t->isString())
      korean_.insert(key, QString::fromStdString(t->asString()));
  }
}

QString RuleNames::title(const QString& rule) const {
  if (currentLanguage() == QLatin1String("ko")) {
    if (auto it = korean_.find(rule); it != korean_.end()) return *it;
  }
  if (auto it = english_.find(rule); it != english_.end()) return *it;
  return rule;
}

bool RuleNames::lessThan(const QString& a, const QString& b) const {
  const int oa = order_.value(a, INT_MAX), ob = order_.value(b, INT_MAX);
  return oa != ob ? oa < ob : a < b;
}

}  // namespace jamul::gui
