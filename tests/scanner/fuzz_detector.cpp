// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the Detector over any text: whole, then in overlapping windows as
// FileScanner feeds a long file (Detector::kWindowOverlap), so that values fall across window
// boundaries. Built by the fuzz preset (tests/fuzz/). What must hold (detector.h):
//   - every match lies inside the window's text, and matches come ordered by where they begin;
//   - a masked excerpt is never the raw value it masks, unless the value holds no letter or digit
//     that a mask could hide (the IPv6 rule reports "::" today, e.g. in
//     ../shared/corpus/txt/chardet__sparcs.kaist.ac.kr.xml; issue 14 notes it for the rules);
//   - in windows, a match begins inside its window's report range, and no match is reported by
//     two windows.
// Input: byte 0 says whether the text is OCR output (bit 0) and whether it is a table, with a
// header row and tab- or comma-separated cells (bits 1-2); bytes 1-2 the window size
// (4096-12287 bytes, as ScanOptions::window_bytes at least 4 x the overlap); the rest is the text,
// repeated up to three windows' worth when shorter.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "jamul/scanner/detector.h"
#include "support/detector_fixture.h"
#include "support/fuzz_support.h"

namespace {

using jamul::scanner::Detector;
using jamul::scanner::Match;
using jamul::scanner::TextWindow;
using jamul::testing::fuzzCheck;

// A table whose first line is the header row: the header of a cell is the header row's cell in the
// same column (cells split by `delimiter` and tabs).
class FirstLineTable final : public jamul::scanner::TextStructure {
 public:
  FirstLineTable(std::string_view text, char delimiter)
      : text_(text), delimiter_(delimiter), header_(text.substr(0, text.find('\n'))) {}

  std::string_view columnHeader(std::size_t offset) const override {
    fuzzCheck(offset <= text_.size());
    const std::size_t line = text_.rfind('\n', offset == 0 ? 0 : offset - 1);
    const std::size_t from = line == std::string_view::npos || offset == 0 ? 0 : line + 1;
    std::size_t column = 0;
    for (std::size_t i = from; i < offset; ++i) column += isCellEnd(text_[i]) ? 1 : 0;
    std::size_t begin = 0;
    for (std::size_t i = 0; i < header_.size() && column > 0; ++i) {
      if (isCellEnd(header_[i])) {
        --column;
        begin = i + 1;
      }
    }
    if (column > 0) return {};
    std::size_t end = begin;
    while (end < header_.size() && !isCellEnd(header_[end])) ++end;
    return header_.substr(begin, end - begin);
  }
  std::string_view allHeaders() const override { return header_; }
  bool inHeaderRow(std::size_t offset) const override { return offset < header_.size(); }
  char cellDelimiter() const override { return delimiter_ == '\t' ? 0 : delimiter_; }

 private:
  bool isCellEnd(char c) const { return c == '\t' || c == delimiter_; }

  std::string_view text_;
  char delimiter_;
  std::string_view header_;
};

bool hasAlphanumeric(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  });
}

// A position at or before `pos` that does not split a UTF-8 sequence.
// As TextScan's: at most 3 bytes back, so that bytes that are not UTF-8 cannot walk a cut back
// past the overlap.
std::size_t charBoundary(std::string_view text, std::size_t pos) {
  for (int step = 0; step < 3 && pos > 0 && pos < text.size() &&
                     (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80;
       ++step)
    --pos;
  return pos;
}

// Checks the matches of one window; returns them with offsets into the whole text.
void checkWindow(const TextWindow& window, const std::vector<Match>& matches, std::size_t base,
                 std::set<std::tuple<std::size_t, std::size_t, int>>& seen) {
  std::size_t previous_begin = 0;
  for (const Match& m : matches) {
    fuzzCheck(m.begin < m.end && m.end <= window.text.size());
    fuzzCheck(m.begin >= previous_begin);
    previous_begin = m.begin;
    fuzzCheck(m.begin >= window.report_begin && m.begin < window.report_end);
    const std::string_view raw = window.text.substr(m.begin, m.end - m.begin);
    fuzzCheck(m.masked != raw || !hasAlphanumeric(raw));
    // Reported once: no two windows give the same value at the same place.
    fuzzCheck(seen.emplace(base + m.begin, base + m.end, static_cast<int>(m.rule)).second);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Detector detector = jamul::test::makeTestDetector();
  if (size < 3) return 0;
  const bool ocr = (data[0] & 1) != 0;
  const int table = (data[0] >> 1) & 3;  // 0: none, 1: tabs, 2: commas, 3: none
  const std::size_t window_bytes =
      4 * Detector::kWindowOverlap + ((std::size_t{data[1]} << 8 | data[2]) % 8192);
  const std::string_view input = jamul::testing::fuzzBytes(data + 3, size - 3);
  if (input.empty()) return 0;
  std::string text(input);
  while (text.size() < 3 * window_bytes) text.append(input);

  std::vector<Match> matches;
  {
    // The whole text as one window.
    const FirstLineTable structure(text, table == 2 ? ',' : '\t');
    TextWindow window;
    window.text = text;
    window.ocr = ocr;
    window.structure = table == 1 || table == 2 ? &structure : nullptr;
    detector.detect(window, matches);
    std::set<std::tuple<std::size_t, std::size_t, int>> seen;
    checkWindow(window, matches, 0, seen);
  }
  // Overlapping windows of about window_bytes + kWindowOverlap, as FileScanner cuts a stream.
  std::set<std::tuple<std::size_t, std::size_t, int>> seen;
  std::size_t start = 0, report_from = 0;
  for (;;) {
    const std::size_t end = std::min(text.size(), start + window_bytes + Detector::kWindowOverlap);
    const std::string_view piece = std::string_view(text).substr(start, end - start);
    const bool last = end == text.size();
    const std::size_t cut =
        last ? piece.size() : charBoundary(piece, piece.size() - Detector::kWindowOverlap);
    const FirstLineTable structure(piece, table == 2 ? ',' : '\t');
    TextWindow window;
    window.text = piece;
    window.report_begin = report_from;
    window.report_end = cut;
    window.ocr = ocr;
    window.structure = table == 1 || table == 2 ? &structure : nullptr;
    matches.clear();
    detector.detect(window, matches);
    checkWindow(window, matches, start, seen);
    if (last) break;
    const std::size_t keep_from = charBoundary(piece, cut - Detector::kWindowOverlap);
    start += keep_from;
    report_from = cut - keep_from;
  }
  return 0;
}
