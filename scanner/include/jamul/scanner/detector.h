// SPDX-License-Identifier: Apache-2.0
#pragma once

// Detector: finds personal-data identifiers in UTF-8 text (DESIGN.md §3, DETECTION.md).
//
// Pipeline inside detect(): normalise (full-width digits, dash and space look-alikes; offsets mapped
// back) → candidate windows (a vectorised scan for digits, '@', ':' and '=' hands RE2 only small
// windows) → one RE2::Set pass per window → per-rule RE2 extraction → validation (dates, checksums,
// issuer ranges) → context (keywords within ±100 characters that belong to the value, and the
// column header for tables) → confidence (DETECTION.md §3.14) → overlaps resolved (one identifier
// per span). Text that OCR produced is read a second way for OCR's confusions (TextWindow::ocr).
//
// The detector reports every match at confidence low or above; threshold filtering is the caller's
// (so that an inventory can be re-filtered without rescanning). It never returns a raw value: a
// Match carries a masked form and a keyed digest made by the injected ValueHasher.
//
// Thread-safety: a Detector is immutable after create() except for internal scratch buffers, so it
// is NOT safe to call detect() on one Detector from two threads; give each worker its own.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/common/result.h"
#include "jamul/common/value_digest.h"
#include "jamul/scanner/finding_basis.h"
#include "jamul/scanner/rule.h"

namespace jamul::scanner {

// What the container of a text knows about its structure: for tables, the header of the column that
// holds a given byte. Called only for candidates, so implementations may do some work per call.
class TextStructure {
 public:
  virtual ~TextStructure() = default;
  // Returns the header text of the table column containing byte `offset` of the window's text, or an
  // empty view when the byte is not in a table cell with a header.
  virtual std::string_view columnHeader(std::size_t offset) const = 0;
  // All header texts of the table together (any separator), or empty. Lets the detector tell
  // cheaply whether a rule that needs context could find it in some header.
  virtual std::string_view allHeaders() const { return {}; }
  // True if byte `offset` of the window's text lies in the table's header row: its words label
  // the columns below them (columnHeader()), not the values near them.
  virtual bool inHeaderRow(std::size_t /*offset*/) const { return false; }
  // The table's cell delimiter when it is not a tab (',' for CSV), or 0. Tabs and line breaks
  // always end a cell.
  virtual char cellDelimiter() const { return 0; }
};

// TextWindow::sample_left's default: every value of every rule kept.
inline constexpr std::array<std::uint32_t, kRuleCount> kNoSampleLimit = [] {
  std::array<std::uint32_t, kRuleCount> all{};
  all.fill(UINT32_MAX);
  return all;
}();

// A span of text handed to detect(). Matches are looked for in all of `text`, which gives leading
// and trailing context, but only those that start in [report_begin, report_end) are returned: a
// chunked reader overlaps windows by kWindowOverlap bytes and reports each match exactly once.
struct TextWindow {
  std::string_view text;
  std::size_t report_begin = 0;
  std::size_t report_end = static_cast<std::size_t>(-1);
  const TextStructure* structure = nullptr;  // may be null: no table structure
  // The text is what OCR read from an image or a scanned page. The detector then also reads it for
  // OCR's confusions ($ for S, O for 0, stray spaces in digit groups, © for @), inside candidates
  // that a check digit or a label confirms; offsets still refer to `text` as given.
  bool ocr = false;
  // Per rule (by ruleIndex), how many more of its values the caller keeps (a register's sample of
  // names fills up). In text order, the first sample_left[i] matches of rule i come with masked
  // excerpt and digest; the rest come counted only (Match::counted_only), without them, and the
  // detector does not make them: the keyed digest is most of a match's cost. Honoured for the
  // unstructured rules only. Default: no limit.
  std::array<std::uint32_t, kRuleCount> sample_left = kNoSampleLimit;
};

// One identifier found.
struct Match {
  RuleId rule;
  Confidence confidence;
  std::size_t begin = 0;  // byte offsets into TextWindow::text (the original, not the normalised)
  std::size_t end = 0;
  std::string masked;     // e.g. "900101-1******"; safe to store and show
  ValueDigest digest{};   // keyed hash of the canonical value; never the value itself
  // Why it was reported (finding_basis.h): its check digit or validation, a label or keyword of
  // its rule, or its shape alone, and whether OCR text was repaired. Never 0 from detect().
  BasisSet basis = 0;
  // Beyond the window's sample (TextWindow::sample_left): counted, with no masked excerpt and no
  // digest.
  bool counted_only = false;
};

struct DetectorOptions {
  // "Today", used to reject birth dates in the future. Defaults to the system clock's date.
  std::optional<int> today_year;
  std::optional<int> today_month;
  std::optional<int> today_day;
};

class Detector {
 public:
  // Bytes of context a chunked reader must repeat between consecutive windows so that no match (with
  // its ±100-character keyword context) is lost or split at a window boundary.
  static constexpr std::size_t kWindowOverlap = 1024;

  // Compiles the rule catalogue. Fails with kInternal only if a built-in pattern does not compile
  // (a bug, caught by the tests). `hasher` must be thread-safe and outlive the Detector.
  static Result<Detector> create(const DetectorOptions& options, ValueHasher hasher);

  Detector(Detector&&) noexcept;
  Detector& operator=(Detector&&) noexcept;
  ~Detector();

  // Appends the matches in `window` to `out`, ordered by begin offset. Never fails: malformed UTF-8
  // is matched byte-wise.
  void detect(const TextWindow& window, std::vector<Match>& out);

 private:
  class Impl;
  explicit Detector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace jamul::scanner
