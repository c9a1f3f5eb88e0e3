// SPDX-License-Identifier: Apache-2.0
#pragma once

// AccuracyTally: per-rule precision and recall of a scan against planted values, shared by the
// accuracy tests (in-process FileScanner) and the jamul-accuracy tool (jamul scan --json of any
// build, so that an older binary can be measured on the same sets).
//
// Matching. A finding reported at the default threshold (medium or above) is a true positive when a
// planted value of the same file has its rule, its location (when the planted value names one: the
// "line 7" / "Sheet1!C7" / "section 1, paragraph 4" the scanner reports), and text that the
// finding's masked excerpt fits (every character the mask keeps is the value's character in that
// place; e-mail and password masks by their kept ends). Every other finding at medium or above is
// a false positive; every planted value no finding matched is a false negative. Values are
// distinct within a file, so a value is matched at most once.
//
// Thread-safety: none; one tally per thread.

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/scanner/rule.h"

namespace jamul::test {

struct ExpectedValue {
  scanner::RuleId rule;
  std::string text;      // the value as written (for passwords the whole "비밀번호: xxxx" span)
  std::string location;  // where the scanner reports it; empty: anywhere in the file (OCR)
};

struct ReportedValue {
  scanner::RuleId rule;
  scanner::Confidence confidence;
  std::string location;
  std::string masked;
};

// True if `masked` (a finding's masked excerpt) could be the mask of `text`.
bool maskFits(scanner::RuleId rule, std::string_view masked, std::string_view text);

struct RuleCounts {
  std::uint64_t tp = 0, fp = 0, fn = 0;
  double precision() const;
  double recall() const;
};

class AccuracyTally {
 public:
  // Scores one file. `on_miss(kind, rule, text)` is called for each false positive ("FP", the
  // finding's masked text and location) and false negative ("FN", the value and its location).
  using Miss = std::function<void(std::string_view kind, scanner::RuleId rule, std::string_view what)>;
  void add(std::string_view set, const std::vector<ExpectedValue>& expected,
           const std::vector<ReportedValue>& reported, const Miss& on_miss = {});

  // Per-rule counts of one set ("text/utf-8", "tables/xlsx", ...) or, with an empty name, of all.
  std::array<RuleCounts, scanner::kRuleCount> counts(std::string_view set = {}) const;
  std::vector<std::string> sets() const;

  // A Markdown table: one row per rule with planted values or findings, "TP FP FN P R".
  std::string table(std::string_view set = {}) const;
  // Pooled precision and recall of a set over all rules.
  RuleCounts pooled(std::string_view set = {}) const;

 private:
  std::map<std::string, std::array<RuleCounts, scanner::kRuleCount>, std::less<>> by_set_;
};

}  // namespace jamul::test
