// SPDX-License-Identifier: Apache-2.0
#pragma once

// RuleLogic: what each rule does with a pattern match, in two phases. Each rule's functions are one
// entry of a table in rule_logic.cpp; its facts (priority, boundaries, whether it needs context,
// what confirms an OCR repair) are in its catalogue entry (RuleInfo::traits).
//
//   inspect()  phase 1, no context: guards, lengths, separators, dates, checksums, issuer ranges.
//              Returns a Candidate with the facts scoring needs, or nothing when the match is not
//              that identifier at all.
//   score()    phase 2, with the context Evidence gathered for the candidate: the confidence matrix
//              of DETECTION.md §3.14 (documented per rule in rule_catalog.cpp), or nothing for "do
//              not report".
//   basis()    for a reported candidate, the same facts told as why (Match::basis).
//
// mask() and canonical() give the only forms of a value that leave the detector: a masked excerpt
// for people and the canonical string the keyed digest is taken of.
//
// Thread-safety: immutable after construction; all methods are const and thread-safe.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "detect/validators.h"
#include "jamul/scanner/finding_basis.h"
#include "jamul/scanner/rule.h"

namespace jamul::scanner::detect {

// Facts established in phase 1 (bit flags; not every flag applies to every rule).
enum CandidateFlag : std::uint32_t {
  kSeparated = 1u << 0,       // grouped with separators (hyphen/space/dot)
  kChecksumOk = 1u << 1,      // a check digit passed
  kRandomTail = 1u << 2,      // RRN born on/after 2020-10-05: no check digit to expect
  kEanLike = 1u << 3,         // unseparated 880/881… number that is a valid EAN-13 barcode
  kCrnLike = 1u << 4,         // also a valid corporate registration number
  kRrnLike = 1u << 5,         // (CRN) also a valid RRN/FRN with a real birth date
  kNewForm = 1u << 6,         // passport: 2021 form
  kRegionName = 1u << 7,      // driver's licence: pre-2014 form with a region name
  kMobile = 1u << 8,          // phone: mobile number
  kSpecialAddress = 1u << 9,  // IPv6 unspecified or loopback
  kLongCard = 1u << 10,       // card: more than 16 digits (needs a keyword)
  kLuhnFailed = 1u << 11,     // card: UnionPay 62 number failing Luhn (needs a keyword)
  // OCR text (issue 13): read only after OcrReading repaired a character in it; reported only when
  // a check digit or a label of its rule confirms it.
  kRepaired = 1u << 12,
  kMrz = 1u << 13,            // passport: from a machine-readable zone, its check digit verified
};

struct Candidate {
  RuleId rule = RuleId::kKrRrn;
  std::uint8_t variant = 0;  // index of the catalogue pattern that matched
  std::uint32_t flags = 0;
  std::size_t begin = 0;  // offsets into the normalised text
  std::size_t end = 0;
  std::string canonical;  // digits for numbers, lower case for e-mail; see canonical()
};

// Context found around a candidate (keywords within ±100 characters, or its column header).
struct Evidence {
  bool positive = false;          // a keyword of the candidate's rule
  bool positive_direct = false;   // ... in the column header or labelling the value directly
  int positive_distance = 1 << 20;
  bool negative = false;          // a label that says "not personal" (order number, fax, ...)
  bool negative_direct = false;
  int negative_distance = 1 << 20;
  int bank = -1;                  // bank named nearest to the candidate (bankCatalog() index)
  // A keyword of the candidate's rule is the value's own label: its column header, or in front of
  // it in its cell or row (attribution.h). Such a candidate outranks others on the same value.
  bool own = false;
};

class RuleLogic {
 public:
  explicit RuleLogic(CivilDate today);

  // Phase 1 for the match text[begin, end) of `rule`'s pattern `variant`. Checks the leading and
  // trailing guards against the whole `text`.
  std::optional<Candidate> inspect(RuleId rule, int variant, std::string_view text,
                                   std::size_t begin, std::size_t end) const;

  // Phase 2: the confidence to report, or std::nullopt for "do not report".
  std::optional<Confidence> score(const Candidate& candidate, const Evidence& evidence) const;

  // Why `candidate`, scored with `evidence`, is reported (finding_basis.h): kChecksum where its
  // rule's own check confirms the value (the check that also confirms an OCR repair,
  // RuleTraits::repair), kLabel for Evidence::own or positive_direct, else kKeyword for
  // Evidence::positive, else kFormat; kRepaired for kRepaired. Never 0.
  static BasisSet basis(const Candidate& candidate, const Evidence& evidence);

  // The masked excerpt of `candidate` (whose text is text[begin, end)), e.g. "900101-1******".
  static std::string mask(const Candidate& candidate, std::string_view text);

  // A rule's tie-break rank when candidates of different rules overlap: lower wins
  // (RuleTraits::priority).
  static int priority(RuleId rule);

 private:
  CivilDate today_;
  std::unordered_set<std::string_view> tlds_;
};

}  // namespace jamul::scanner::detect
