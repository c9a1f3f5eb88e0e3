// SPDX-License-Identifier: Apache-2.0
#include "jamul/scanner/rule.h"

namespace jamul::scanner {
namespace {
constexpr std::string_view kRuleNames[kRuleCount] = {
    "kr_rrn",      "kr_frn",         "kr_passport",         "kr_driver_license", "kr_phone",
    "card_number", "kr_bank_account", "kr_health_insurance", "kr_brn",            "kr_crn",
    "email",       "ipv4",           "ipv6",                "password",          "kr_address",
    "person_name", "birth_date",     "sensitive_health",    "age_sex"};
}  // namespace

std::string_view ruleName(RuleId rule) { return kRuleNames[ruleIndex(rule)]; }

std::optional<RuleId> ruleFromName(std::string_view name) {
  for (RuleId r : kAllRules)
    if (ruleName(r) == name) return r;
  return std::nullopt;
}

std::string_view confidenceName(Confidence confidence) {
  switch (confidence) {
    case Confidence::kLow: return "low";
    case Confidence::kMedium: return "medium";
    case Confidence::kHigh: return "high";
  }
  return "low";
}

std::optional<Confidence> confidenceFromName(std::string_view name) {
  if (name == "low") return Confidence::kLow;
  if (name == "medium") return Confidence::kMedium;
  if (name == "high") return Confidence::kHigh;
  return std::nullopt;
}

}  // namespace jamul::scanner
