// SPDX-License-Identifier: Apache-2.0
#include "detect/kr_gazetteer.h"

#include <algorithm>

#include "detect/kr_gazetteer_data.inc"

namespace jamul::scanner::detect {
namespace {

// The rows of a TSV list: '#' lines are its source and licence, the first other line names the
// columns; fields are tab-separated and may be empty.
std::vector<std::vector<std::string_view>> rows(std::string_view tsv) {
  std::vector<std::vector<std::string_view>> out;
  bool header_seen = false;
  while (!tsv.empty()) {
    const std::size_t eol = tsv.find('\n');
    std::string_view line = tsv.substr(0, eol);
    tsv = eol == std::string_view::npos ? std::string_view() : tsv.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (!header_seen) {
      header_seen = true;
      continue;
    }
    std::vector<std::string_view> fields;
    for (std::size_t start = 0;;) {
      const std::size_t tab = line.find('\t', start);
      fields.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    out.push_back(std::move(fields));
  }
  return out;
}

std::string_view field(const std::vector<std::string_view>& row, std::size_t i) {
  return i < row.size() ? row[i] : std::string_view();
}

// Adds each '|'-separated name of `names`; a former-name field may carry a note in brackets
// ("강원도(code 42, until 2023-06-10)"), which is not part of the name.
void addNames(std::string_view names, std::vector<std::string>& out) {
  while (!names.empty()) {
    const std::size_t bar = names.find('|');
    std::string_view name = names.substr(0, bar);
    names = bar == std::string_view::npos ? std::string_view() : names.substr(bar + 1);
    name = name.substr(0, name.find('('));
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    // A name is one word of Hangul ("충청남도 연기군" names a 군, not a 시·도).
    if (name.empty() || name.find(' ') != std::string_view::npos || name.find('+') != std::string_view::npos)
      continue;
    out.emplace_back(name);
  }
}

void unique(std::vector<std::string>& names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
}

KrGazetteer build() {
  KrGazetteer g;
  // code, official_name, short_forms, former_names, postcode_prefix, note
  for (const auto& row : rows(kKr_sido_tsv)) {
    addNames(field(row, 1), g.sido);
    addNames(field(row, 2), g.sido);
    addNames(field(row, 3), g.sido);
  }
  // sido, sigungu, type, parent_si, status, note
  std::unordered_map<std::string, std::unordered_set<std::string>> parents;
  for (const auto& row : rows(kKr_sigungu_tsv)) {
    const std::string name(field(row, 1));
    if (name.empty()) continue;
    if (field(row, 2) == "행정구") {
      g.admin_gu.push_back(name);
    } else {
      g.sigungu.push_back(name);
      parents[name].insert(std::string(field(row, 0)));
    }
  }
  for (const auto& [name, sidos] : parents)
    if (sidos.size() > 1) g.ambiguous_sigungu.insert(name);
  // 세종 has no 시·군·구 level: its own name stands in that place.
  g.sigungu.insert(g.sigungu.end(), {"세종특별자치시", "세종시"});
  // surname, tier, count_2015, hanja_main, note
  for (const auto& row : rows(kKr_surnames_tsv)) {
    const std::string_view tier = field(row, 1);
    if (field(row, 0).empty() || tier.size() != 1) continue;
    g.surnames.emplace(std::string(field(row, 0)), static_cast<SurnameTier>(tier.front()));
  }
  g.syllable_tier.assign(11172, 0);
  for (const auto& [reading, tier] : g.surnames) {
    if (tier == SurnameTier::kCompound) {
      g.compound.push_back(reading);
      continue;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(reading.data());
    if (reading.size() != 3) continue;
    const char32_t cp = static_cast<char32_t>((p[0] & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F));
    if (cp >= 0xAC00 && cp <= 0xD7A3) g.syllable_tier[cp - 0xAC00] = static_cast<char>(tier);
  }
  unique(g.sido);
  unique(g.sigungu);
  unique(g.admin_gu);
  return g;
}

}  // namespace

const KrGazetteer& krGazetteer() {
  static const KrGazetteer gazetteer = build();
  return gazetteer;
}

std::string alternation(const std::vector<std::string>& names) {
  std::vector<std::string> sorted = names;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::string out;
  for (const std::string& name : sorted) {
    if (!out.empty()) out += '|';
    for (char ch : name) {
      if (std::string_view("\\.+*?()|[]{}^$").find(ch) != std::string_view::npos) out += '\\';
      out += ch;
    }
  }
  return out;
}

}  // namespace jamul::scanner::detect
