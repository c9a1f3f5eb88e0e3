// SPDX-License-Identifier: Apache-2.0
#pragma once

// Building blocks of the unstructured corpus (unstructured_corpus.h, issue 18): synthetic Korean
// personal names, road and lot addresses, dates of birth and health fields, drawn with the corpus
// PRNG (synthetic_values.h) so that the same seed gives the same values everywhere.
//
// The word lists are embedded, not read from ../shared at run time: surnames by tier from
// data/kr-surnames.tsv, a subset of 시·도 and 시·군·구 (with 행정구, 세종 without 시·군·구, former
// names) from data/kr-sido.tsv and data/kr-sigungu.tsv. Road and dong names are invented.
//
// Every value is drawn so that UNSTRUCTURED.md says it must be reported where the corpus writes
// it: names pass the surname gate and the stop-lists of §3.4 (no placeholders such as 홍길동, no
// value ending in a department suffix or a particle), building numbers are followed by a delimiter,
// dates of birth are calendar-valid and in the past.
//
// Thread-safety: pure functions of their Rng.

#include <string>
#include <string_view>

#include "support/synthetic_values.h"

namespace jamul::test::unstructured {

using synth::Rng;

// "김민준", "남궁서연", "이준": 2-4 syllables (5 with a compound surname), surname from the tiers.
std::string personName(Rng& rng);

// True if `name` is a placeholder, stop-list word or department-like value that §3.4 never reports.
bool rejectedName(std::string_view name);

// An address and the parts the corpus needs to vary it.
struct Address {
  std::string text;      // as written, e.g. "서울특별시 종로구 세종대로 209, 101동 203호"
  std::string key;       // canonical (no spaces): distinct addresses have distinct keys
  bool has_sido = false;
  bool ambiguous_sgg = false;  // 중구/동구/서구/남구/북구/강서구/고성군 (§2.3 rule 3)
  bool has_comma = false;      // needs quoting in a CSV cell
};

struct AddressStyle {
  bool jibun = false;          // 지번 (동/리 + lot) instead of 도로명
  bool allow_no_sido = false;  // may drop the 시·도 (the caller has a person signal or it is not
                               // an ambiguous 시·군·구)
  bool allow_tail = true;      // ", 101동 203호", " 3층", "(가온동)"
  bool compact = false;        // "서울시강남구" written without spaces (§7 trap 6)
};
Address address(Rng& rng, const AddressStyle& style);

// Pieces for hard negatives (unstructured_negatives.cpp).
std::string sidoName(Rng& rng);            // any form: official, short, former
std::string sigunguName(Rng& rng);         // an autonomous 시·군·구 (not 행정구)
std::string roadName(Rng& rng);            // "가온로", "누리대로", "한빛로12번길"
std::string dongName(Rng& rng);            // "가온동"
std::string stationName(Rng& rng);         // "가온" (역 is added by the caller)

// A date of birth as written, e.g. "1985.03.12", "850312", "1985년 3월 12일"; key = "19850312".
struct BirthDate {
  std::string text;
  std::string key;
};
BirthDate birthDate(Rng& rng);

// A health field: its label (진단명, 상병코드, 장애등급 …) and a value that fits it.
struct HealthField {
  std::string label;
  std::string value;
};
HealthField healthField(Rng& rng);
// A value for a register column of that header ("진단명" -> "고혈압").
std::string healthValue(Rng& rng, std::string_view label);

}  // namespace jamul::test::unstructured
