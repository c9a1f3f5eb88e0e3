// SPDX-License-Identifier: Apache-2.0
#pragma once

// The rule catalogue: one table that defines every detection rule (DETECTION.md §3), read by three
// consumers so that they cannot drift apart:
//   - the Detector compiles its patterns and keyword lists from it;
//   - the data-driven test (tests/scanner/rule_examples_test.cpp) runs every example through the
//     Detector and checks the expected confidence;
//   - `jamul rules --markdown` prints docs/detection-rules.md from it (a test keeps the file current).
//
// Patterns use RE2 syntax and are matched byte-wise (RE2 Latin-1 mode) against normalised UTF-8
// text: Hangul literals match their UTF-8 bytes, and character classes are ASCII. Capture group 1 is
// the candidate; the leading guard is in the pattern, the trailing guard is checked in code (RE2 has
// no lookahead; DETECTION.md §2.2).
//
// The catalogue is immutable static data; thread-safe.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "jamul/scanner/rule.h"

namespace jamul::scanner {

// One input the rule must (or must not) report, with the confidence it must report it at.
struct RuleExample {
  std::string_view text;
  // The confidence the rule reports for `text` at its best match; std::nullopt: the rule reports
  // nothing (at any confidence).
  std::optional<Confidence> expected;
  // How many matches of this rule `text` holds (ignored when expected is nullopt).
  int count = 1;
  // Where the vector comes from: a DETECTION.md source tag, or "derived".
  std::string_view source = "derived";
};

// Where a candidate may start and end (DETECTION.md §2.2): the character right before (leading) or
// right after (trailing) it must not continue it, or the match is part of a longer token. RE2 has
// no lookahead, so the detector checks these itself.
enum class Boundary : std::uint8_t {
  kNone,          // anything may touch it
  kNumber,        // no digit; before it not "digit-" or "digit."; after it not ".digit" or "-digit"
  kNumberOrPlus,  // (leading) as kNumber, and no '+' (a longer international number)
  kAlnum,         // no ASCII letter or digit
  kEmail,         // leading: no letter, digit or one of . _ % + -; trailing: no letter, digit or -
  kIpv4,          // no digit; leading: no '.'; trailing: no ".digit"
  kIpv6,          // leading: no letter, digit, ':' or '.'; trailing: no hex digit, ':' or ".digit"
  kLetter,        // (leading) no ASCII letter
};

// What, besides a label of its rule, confirms a value that OCR misread and the detector repaired
// (issue 13): without it, a repaired value is not reported. The same check is what a finding's
// basis calls `checksum` (finding_basis.h).
enum class RepairCheck : std::uint8_t {
  kLabelOnly,   // nothing in the value itself
  kCheckDigit,  // its check digit passes (RRN, FRN)
  kLuhn,        // its Luhn digit passes (cards)
  kValidated,   // its validation alone is strong enough (BRN and CRN check digits, a real TLD)
  kMrz,         // it was read from a machine-readable zone whose check digit verifies (passports)
};

// The facts the detector acts on for a rule, beside its prose and patterns: one place for them, so
// that adding a rule is one catalogue entry (and its validator), not edits across the detector.
struct RuleTraits {
  // Among overlapping candidates of different rules (after confidence and labels): lower first.
  // Specific, checksummed identifiers before context-only shapes (account, health card).
  int priority = 99;
  // Reported only with a keyword or column header of the rule; without one nearby, its patterns
  // are not even run.
  bool needs_context = false;
  // Its candidates are numbers: the shared negative labels (negativeKeywords()) apply to them.
  bool numeric = false;
  // The shortest candidate its patterns can match, in bytes (a window with less left is skipped).
  std::uint8_t min_match_bytes = 11;
  // The leading boundary of each pattern (by variant; variants beyond the array use its last).
  std::array<Boundary, 2> leading = {Boundary::kNumber, Boundary::kNumber};
  Boundary trailing = Boundary::kNumber;
  RepairCheck repair = RepairCheck::kLabelOnly;
  // Its patterns match the value's label with the value (password): every candidate is labelled,
  // though no keyword lies outside it (Basis::kLabel).
  bool label_in_pattern = false;
  // Found by the unstructured pass (addresses, names, birth dates, health fields, age and sex;
  // issue 18): its patterns are RE2 in UTF-8 mode, run where a label, a column or a building number
  // points, with {SIDO}, {SGG} and {ADMGU} standing for the gazetteer's names; its keywords are its
  // labels and are not context for the other rules.
  bool unstructured = false;

  Boundary leadingOf(int variant) const { return leading[variant > 0 ? 1 : 0]; }
};

struct RuleInfo {
  RuleId id;
  std::string_view title;     // English name
  std::string_view title_ko;  // Korean name
  std::string_view legal;     // legal class and encryption duty (DETECTION.md §1)
  std::string_view format;    // what the identifier looks like
  // RE2 patterns; the index of a pattern is its "variant", which the rule's validator branches on.
  std::span<const std::string_view> patterns;
  std::string_view validation;  // what the validator checks, in prose
  std::string_view scoring;     // how confidence is decided, in prose (DETECTION.md §3.14)
  // Context words that raise confidence when found within ±100 characters or in a column header.
  std::span<const std::string_view> keywords;
  // Words that lower this rule's confidence when they label the candidate (in addition to the
  // shared negativeKeywords()).
  std::span<const std::string_view> negative_keywords;
  std::span<const RuleExample> examples;
  RuleTraits traits;
};

// Every rule, in RuleId order.
std::span<const RuleInfo> ruleCatalog();
const RuleInfo& ruleInfo(RuleId rule);

// Whose label is it (issue 13): how keywords are attributed to the values around them, one
// paragraph per part of the rule, in the order the detector applies them. Printed into
// docs/detection-rules.md; scanner/src/detect/attribution.h implements it.
std::span<const std::string_view> attributionRule();

// Labels of non-personal numbers (order, invoice, document, barcode ...; DETECTION.md §2.4). When one
// labels a numeric candidate, that candidate's confidence drops.
std::span<const std::string_view> negativeKeywords();

// Bank names (with their short forms). Any of them is account context; a candidate that fits one of
// the named bank's account layouts (KFTC CMS table, DETECTION.md §3.7) scores high.
struct AccountLayout {
  int length;                                  // digits, separators removed
  std::span<const std::string_view> prefixes;  // known leading digits; empty: any
};
struct BankInfo {
  std::string_view name;                      // canonical Korean name
  std::span<const std::string_view> names;    // keywords naming this bank
  std::span<const AccountLayout> layouts;
};
std::span<const BankInfo> bankCatalog();

}  // namespace jamul::scanner
