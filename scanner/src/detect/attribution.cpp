// SPDX-License-Identifier: Apache-2.0
#include "detect/attribution.h"

#include <algorithm>
#include <cstring>

#include "detect/validators.h"
#include "jamul/common/utf8.h"

namespace jamul::scanner::detect {
namespace {

// How far a keyword reaches for a value, in characters (the detector's context window).
constexpr int kReachChars = 100;
// Bytes between a value and a bracketed label right after it: "960121-1021413 (주민번호)".
constexpr std::size_t kBracketGapBytes = 3;
// Bytes between two values of one list: "10.0.0.1, 10.0.0.2", "A / B", "A 및 B".
constexpr std::size_t kListGapBytes = 8;

constexpr KeywordClasses kRuleBits = (KeywordClasses{1} << kRuleCount) - 1;


int charsBetween(std::string_view text, std::size_t from, std::size_t to) {
  int n = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = from; i < to; ++i) n += utf8::isContinuation(p[i]) ? 0 : 1;
  return n;
}

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool isAsciiAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool isAsciiAlnum(char c) { return isAsciiAlpha(c) || (c >= '0' && c <= '9'); }

// True if text[from, to) ends a sentence: '.', '!' or '?' before a space or a line's end, after a
// character that is no ASCII letter or digit ("확인하였습니다. ", not "No. " or "02.3466").
bool endsSentence(std::string_view text, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    const char c = text[i];
    if (c != '.' && c != '!' && c != '?') continue;
    if (i + 1 < text.size() && text[i + 1] != ' ' && text[i + 1] != '\n') continue;
    if (i > 0 && isAsciiAlnum(text[i - 1])) continue;
    return true;
  }
  return false;
}

}  // namespace

bool Attribution::sameSegment(std::size_t from, std::size_t to, bool cells) const {
  if (to <= from) return true;
  const std::string_view gap = text_.substr(from, to - from);
  if (gap.find('\n') != std::string_view::npos) return false;
  if (!cells) return true;
  if (gap.find('\t') != std::string_view::npos) return false;
  return delimiter_ == 0 || gap.find(delimiter_) == std::string_view::npos;
}

bool Attribution::fits(KeywordClasses positive, bool negative, const Value& v) const {
  return (positive & v.rules) != 0 || (negative && (v.rules & numericRuleBits()) != 0);
}

bool Attribution::fitsWell(KeywordClasses positive, bool negative, const Value& v) const {
  if (negative && (v.rules & numericRuleBits()) != 0) return true;
  for (KeywordClasses bits = positive & v.rules; bits != 0; bits &= bits - 1) {
    const KeywordClasses bit = bits & (~bits + 1);
    // A rule fits well when its own candidate stands without context, or when nothing stricter
    // does: no other rule's candidate that validates on its own, and not a timestamp.
    if ((v.intrinsic & bit) != 0 || ((v.intrinsic & ~bit) == 0 && !v.timestamp)) return true;
  }
  return false;
}

// A label word right before the value in its cell: "처리번호 2022…", "로그 시각 2022…", "회원ID: …",
// "주민번호는 …". Returns where its last word ("번호", "시각", "ID") starts, or npos. Whether the
// detector knows the word or not, the value is labelled, so a neighbour's context is not its own;
// and a keyword in front of that word cannot reach past it.
std::size_t Attribution::labelWordBefore(const Value& v) const {
  std::size_t i = v.begin;
  // At most a few bytes of separator and one particle between the label and the value.
  while (i > 0 && v.begin - i < 4 && (text_[i - 1] == ' ' || text_[i - 1] == ':' ||
                                      text_[i - 1] == '=' || text_[i - 1] == '#'))
    --i;
  const std::size_t from = i >= 24 ? i - 24 : 0;
  std::string_view before = text_.substr(from, i - from);
  if (const std::size_t cut = before.find_last_of("\n\t"); cut != std::string_view::npos)
    before.remove_prefix(cut + 1);
  for (std::string_view particle : {"는", "은", "이", "가", "를", "을"}) {
    if (endsWith(before, particle)) {
      before.remove_suffix(particle.size());
      break;
    }
  }
  if (endsWith(before, ".")) before.remove_suffix(1);
  const std::size_t base = static_cast<std::size_t>(before.data() - text_.data());
  for (std::string_view suffix : {"번호", "코드", "시각", "일시", "일자", "시간"})
    if (endsWith(before, suffix)) return base + before.size() - suffix.size();
  for (std::string_view word : {"ID", "Id", "id", "No", "NO", "no"}) {
    if (endsWith(before, word) &&
        (before.size() == word.size() || !isAsciiAlpha(before[before.size() - word.size() - 1])))
      return base + before.size() - word.size();
  }
  return std::string_view::npos;
}

void Attribution::group(std::string_view text, const std::vector<Candidate>& candidates,
                        const std::vector<bool>& intrinsic,
                        const std::vector<KeywordClasses>& header, char delimiter) {
  reset(text);
  delimiter_ = delimiter;
  values_.clear();
  value_of_.assign(candidates.size(), -1);
  for (std::size_t i = 0; i < candidates.size();) {
    Value v;
    v.begin = candidates[i].begin;
    v.end = candidates[i].end;
    v.first = i;
    while (i < candidates.size() && candidates[i].begin < v.end) {
      const Candidate& c = candidates[i];
      v.end = std::max(v.end, c.end);
      v.rules |= positiveBit(c.rule);
      if (intrinsic[i]) v.intrinsic |= positiveBit(c.rule);
      v.header |= header[i];
      value_of_[i] = static_cast<int>(values_.size());
      ++i;
    }
    v.last = i;
    if (v.header != 0) v.labelled = v.labelled_before = true;
    // Twelve or fourteen bare digits that read as YYYYMMDDhhmm[ss]: a log's clock, not an account.
    const std::size_t n = v.end - v.begin;
    if ((n == 12 || n == 14) &&
        std::all_of(text.begin() + static_cast<std::ptrdiff_t>(v.begin),
                    text.begin() + static_cast<std::ptrdiff_t>(v.end),
                    [](char ch) { return ch >= '0' && ch <= '9'; }))
      v.timestamp = isCompactTimestamp(text.substr(v.begin, n));
    v.label_word = labelWordBefore(v);
    if (v.label_word != std::string_view::npos) v.labelled = v.labelled_before = true;
    values_.push_back(v);
  }
}

void Attribution::addHeader(int value, KeywordClasses classes) {
  Value& v = values_[static_cast<std::size_t>(value)];
  v.header |= classes;
  if (v.header != 0) v.labelled = v.labelled_before = true;
}

void Attribution::reset(std::string_view text) {
  text_ = text;
  block_ = {};
}

Span Attribution::tabBlockHeader(std::size_t offset) {
  // The line of `offset`, looked for no farther than a table row can reasonably be.
  constexpr std::size_t kMaxLine = 4096;
  const std::size_t back_from = offset > kMaxLine ? offset - kMaxLine : 0;
  const std::size_t nl = text_.substr(back_from, offset - back_from).rfind('\n');
  if (nl == std::string_view::npos && back_from > 0) return {};
  const std::size_t line = nl == std::string_view::npos ? 0 : back_from + nl + 1;
  const auto line_end = [&](std::size_t from) {
    const std::size_t e = text_.find('\n', from);
    return e == std::string_view::npos ? text_.size() : e;
  };
  const auto tabs_in = [&](std::size_t b, std::size_t e) {
    return static_cast<int>(std::count(text_.begin() + static_cast<std::ptrdiff_t>(b),
                                       text_.begin() + static_cast<std::ptrdiff_t>(e), '\t'));
  };
  const std::size_t end = line_end(offset);
  if (end - line > kMaxLine) return {};
  const int tabs = tabs_in(line, end);
  if (tabs == 0) return {};
  // The block of lines with as many tabs: continued from the last call's block when every line
  // between has them, otherwise found again by walking up.
  bool same_block = block_.valid && block_.tabs == tabs && block_.last_line <= line;
  for (std::size_t l = block_.last_line; same_block && l < line;) {
    const std::size_t e = line_end(l);
    if (e - l > kMaxLine || tabs_in(l, e) != tabs) same_block = false;
    l = e + 1;
  }
  if (!same_block) {
    std::size_t top = line;
    for (int rows = 0; top > 0 && rows < 10000; ++rows) {
      const std::size_t prev_end = top - 1;  // the '\n' ending the line above
      const std::size_t b = text_.substr(0, prev_end).rfind('\n');
      const std::size_t prev = b == std::string_view::npos ? 0 : b + 1;
      if (prev_end - prev > kMaxLine || tabs_in(prev, prev_end) != tabs) break;
      top = prev;
    }
    // The header: the block's first line and the lines after it without a digit (a header of
    // two rows, a group title over its columns), up to the row asked about.
    std::size_t header_end = line_end(top);
    while (header_end + 1 < line) {
      const std::size_t next_end = line_end(header_end + 1);
      const std::string_view next = text_.substr(header_end + 1, next_end - header_end - 1);
      if (next.find_first_of("0123456789") != std::string_view::npos) break;
      header_end = next_end;
    }
    block_ = {true, top, header_end, line, tabs};
  }
  block_.last_line = line;
  if (line <= block_.header_end) return {};  // a header line is no row under the header
  return {block_.header_begin, block_.header_end};
}

std::string_view Attribution::implicitHeader(int value) {
  const Value& v = values_[static_cast<std::size_t>(value)];
  const Span header = tabBlockHeader(v.begin);
  if (header.end == header.begin) return {};
  // The value's column in each header line, joined.
  const std::size_t line = text_.substr(0, v.begin).rfind('\n') + 1;  // npos + 1 == 0
  const auto column = std::count(text_.begin() + static_cast<std::ptrdiff_t>(line),
                                 text_.begin() + static_cast<std::ptrdiff_t>(v.begin), '\t');
  header_text_.clear();
  for (std::size_t l = header.begin; l < header.end;) {
    std::size_t l_end = text_.find('\n', l);
    if (l_end == std::string_view::npos || l_end > header.end) l_end = header.end;
    std::size_t b = l;
    for (std::ptrdiff_t c = 0; c < column && b < l_end; ++c) {
      const std::size_t tab = text_.find('\t', b);
      b = tab == std::string_view::npos || tab >= l_end ? l_end : tab + 1;
    }
    std::size_t e = text_.find('\t', b);
    if (e == std::string_view::npos || e > l_end) e = l_end;
    const std::string_view cell = text_.substr(b, e - b);
    if (!cell.empty() && cell.find_first_of("0123456789") == std::string_view::npos) {
      if (!header_text_.empty()) header_text_ += ' ';
      header_text_ += cell;
    }
    l = l_end + 1;
  }
  return header_text_;
}

void Attribution::assignHit(std::size_t hit_index, const KeywordHit& hit) {
  const KeywordClasses positive = hit.classes & kRuleBits;
  const bool negative = (hit.classes >> 16) != 0;
  // The first value that starts at or after the keyword's end.
  const auto next = std::lower_bound(values_.begin(), values_.end(), hit.end,
                                     [](const Value& v, std::size_t o) { return v.begin < o; });
  const std::size_t n = static_cast<std::size_t>(next - values_.begin());
  if (n > 0 && values_[n - 1].end > hit.begin) return;  // inside a value: kIgnored
  const auto give = [&](std::size_t v, Place place) {
    owner_[hit_index] = static_cast<int>(v);
    place_[hit_index] = place;
    if (place == Place::kBefore) values_[v].labelled_before = true;
    values_[v].labelled = true;
  };
  const auto in_reach = [&](std::size_t from, std::size_t to) {
    return to - from <= 4 * kReachChars && charsBetween(text_, from, to) <= kReachChars;
  };

  // Rule 1, after a value and an opening bracket: "960121-1021413 (주민번호)".
  if (n > 0) {
    const Value& prev = values_[n - 1];
    const std::string_view gap = text_.substr(prev.end, hit.begin - prev.end);
    if (gap.size() <= kBracketGapBytes && gap.find_first_of("([") != std::string_view::npos &&
        gap.find_first_not_of(" ([") == std::string_view::npos && fits(positive, negative, prev)) {
      give(n - 1, Place::kAfter);
      return;
    }
  }
  // Rule 1: the nearest value after it in its cell that it fits, one that fits well first. A label
  // reaches no further than its sentence, and not past another label: a keyword of another rule
  // (hits_[next_hit]) or an unknown label in front of the value ("… 예금주 김철수 처리 완료
  // 처리번호 6084062153" is not an account).
  bool cell_has_value = false;
  std::size_t loose = values_.size();
  std::size_t next_hit = hit_index + 1;
  std::size_t phrase_end = hit.end;  // end of the run of keywords this one starts
  for (std::size_t v = n; v < values_.size(); ++v) {
    const Value& value = values_[v];
    if (!in_reach(hit.end, value.begin) || !sameSegment(hit.end, value.begin, true)) break;
    cell_has_value = true;
    // Another keyword in between that names this value otherwise ("… 팩스 042-…") takes it; one
    // that does not fit it is part of this label's phrase ("Health insurance card 6674…"), and
    // one of the same kind too ("환불계좌 신한은행 …").
    bool taken = false;
    for (; next_hit < hits_->size() && (*hits_)[next_hit].begin < value.begin; ++next_hit) {
      const KeywordHit& other = (*hits_)[next_hit];
      if (other.begin >= phrase_end &&
          text_.substr(phrase_end, other.begin - phrase_end).find_first_not_of(" ._-/") ==
              std::string_view::npos)
        phrase_end = other.end;
      const KeywordClasses other_positive = other.classes & kRuleBits;
      if ((other_positive & positive) == 0 &&
          fits(other_positive, (other.classes >> 16) != 0, value))
        taken = true;
    }
    if (taken) break;
    // A label word in front of the value ("처리번호 …") ends this keyword's reach, unless it
    // continues this keyword's phrase ("License no. …", "Health insurance card No.: …").
    if (value.label_word != std::string_view::npos && phrase_end < value.label_word &&
        text_.substr(phrase_end, value.label_word - phrase_end).find_first_not_of(" ._-") !=
            std::string_view::npos)
      break;
    if (endsSentence(text_, hit.end, value.begin)) break;
    if (fitsWell(positive, negative, value)) {
      give(v, Place::kBefore);
      return;
    }
    if (loose == values_.size() && fits(positive, negative, value)) loose = v;
  }
  if (loose != values_.size()) {
    give(loose, Place::kBefore);
    return;
  }
  // Rule 2: after the last value of its cell, the nearest one before it that it fits and that has
  // no label in front.
  if (!cell_has_value) {
    loose = values_.size();
    for (std::size_t v = n; v-- > 0;) {
      const Value& value = values_[v];
      if (!in_reach(value.end, hit.begin) || !sameSegment(value.end, hit.begin, true)) break;
      cell_has_value = true;
      if (endsSentence(text_, value.end, hit.begin)) break;
      if (value.labelled_before || !fits(positive, negative, value)) continue;
      if (fitsWell(positive, negative, value)) {
        give(v, Place::kAfter);
        return;
      }
      if (loose == values_.size()) loose = v;
    }
    if (loose != values_.size()) {
      give(loose, Place::kAfter);
      return;
    }
  }
  if (cell_has_value) return;  // its cell's values are not what it names: kIgnored
  // Rule 3: alone in its cell, on a row with values: the nearest value of the row that it fits
  // well, passing over values whose column header names another kind (a bank name's cell labels
  // the account column's value, not the health-insurance number beside it). The next one wins a
  // tie.
  bool row_has_value = false;
  std::size_t best = values_.size();
  int best_distance = 1 << 30;
  const auto consider = [&](std::size_t v, int distance) {
    const Value& value = values_[v];
    if (value.header != 0 && (value.header & hit.classes) == 0) return;
    if (!fitsWell(positive, negative, value)) return;
    if (distance < best_distance) {
      best = v;
      best_distance = distance;
    }
  };
  for (std::size_t v = n; v < values_.size(); ++v) {
    const Value& value = values_[v];
    if (!in_reach(hit.end, value.begin) || !sameSegment(hit.end, value.begin, false)) break;
    row_has_value = true;
    consider(v, charsBetween(text_, hit.end, value.begin));
  }
  for (std::size_t v = n; v-- > 0;) {
    const Value& value = values_[v];
    if (!in_reach(value.end, hit.begin) || !sameSegment(value.end, hit.begin, false)) break;
    row_has_value = true;
    consider(v, charsBetween(text_, value.end, hit.begin) + 1);
  }
  if (best != values_.size()) {
    give(best, Place::kRow);
    return;
  }
  // Rule 4: a line without values: ambient. A bank name alone on its line (a register's bank
  // cell in a table written one cell per line) names one account, not every number near it:
  // the nearest value within reach that it fits well, the next one first.
  if (row_has_value) return;
  owner_[hit_index] = kAmbient;
  if (hit.bank < 0 || (hit.classes & ~positiveBit(RuleId::kKrBankAccount)) != 0) return;
  std::size_t target = values_.size();
  int target_distance = 1 << 30;
  for (std::size_t v = n; v < values_.size(); ++v) {
    const Value& value = values_[v];
    if (!in_reach(hit.end, value.begin)) break;
    if (!fitsWell(positive, negative, value)) continue;
    target = v;
    target_distance = charsBetween(text_, hit.end, value.begin);
    break;
  }
  for (std::size_t v = n; v-- > 0;) {
    const Value& value = values_[v];
    if (!in_reach(value.end, hit.begin)) break;
    if (!fitsWell(positive, negative, value)) continue;
    if (charsBetween(text_, value.end, hit.begin) < target_distance) target = v;
    break;
  }
  bank_target_[hit_index] = target == values_.size() ? kIgnored : static_cast<int>(target);
}

void Attribution::finish() {
  // Rule 6: a list continues its first value's labels.
  for (std::size_t v = 1; v < values_.size(); ++v) {
    Value& value = values_[v];
    if (value.labelled) continue;
    const Value& prev = values_[v - 1];
    const int source = labelSource(static_cast<int>(v - 1));
    if (!values_[static_cast<std::size_t>(source)].labelled || (prev.rules & value.rules) == 0)
      continue;
    std::string_view gap = text_.substr(prev.end, value.begin - prev.end);
    if (gap.size() > kListGapBytes || !sameSegment(prev.end, value.begin, true)) continue;
    std::string rest;
    for (char ch : gap)
      if (ch != ' ' && ch != ',' && ch != '/' && ch != ';') rest.push_back(ch);
    if (rest.empty() || rest == "및" || rest == "또는" || rest == "and" || rest == "or")
      value.inherits = source;
  }
}

int Attribution::labelSource(int value) const {
  const int inherits = values_[static_cast<std::size_t>(value)].inherits;
  return inherits >= 0 ? inherits : value;
}

bool Attribution::acceptsAmbient(int value, RuleId rule) const {
  const Value& v = values_[static_cast<std::size_t>(value)];
  if (v.labelled || v.inherits >= 0) return false;
  const KeywordClasses bit = positiveBit(rule);
  return (v.intrinsic & bit) != 0 || ((v.intrinsic & ~bit) == 0 && !v.timestamp);
}

}  // namespace jamul::scanner::detect
