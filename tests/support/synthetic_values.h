// SPDX-License-Identifier: Apache-2.0
#pragma once

// Building blocks of the synthetic corpus (synthetic_corpus.h): a portable PRNG, and generators of
// personal-data values and hard negatives, each with the facts the context model needs to place it
// safely (does it need a label, which other rules could outrank it, which keywords would raise a
// trap to "reported"). Internal to tests/support.
//
// Every value is random: no real person's data. Checksummed values are valid (Luhn + issuer range,
// BRN/CRN check digits, EAN-13, ISBN-13) and re-drawn until their digits are not also a candidate
// of a rule they should not compete with (an account number that passes the BRN check, an RRN that
// is also a valid corporate number, an EAN-13 that looks like a birth date with a valid check
// digit). Check digits and those tests come from reference_checks.h, written apart from the
// detector's validators, so that the corpus does not inherit the detector's mistakes.
//
// Thread-safety: pure functions of their Rng; the Rng is not thread-safe.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "jamul/scanner/rule.h"

namespace jamul::test::synth {

// xoshiro256** seeded through splitmix64: the same sequence on every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  std::uint64_t next();
  // Uniform in [0, n); REQUIRES: n > 0.
  std::uint64_t below(std::uint64_t n);
  // Uniform in [lo, hi].
  int range(int lo, int hi);
  // True with probability p.
  bool chance(double p);
  template <typename T>
  const T& pick(std::span<const T> items) {
    return items[below(items.size())];
  }
  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) {
    return items[below(N)];
  }

 private:
  std::uint64_t s_[4];
};

// splitmix64 step: mixes a seed and a stream number into a new seed.
std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t stream);

// Bit set of rules, bit ruleIndex(r).
using RuleMask = std::uint32_t;
constexpr RuleMask ruleBit(scanner::RuleId r) { return RuleMask{1} << scanner::ruleIndex(r); }

// A planted value or a trap, with its context needs (see ContextModel in synthetic_corpus.cpp).
struct Item {
  bool planted = true;
  scanner::RuleId rule = scanner::RuleId::kKrRrn;  // planted values
  std::string kind;                                // traps
  std::string text;                                // as written (without the label)
  std::string key;  // canonical form (digits, lower case) that must be unique within a document
  // --- planted values ----------------------------------------------------------------------------
  bool needs_label = false;         // reported at medium only with a keyword of its own rule nearby
  bool high_with_label = true;      // a keyword makes it high (false: it stays medium)
  RuleMask hard_rivals = 0;         // rules whose keyword nearby could make them outrank this value
  RuleMask soft_rivals = 0;         // rules that could tie with it (then the nearer keyword wins)
  bool negative_sensitive = false;  // a 주문번호/팩스 label nearer than its own keyword lowers it
  // --- traps -------------------------------------------------------------------------------------
  RuleMask exposure = 0;  // rules whose keyword nearby would report this trap at medium
};

// Hangul syllables only; 2-4 syllables.
std::string koreanName(Rng& rng);
// "Kim Minjun".
std::string englishName(Rng& rng);
// "minjun.kim85" (ASCII, a valid e-mail local part).
std::string emailLocalPart(Rng& rng);

// --- planted values ------------------------------------------------------------------------------
Item makeRrn(Rng& rng);
Item makeFrn(Rng& rng);
Item makeMobile(Rng& rng);
Item makeLandline(Rng& rng);
Item makeCard(Rng& rng);
// `bank` (out): index into scanner::bankCatalog() of the bank whose layout the number follows.
Item makeAccount(Rng& rng, std::size_t& bank);
Item makeHealthInsurance(Rng& rng);
Item makeBrn(Rng& rng);
Item makeCrn(Rng& rng);
Item makePassport(Rng& rng);
Item makeDriverLicense(Rng& rng);
Item makeEmail(Rng& rng);
Item makeIpv4(Rng& rng);
Item makeIpv6(Rng& rng);
// A password value only (no label): printable ASCII, not a mask or placeholder.
std::string makePasswordValue(Rng& rng);

// --- traps (hard negatives) ----------------------------------------------------------------------
// Each returns the trap without its label; `label` (out) is the label to write directly before it
// ("" for traps that need none). A trap with a negative label (주문번호, 바코드, ...) right before
// it is capped at low by every numeric rule, so its exposure is 0.
enum class TrapKind : std::uint8_t {
  kEan13,
  kOrderNumber,
  kReceiptNumber,
  kDocumentNumber,
  kTimestamp,
  kCompactTimestamp,
  kDate,
  kTracking,
  kModelCode,
  kPartCode,
  kMasked,
  kIsbn,
  kAmount,
  kVersion,
  kFax,
  kBusinessNumber,
  kTollFree,
  kStatute,
  kPostalCode,
  kSerialNumber,
  kMacAddress,
  kLoopback,
};
inline constexpr std::size_t kTrapKindCount = 22;
Item makeTrap(Rng& rng, TrapKind kind, std::string& label, bool english);

// A masked value of the given form ("900101-1******", "010-****-5678", "4111-****-****-1111",
// "h***@naver.com"): the de-identified form registers keep instead of the value (§2.5).
enum class MaskedForm : std::uint8_t { kRegistration, kPhone, kCard, kEmail };
Item makeMasked(Rng& rng, MaskedForm form);

// True if `digits` (13 ASCII digits) is a valid ISBN-13.
bool isbn13Ok(std::string_view digits);

// Only the ASCII digits of `s`.
std::string digitsOf(std::string_view s);

}  // namespace jamul::test::synth
