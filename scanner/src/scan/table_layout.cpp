// SPDX-License-Identifier: Apache-2.0
#include "scan/table_layout.h"
#include "jamul/common/ascii.h"

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace jamul::scanner::scan {
namespace {

constexpr std::uint64_t kMaxQuotedField = 64 * 1024;
constexpr std::size_t kMaxHeaderBytes = 64 * 1024;

using ascii::trim;

std::string lowerExtension(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return {};
  return ascii::lower(name.substr(dot + 1));
}

}  // namespace

std::vector<std::string> splitRecord(std::string_view record, char delimiter) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  bool at_start = true;
  for (std::size_t i = 0; i < record.size(); ++i) {
    const char c = record[i];
    if (quoted) {
      if (c != '"') {
        field.push_back(c);
      } else if (i + 1 < record.size() && record[i + 1] == '"') {
        field.push_back('"');  // "" inside quotes
        ++i;
      } else {
        quoted = false;
      }
      continue;
    }
    if (c == '"' && at_start) {
      quoted = true;
      at_start = false;
    } else if (c == delimiter) {
      fields.emplace_back(trim(field));
      field.clear();
      at_start = true;
    } else if (c == '\n') {
      break;
    } else {
      field.push_back(c);
      at_start = false;
    }
  }
  fields.emplace_back(trim(field));
  return fields;
}

bool TableLayout::step(State& state, char c, std::uint64_t& quoted_run) const {
  switch (state) {
    case State::kFieldStart:
      if (c == '"') {
        state = State::kQuoted;
        quoted_run = 0;
      } else if (c == '\n') {
        return true;
      } else if (c != delimiter_) {
        state = State::kUnquoted;
      }
      return false;
    case State::kUnquoted:
      if (c == delimiter_) state = State::kFieldStart;
      if (c == '\n') {
        state = State::kFieldStart;
        return true;
      }
      return false;
    case State::kQuoted:
      if (c == '"') {
        state = State::kQuoteInQuoted;
      } else if (++quoted_run > kMaxQuotedField) {
        state = State::kUnquoted;  // an unterminated quote: give up on it (see header)
      }
      return false;
    case State::kQuoteInQuoted:
      if (c == '"') {
        state = State::kQuoted;  // "" is an escaped quote
      } else if (c == delimiter_) {
        state = State::kFieldStart;
      } else if (c == '\n') {
        state = State::kFieldStart;
        return true;
      } else {
        state = State::kUnquoted;
      }
      return false;
  }
  return false;
}

namespace {

// Offset of the first '"' or '\n' in p[0, n), or n. Sixteen bytes per step.
std::size_t findQuoteOrNewline(const char* p, std::size_t n) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i newline = _mm_set1_epi8('\n');
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, newline)));
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i < n; ++i)
    if (p[i] == '"' || p[i] == '\n') return i;
  return n;
}

}  // namespace

void TableLayout::append(std::string_view text) {
  // The same state machine as step(), but only quotes and newlines are looked at one by one: in an
  // unquoted field nothing else can end a record, and a quote opens a field only right after a
  // delimiter or a record start. Spans between them are skipped sixteen bytes at a time.
  const char* p = text.data();
  const std::size_t n = text.size();
  std::size_t i = 0;
  const auto record_end = [&](std::size_t at) {  // `at`: offset of the '\n'
    if (!header_done_) {
      appendHeader(text.substr(0, at + 1));
      finishHeader();
    }
    record_starts_.push_back(consumed_ + at + 1);
  };
  while (i < n) {
    if (state_ == State::kQuoted) {
      // Look for the closing quote, but no farther than the unterminated-quote limit.
      const std::size_t limit = static_cast<std::size_t>(
          std::min<std::uint64_t>(n - i, kMaxQuotedField - std::min(quoted_run_, kMaxQuotedField)));
      const void* q = std::memchr(p + i, '"', limit);
      if (q == nullptr) {
        quoted_run_ += limit;
        i += limit;
        if (quoted_run_ >= kMaxQuotedField) state_ = State::kUnquoted;  // give up on this quote
        continue;
      }
      const auto at = static_cast<std::size_t>(static_cast<const char*>(q) - p);
      quoted_run_ += at - i + 1;
      i = at + 1;
      state_ = State::kQuoteInQuoted;
      continue;
    }
    if (state_ == State::kQuoteInQuoted) {
      const char c = p[i++];
      if (c == '"') {
        state_ = State::kQuoted;  // "" is an escaped quote
      } else if (c == '\n') {
        state_ = State::kFieldStart;
        record_end(i - 1);
      } else {
        state_ = c == delimiter_ ? State::kFieldStart : State::kUnquoted;
      }
      last_byte_ = c;
      continue;
    }
    // Unquoted (or at a field start): jump to the next quote or newline.
    const std::size_t at = i + findQuoteOrNewline(p + i, n - i);
    if (at == n) {
      last_byte_ = p[n - 1];
      state_ = State::kUnquoted;
      if (last_byte_ == delimiter_) state_ = State::kFieldStart;
      break;
    }
    const char before = at > 0 ? p[at - 1] : last_byte_;
    if (p[at] == '\n') {
      state_ = State::kFieldStart;
      record_end(at);
    } else if (before == delimiter_ || before == '\n') {
      state_ = State::kQuoted;  // a quote that opens a field
      quoted_run_ = 0;
    } else {
      state_ = State::kUnquoted;  // a stray quote inside an unquoted field is literal
    }
    last_byte_ = p[at];
    i = at + 1;
  }
  if (!header_done_) appendHeader(text);
  consumed_ += n;
}

void TableLayout::appendHeader(std::string_view text) {
  const std::size_t room = kMaxHeaderBytes - std::min(header_text_.size(), kMaxHeaderBytes);
  header_text_.append(text.substr(0, std::min(text.size(), room)));
}

void TableLayout::finishHeader() {
  header_done_ = true;
  header_ = splitRecord(header_text_, delimiter_);
  for (const std::string& h : header_) all_headers_ += h + "\n";
  header_text_.clear();
  header_text_.shrink_to_fit();
}

void TableLayout::setWindow(std::string_view text, std::uint64_t base) {
  window_ = text;
  window_base_ = base;
  while (record_starts_.size() > 1 && record_starts_[1] <= base) {
    record_starts_.pop_front();
    ++first_record_number_;
  }
}

std::size_t TableLayout::columnOf(std::size_t from, std::size_t offset) const {
  State state = State::kFieldStart;
  std::uint64_t run = 0;
  std::size_t column = 0;
  for (std::size_t i = from; i < offset && i < window_.size(); ++i) {
    const State before = state;
    step(state, window_[i], run);
    if (window_[i] == delimiter_ && before != State::kQuoted) ++column;
  }
  return column;
}

TableLayout::Cell TableLayout::cellAt(std::uint64_t global) const {
  auto it = std::upper_bound(record_starts_.begin(), record_starts_.end(), global);
  if (it == record_starts_.begin()) return {};
  --it;
  const std::uint64_t start = *it;
  if (start < window_base_ || global < window_base_) return {};  // record began before the window
  Cell cell;
  cell.row = first_record_number_ + static_cast<std::uint64_t>(it - record_starts_.begin());
  cell.column = columnOf(start - window_base_, global - window_base_) + 1;
  return cell;
}

bool TableLayout::inHeaderRow(std::size_t window_offset) const {
  const std::uint64_t global = window_base_ + window_offset;
  auto it = std::upper_bound(record_starts_.begin(), record_starts_.end(), global);
  if (it == record_starts_.begin()) return false;
  --it;
  return first_record_number_ + static_cast<std::uint64_t>(it - record_starts_.begin()) == 1;
}

std::string_view TableLayout::columnHeader(std::size_t window_offset) const {
  const Cell cell = cellAt(window_base_ + window_offset);
  if (cell.row <= 1 || cell.column == 0 || cell.column > header_.size()) return {};
  return header_[cell.column - 1];
}

char tableDelimiter(std::string_view file_name, std::string_view head) {
  const std::string ext = lowerExtension(file_name);
  const std::string_view first_line = head.substr(0, head.find('\n'));
  if (ext == "csv") {
    static constexpr std::array<char, 4> kCandidates = {',', ';', '\t', '|'};
    char best = ',';
    std::size_t best_count = 0;
    for (char d : kCandidates) {
      const auto n = static_cast<std::size_t>(std::count(first_line.begin(), first_line.end(), d));
      if (n > best_count) {
        best = d;
        best_count = n;
      }
    }
    return best;
  }
  if (ext == "tsv" || ext == "tab") return '\t';
  // Other text: a table if its first lines (at least three) all hold the same number (>= 2) of tabs.
  std::size_t lines = 0;
  long tabs = -1;
  std::size_t pos = 0;
  while (pos < head.size() && lines < 5) {
    const std::size_t end = head.find('\n', pos);
    if (end == std::string_view::npos) break;
    const std::string_view line = head.substr(pos, end - pos);
    const long n = std::count(line.begin(), line.end(), '\t');
    if (n < 2 || (tabs >= 0 && n != tabs)) return 0;
    tabs = n;
    ++lines;
    pos = end + 1;
  }
  return lines >= 3 ? '\t' : 0;
}

}  // namespace jamul::scanner::scan
