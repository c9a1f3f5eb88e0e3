// SPDX-License-Identifier: Apache-2.0
#pragma once

// Rule identifiers and confidence levels: the scanner's stable vocabulary (DESIGN.md §4).
//
// Rule ids are API: they appear in JSON output, the inventory and the console, so an id is never
// renamed or reused. Confidence levels reuse Purview's numbers (low 65, medium 75, high 85;
// DETECTION.md §3.14) so that reports can be compared with that product's.
//
// Pure functions; thread-safe.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace jamul::scanner {

enum class RuleId : std::uint8_t {
  kKrRrn,              // 주민등록번호
  kKrFrn,              // 외국인등록번호
  kKrPassport,         // 여권번호
  kKrDriverLicense,    // 운전면허번호
  kKrPhone,            // 전화번호
  kCardNumber,         // 신용카드번호
  kKrBankAccount,      // 계좌번호
  kKrHealthInsurance,  // 건강보험증번호
  kKrBrn,              // 사업자등록번호
  kKrCrn,              // 법인등록번호
  kEmail,              // 이메일
  kIpv4,
  kIpv6,
  kPassword,           // 비밀번호
  // Unstructured personal data (issue 18): found by the label, address and column pass
  // (detect/unstructured_pass.h), not by the candidate windows of the numeric rules.
  kKrAddress,          // 주소
  kPersonName,         // 성명
  kBirthDate,          // 생년월일
  kSensitiveHealth,    // 건강·장애 정보 (민감정보)
  kAgeSex,             // 나이·성별: reported only in a record that holds a direct identifier
};

inline constexpr std::size_t kRuleCount = 19;

inline constexpr std::array<RuleId, kRuleCount> kAllRules = {
    RuleId::kKrRrn,         RuleId::kKrFrn,          RuleId::kKrPassport,
    RuleId::kKrDriverLicense, RuleId::kKrPhone,      RuleId::kCardNumber,
    RuleId::kKrBankAccount, RuleId::kKrHealthInsurance, RuleId::kKrBrn,
    RuleId::kKrCrn,         RuleId::kEmail,          RuleId::kIpv4,
    RuleId::kIpv6,          RuleId::kPassword,       RuleId::kKrAddress,
    RuleId::kPersonName,    RuleId::kBirthDate,      RuleId::kSensitiveHealth,
    RuleId::kAgeSex};

constexpr std::size_t ruleIndex(RuleId rule) { return static_cast<std::size_t>(rule); }

// "kr_rrn", "card_number", ...
std::string_view ruleName(RuleId rule);
// Inverse of ruleName(); std::nullopt for an unknown name.
std::optional<RuleId> ruleFromName(std::string_view name);

enum class Confidence : std::uint8_t { kLow = 65, kMedium = 75, kHigh = 85 };

inline constexpr std::size_t kConfidenceCount = 3;
// 0 for low, 1 for medium, 2 for high: an index into per-confidence arrays.
constexpr std::size_t confidenceIndex(Confidence c) {
  return c == Confidence::kLow ? 0 : c == Confidence::kMedium ? 1 : 2;
}
constexpr Confidence confidenceFromIndex(std::size_t i) {
  return i == 0 ? Confidence::kLow : i == 1 ? Confidence::kMedium : Confidence::kHigh;
}

// "low", "medium", "high".
std::string_view confidenceName(Confidence confidence);
std::optional<Confidence> confidenceFromName(std::string_view name);

// The version of the detection rules and extractors. A file scanned under another version is scanned
// again by an incremental rescan. Bump it whenever a change can alter any file's findings.
// 12-1: document extractors (issue 3); 12-2: context belongs to one value, OCR repairs (issue 13);
// 12-3: addresses, names, birth dates, health fields, age and sex (issue 18).
inline constexpr std::string_view kRulesetVersion = "2026.12-3";

}  // namespace jamul::scanner
