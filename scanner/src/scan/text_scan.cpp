// SPDX-License-Identifier: Apache-2.0
#include "scan/text_scan.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "jamul/common/utf8.h"
#include "jamul/scanner/rule_catalog.h"

namespace jamul::scanner::scan {
namespace {

// Number of '\n' bytes in `text`. Called on every byte of every file (line numbers must be known
// before a window's text is dropped), so it is vectorised: 16 bytes per step.
std::uint64_t countNewlines(std::string_view text) {
  std::uint64_t n = 0;
  std::size_t i = 0;
#if defined(__SSE2__)
  // Each match subtracts -1 from a byte lane; lanes are summed (psadbw) before they can overflow.
  // (Baseline x86-64 has no POPCNT instruction, so movemask + popcount would be a library call.)
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i zero = _mm_setzero_si128();
  const auto sum_lanes = [&](__m128i acc) {
    const __m128i sums = _mm_sad_epu8(acc, zero);
    return static_cast<std::uint64_t>(_mm_cvtsi128_si64(sums)) +
           static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  };
  __m128i acc = zero;
  int steps = 0;
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, newline));
    if (++steps == 255) {
      n += sum_lanes(acc);
      acc = zero;
      steps = 0;
    }
  }
  n += sum_lanes(acc);
#endif
  for (; i < text.size(); ++i) n += text[i] == '\n' ? 1 : 0;
  return n;
}

// Moves `pos` back to the start of the UTF-8 character it points into.
// Steps back at most 3 bytes (the most continuation bytes a UTF-8 character has): in text that is
// not UTF-8, a run of continuation bytes must not walk the cut back past the window's overlap
// (cut - kWindowOverlap would wrap around).
std::size_t charBoundary(std::string_view text, std::size_t pos) {
  for (int step = 0; step < 3 && pos > 0 && pos < text.size() &&
                     utf8::isContinuation(static_cast<unsigned char>(text[pos]));
       ++step)
    --pos;
  return pos;
}

// "A", "B", ... "Z", "AA", ... (spreadsheet column names; `column` is 1-based).
std::string columnName(std::uint64_t column) {
  std::string name;
  for (; column > 0; column = (column - 1) / 26)
    name.insert(name.begin(), static_cast<char>('A' + (column - 1) % 26));
  return name;
}

}  // namespace

char partDelimiter(extract::PartKind kind) {
  switch (kind) {
    case extract::PartKind::kTable: return '\t';
    case extract::PartKind::kCsv: return ',';
    case extract::PartKind::kParagraphs:
    case extract::PartKind::kLines:
    case extract::PartKind::kOcrLines: return 0;
  }
  return 0;
}

void TextScan::process(bool last) {
  std::size_t cut = text_.size();
  if (!last) cut = charBoundary(text_, text_.size() - Detector::kWindowOverlap);
  TextWindow window;
  window.text = text_;
  window.report_begin = report_from_;
  window.report_end = cut;
  if (table_) {
    table_->setWindow(text_, base_);
    window.structure = &*table_;
  }
  window.ocr = place_.kind == extract::PartKind::kOcrLines;
  // A rule's sample of values fills up: beyond it, its values are only counted (no digest or mask
  // made). Within a window, the sample's room goes to the first values, repeated ones included.
  for (RuleId rule : kAllRules) {
    const std::size_t kept = kept_per_rule_[ruleIndex(rule)];
    if (ruleInfo(rule).traits.unstructured)
      window.sample_left[ruleIndex(rule)] = static_cast<std::uint32_t>(
          kept >= max_unstructured_ ? 0 : std::min<std::size_t>(max_unstructured_ - kept, UINT32_MAX));
  }
  matches_.clear();
  detector_.detect(window, matches_);
  record();
  if (last) return;
  const std::size_t keep_from = charBoundary(text_, cut - Detector::kWindowOverlap);
  lines_before_ += countNewlines(std::string_view(text_).substr(0, keep_from));
  text_.erase(0, keep_from);
  base_ += keep_from;
  report_from_ = cut - keep_from;
}

std::string TextScan::location(std::size_t offset) {
  if (table_) {
    const scan::TableLayout::Cell cell = table_->cellAt(base_ + offset);
    if (cell.row > 0) {
      if (place_.location.empty())
        return "row " + std::to_string(cell.row) + ", column " + std::to_string(cell.column);
      return place_.location + "!" + columnName(cell.column) + std::to_string(cell.row);
    }
  }
  // Matches come in offset order: count newlines incrementally.
  if (offset < line_cursor_) {
    line_cursor_ = 0;
    line_count_ = 0;
  }
  line_count_ += countNewlines(std::string_view(text_).substr(line_cursor_, offset - line_cursor_));
  line_cursor_ = offset;
  const char* unit = place_.kind == extract::PartKind::kParagraphs ? "paragraph " : "line ";
  std::string where = unit + std::to_string(lines_before_ + line_count_ + 1);
  return place_.location.empty() ? where : place_.location + ", " + where;
}

void TextScan::record() {
  line_cursor_ = 0;
  line_count_ = 0;
  for (Match& m : matches_) {
    ++report_.counts[ruleIndex(m.rule)][confidenceIndex(m.confidence)];
    if (m.counted_only) {
      // Counted only (its sample is full): the kept values' own counts are lower bounds now.
      report_.findings_truncated = true;
      continue;
    }
    const FindingKey key{m.rule, m.confidence, m.digest};
    auto it = index_.find(key);
    if (it != index_.end()) {
      FindingSummary& f = report_.findings[it->second];
      ++f.count;
      // Location and masked excerpt stay the first occurrence's; the basis takes every
      // occurrence's checks and the best one's context (a value labelled once is a labelled one).
      f.basis = foldBasis(f.basis, m.basis);
      continue;
    }
    std::size_t& kept = kept_per_rule_[ruleIndex(m.rule)];
    if (report_.findings.size() >= max_findings_ ||
        (kept >= max_unstructured_ && ruleInfo(m.rule).traits.unstructured)) {
      report_.findings_truncated = true;
      continue;
    }
    ++kept;
    FindingSummary f;
    f.rule = m.rule;
    f.confidence = m.confidence;
    f.count = 1;
    f.offset = place_.stream_base + base_ + m.begin;
    f.location = location(m.begin);
    f.masked = std::move(m.masked);
    f.digest = m.digest;
    f.basis = m.basis;
    index_.emplace(key, report_.findings.size());
    report_.findings.push_back(std::move(f));
  }
}

}  // namespace jamul::scanner::scan
