// SPDX-License-Identifier: Apache-2.0
#pragma once

// KrGazetteer: the Korean place and surname lists the unstructured rules rely on (issue 18,
// ../shared/UNSTRUCTURED.md §1.2 and §3.1), parsed once from the lists compiled into the library
// (scanner/data/kr-sido.tsv, kr-sigungu.tsv, kr-surnames.tsv; CC0).
//
// The detector matches the union of old and new names (강원도 and 강원특별자치도, 인천 남구 and
// 미추홀구, the contested 2026 인천 names): it never needs to know which one is current.
//
// Thread-safety: krGazetteer() builds the lists once (thread-safe static) and they are immutable.

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace jamul::scanner::detect {

enum class SurnameTier : char {
  kCommon = 'A',    // the 30 surnames with at least 300,000 bearers (86.1% of the population)
  kListed = 'B',    // other surnames believed to have at least 1,000 bearers
  kCompound = 'C',  // two syllables: 남궁, 황보, 제갈, 사공, 선우, 서문, 독고, 동방
  kVariant = 'V',   // initial-sound variants registered since 2007 (류, 리, 림, 라 ...)
};

struct KrGazetteer {
  // Official, short and former names of the 시·도 (서울특별시, 서울, 서울시, 강원도 ...).
  std::vector<std::string> sido;
  // 시·군·구 (autonomous units and 행정시, every status in the list) and 세종's names, which stand
  // where a 시·군·구 would.
  std::vector<std::string> sigungu;
  // 행정구: districts of a 시 that are not autonomous (수원시 영통구).
  std::vector<std::string> admin_gu;
  // 시·군·구 names used in more than one 시·도 (중구, 동구, 고성군 ...): without the 시·도 they do
  // not say where.
  std::unordered_set<std::string> ambiguous_sigungu;
  // Hangul surname readings, one and two syllables.
  std::unordered_map<std::string, SurnameTier> surnames;

  // The tier of each one-syllable surname by syllable (code point - U+AC00), 0 for none; and the
  // compound surnames: lookups without allocation for the hot path (a register's name column).
  std::vector<char> syllable_tier;
  std::vector<std::string> compound;

  bool isSurname(std::string_view reading) const {
    return surnames.find(std::string(reading)) != surnames.end();
  }
  bool isCompoundSurname(std::string_view two_syllables) const {
    for (const std::string& c : compound)
      if (c == two_syllables) return true;
    return false;
  }
};

const KrGazetteer& krGazetteer();

// "a|b|c" of `names`, longest first (RE2's alternation is leftmost-first, so 서울특별시 must come
// before 서울), with RE2's metacharacters escaped.
std::string alternation(const std::vector<std::string>& names);

}  // namespace jamul::scanner::detect
