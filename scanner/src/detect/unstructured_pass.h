// SPDX-License-Identifier: Apache-2.0
#pragma once

// UnstructuredPass: finds the personal data that has no check digit (issue 18,
// ../shared/UNSTRUCTURED.md): addresses (kr_address), names (person_name), birth dates
// (birth_date), health and disability fields (sensitive_health), and age and sex (age_sex).
//
// It runs beside the numeric rules' candidate windows, on the same normalised text, and reaches a
// regex only where something points at a value:
//   * labels: LabelTrigger finds the first two syllables of every label of these rules (the
//     catalogue's keywords) in one vectorised pass; the label is then read in full (spaces between
//     its syllables allowed: "성   명") and its value parsed after a colon, a tab or a space;
//   * addresses: a digit run (from the candidate pass's digit bitmap) right after a road or lot
//     word (…로, …길, …동, …리, …가, 지하, 산) is a building or lot number; the address grammar
//     (시·도, 시·군·구 from the gazetteer, 도로명 or 동·리, number) is matched back from it;
//   * tables: cells of a column whose header names a person, an address, a birth date, a health
//     field, age or sex are read with that meaning; the header row itself is never a finding;
//   * records: a health field, age or sex is reported (and an address raised to high) only when
//     the same record — a table row, or the block of non-blank lines around it — holds a direct
//     identifier (a name, a resident or foreigner number, a phone number ...).
//
// Confidence follows the research's matrix (rule_catalog.cpp states it per rule).
//
// Thread-safety: immutable after create() except for scratch buffers: one per Detector (per thread).

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "detect/validators.h"
#include "jamul/common/result.h"
#include "jamul/scanner/detector.h"
#include "jamul/scanner/finding_basis.h"
#include "jamul/scanner/rule.h"

namespace jamul::scanner::detect {

// A value of another rule that the numeric pass reported in the same text: it makes a record
// identify a person.
struct IdentifierSpan {
  std::size_t begin = 0;  // offsets into the normalised text
  std::size_t end = 0;
  RuleId rule = RuleId::kKrRrn;
  Confidence confidence = Confidence::kLow;
};

struct UnstructuredFinding {
  RuleId rule = RuleId::kPersonName;
  Confidence confidence = Confidence::kLow;
  std::size_t begin = 0;  // offsets into the normalised text
  std::size_t end = 0;
  std::string masked;
  std::string canonical;  // what the keyed digest is taken of (without the rule's name)
  BasisSet basis = 0;
};

class UnstructuredPass {
 public:
  static Result<std::unique_ptr<UnstructuredPass>> create(CivilDate today);
  ~UnstructuredPass();

  struct Input {
    std::string_view text;                          // normalised
    const std::vector<std::uint64_t>* digit_bits;   // one bit per byte of text: ASCII digits
    const TextStructure* structure = nullptr;       // the window's table, if any
    std::function<std::size_t(std::size_t)> to_original;  // normalised -> window offsets
    std::vector<IdentifierSpan> identifiers;        // the numeric rules' reported values
    // The text continues the previous call's text (a chunked reader's next window: it begins in
    // the overlap, mid-row). A table's header carries over from that call.
    bool continues = false;
    // Rules (bit ruleIndex) whose findings need no masked excerpt or canonical value
    // (TextWindow::sample_left is 0 for them).
    std::uint64_t count_only_rules = 0;
  };
  // Appends this text's findings to `out` (unordered; overlapping each other never).
  void run(const Input& input, std::vector<UnstructuredFinding>& out);

 private:
  class Impl;
  explicit UnstructuredPass(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace jamul::scanner::detect
