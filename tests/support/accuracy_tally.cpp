// SPDX-License-Identifier: Apache-2.0
#include "support/accuracy_tally.h"

#include "jamul/scanner/rule_catalog.h"

#include <cstdio>

namespace jamul::test {

using scanner::RuleId;

namespace {

// Masks keep characters in place and replace others by '*' (RuleLogic::mask): compare where the
// mask kept one. The match may start a little before the value as written ("+82 ", "(").
bool keptCharactersFit(std::string_view masked, std::string_view text) {
  for (std::size_t shift = 0; shift <= 4; ++shift) {
    for (int side = 0; side < 2; ++side) {
      const std::string_view a = side == 0 ? masked : text;
      const std::string_view b = side == 0 ? text : masked;
      if (shift > a.size() || a.size() - shift != b.size()) continue;
      bool ok = true;
      for (std::size_t i = 0; i < b.size() && ok; ++i) {
        const char x = a[i + shift], y = b[i];
        ok = x == '*' || y == '*' || x == y;
      }
      if (ok) return true;
    }
  }
  return false;
}

}  // namespace

bool maskFits(RuleId rule, std::string_view masked, std::string_view text) {
  if (rule == RuleId::kEmail) {
    // "h***@naver.com": the first character and everything from '@'.
    const std::size_t at = masked.find('@');
    const std::size_t text_at = text.find('@');
    if (at == std::string_view::npos || text_at == std::string_view::npos || text.empty()) return false;
    std::string a(masked.substr(at)), b(text.substr(text_at));
    for (char& c : a) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    for (char& c : b) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    const char m0 = masked.front() >= 'A' && masked.front() <= 'Z' ? masked.front() + 32 : masked.front();
    const char t0 = text.front() >= 'A' && text.front() <= 'Z' ? text.front() + 32 : text.front();
    return a == b && m0 == t0;
  }
  if (rule == RuleId::kPassword) {
    // "비밀번호: ****": the label and separator.
    const std::size_t stars = masked.rfind("****");
    if (stars == std::string_view::npos) return false;
    return text.substr(0, stars) == masked.substr(0, stars);
  }
  return keptCharactersFit(masked, text);
}

double RuleCounts::precision() const {
  return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fp);
}
double RuleCounts::recall() const {
  return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fn);
}

void AccuracyTally::add(std::string_view set, const std::vector<ExpectedValue>& expected,
                        const std::vector<ReportedValue>& reported, const Miss& on_miss) {
  auto it = by_set_.find(set);
  if (it == by_set_.end()) it = by_set_.emplace(std::string(set), std::array<RuleCounts, scanner::kRuleCount>{}).first;
  auto& counts = it->second;
  std::vector<bool> matched(expected.size(), false);
  for (const ReportedValue& r : reported) {
    if (r.confidence < scanner::Confidence::kMedium) continue;
    // These sets plant the numeric rules' values only; their names and addresses are filler that
    // the unstructured rules (issue 18) rightly report, and that issue measures them on its own sets
    // (unstructured_corpus.h).
    if (scanner::ruleInfo(r.rule).traits.unstructured) continue;
    bool hit = false;
    for (std::size_t i = 0; i < expected.size() && !hit; ++i) {
      const ExpectedValue& e = expected[i];
      if (matched[i] || e.rule != r.rule) continue;
      if (!e.location.empty() && e.location != r.location) continue;
      if (!maskFits(r.rule, r.masked, e.text)) continue;
      matched[i] = true;
      hit = true;
    }
    if (hit) {
      ++counts[scanner::ruleIndex(r.rule)].tp;
    } else {
      ++counts[scanner::ruleIndex(r.rule)].fp;
      if (on_miss) on_miss("FP", r.rule, r.masked + " at " + r.location);
    }
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (matched[i]) continue;
    ++counts[scanner::ruleIndex(expected[i].rule)].fn;
    if (on_miss) on_miss("FN", expected[i].rule, expected[i].text + " at " + expected[i].location);
  }
}

std::array<RuleCounts, scanner::kRuleCount> AccuracyTally::counts(std::string_view set) const {
  std::array<RuleCounts, scanner::kRuleCount> out{};
  for (const auto& [name, c] : by_set_) {
    if (!set.empty() && name != set) continue;
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i].tp += c[i].tp;
      out[i].fp += c[i].fp;
      out[i].fn += c[i].fn;
    }
  }
  return out;
}

std::vector<std::string> AccuracyTally::sets() const {
  std::vector<std::string> out;
  for (const auto& [name, c] : by_set_) out.push_back(name);
  return out;
}

RuleCounts AccuracyTally::pooled(std::string_view set) const {
  RuleCounts p;
  for (const RuleCounts& c : counts(set)) {
    p.tp += c.tp;
    p.fp += c.fp;
    p.fn += c.fn;
  }
  return p;
}

std::string AccuracyTally::table(std::string_view set) const {
  std::string out = "| rule | TP | FP | FN | precision | recall |\n|---|---:|---:|---:|---:|---:|\n";
  char line[160];
  const auto c = counts(set);
  for (RuleId rule : scanner::kAllRules) {
    const RuleCounts& r = c[scanner::ruleIndex(rule)];
    if (r.tp + r.fp + r.fn == 0) continue;
    std::snprintf(line, sizeof line, "| %s | %llu | %llu | %llu | %.3f | %.3f |\n",
                  std::string(scanner::ruleName(rule)).c_str(),
                  static_cast<unsigned long long>(r.tp), static_cast<unsigned long long>(r.fp),
                  static_cast<unsigned long long>(r.fn), r.precision(), r.recall());
    out += line;
  }
  const RuleCounts p = pooled(set);
  std::snprintf(line, sizeof line, "| **pooled** | %llu | %llu | %llu | %.3f | %.3f |\n",
                static_cast<unsigned long long>(p.tp), static_cast<unsigned long long>(p.fp),
                static_cast<unsigned long long>(p.fn), p.precision(), p.recall());
  out += line;
  return out;
}

}  // namespace jamul::test
