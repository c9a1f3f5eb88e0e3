// SPDX-License-Identifier: Apache-2.0
#pragma once

// UnstructuredCorpus: labelled synthetic documents for the rules of issue 18 (kr_address,
// person_name, birth_date, sensitive_health, age_sex), measured by unstructured_accuracy_test.
//
// Documents are registers (CSV/TSV with a header row: 성명, 주소, 생년월일, 연락처, 주민등록번호,
// 진단명, 장애등급, 나이, 성별 …), forms ("성   명 : 김민서" lines) and Korean prose (민원 replies,
// staff memos, meeting minutes) with names after labels, addresses in sentences and dates of birth
// after labels, mixed with hard negatives (unstructured_negatives.h) in blocks of their own.
//
// Ground truth. A truth span is a value that UNSTRUCTURED.md and the engine's contract
// (/work/notes/issue18.md) say must be REPORTED at the default threshold (medium): a name after a
// label or in a name column, an address with its 시·도 (or an unambiguous 시·군·구, or any with a
// person signal), a labelled calendar-valid date of birth, and a health, age or sex field in a
// record (table row, or block of consecutive non-blank lines) that also holds a direct identifier
// (a name, resident number or phone number). The same fields in a record without an identifier are
// written too, as negatives. Spans of person_name, kr_address and birth_date cover the value; those
// of sensitive_health and age_sex cover the whole field ("진단명: 고혈압", "만 67세") because the
// rule may report either the label or the value. Cases the research leaves ambiguous (a person's
// address on a line with 전화/담당, given names ending in 원/과/실 …) are not generated at all.
//
// Determinism: xoshiro256** via synthetic_values.h, never <random> distributions; document i
// depends only on (seed, i). Output is CP949-safe (ASCII, Hangul syllables, a few KS X 1001 marks).
//
// Thread-safety: a corpus is not thread-safe; use one per thread.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/scanner/rule.h"

namespace jamul::test {

// The rules issue 18 adds. The older quality tests (detection_quality, attribution_quality,
// synthetic_corpus) plant none of them, so they leave these rules' findings out of their tallies.
inline constexpr std::array<scanner::RuleId, 5> kUnstructuredRules = {
    scanner::RuleId::kKrAddress, scanner::RuleId::kPersonName, scanner::RuleId::kBirthDate,
    scanner::RuleId::kSensitiveHealth, scanner::RuleId::kAgeSex};
constexpr bool isUnstructuredRule(scanner::RuleId rule) {
  for (scanner::RuleId r : kUnstructuredRules)
    if (r == rule) return true;
  return false;
}

struct TruthSpan {
  scanner::RuleId rule;
  std::size_t offset = 0;  // byte offset of `text` in UnstructuredDocument::text
  std::string text;        // as written
  // The value the way a digest would see it (spaces removed; 남/남성/M -> "M"; "만 67세" -> "67"), so
  // that repeated values (one FileScanner finding with a count) can be told apart.
  std::string key;
};

// A hard negative written in the document, for explaining false positives ("agency address",
// "placeholder name", "health field without identifier" …). It must not be reported at medium.
struct NegativeSpan {
  std::string kind;
  std::size_t offset = 0;
  std::string text;
};

enum class UnstructuredKind : std::uint8_t { kRegister, kForm, kProse, kNegatives };
// "register", "form", "prose", "negatives".
std::string_view unstructuredKindName(UnstructuredKind kind);

struct UnstructuredDocument {
  std::string name;  // file name with extension: .csv/.tsv for registers, .txt otherwise
  UnstructuredKind kind = UnstructuredKind::kProse;
  std::string text;  // UTF-8
  std::vector<TruthSpan> truth;        // in offset order
  std::vector<NegativeSpan> negatives;  // in offset order
};

class UnstructuredCorpus {
 public:
  explicit UnstructuredCorpus(std::uint64_t seed) : seed_(seed) {}
  // The next document; kinds rotate register, form, prose, negatives with random variation.
  UnstructuredDocument next();

 private:
  std::uint64_t seed_;
  std::uint64_t index_ = 0;
};

}  // namespace jamul::test
