// SPDX-License-Identifier: Apache-2.0
#pragma once

// Attribution: which value each context keyword belongs to (issue 13). Evidence used to be shared:
// every keyword within ±100 characters counted for every candidate, so "환불계좌 신한은행" on the
// next line made a labelled phone number or RRN an account. Here each keyword belongs to one value
// or to none, and each value learns what labels it has of its own.
//
// Terms. A *value* is a span that one or more candidates read as an identifier (candidates that
// overlap are one value: "053-9136-6805" is a phone and, by its digits, an account). A *cell* is a
// run of text between line breaks, tabs and the table's delimiter; a *line* is a table's row.
//
// The rule (docs/detection-rules.md, "Whose label is it"):
//   1. A keyword labels the nearest value after it in its own cell that it fits (the value has a
//      candidate of the keyword's rule), preferring one that does not validate as a stricter type
//      of another rule; it is not passed across a value it fits. Right after a value and an opening
//      bracket ("960121-1021413 (주민번호)") it labels that value.
//   2. Otherwise, after the last value of its cell, it labels the nearest value before it that it
//      fits, if that value has no label in front of it ("… 예금주 김철수" adds to an account that
//      has one; "처리번호 2022… 계좌 확인" does not make a record number an account).
//   3. A keyword alone in a cell of a row that holds values (a bank name column) labels the nearest
//      value of its row that fits it well, the next one first.
//   4. A keyword on a line with no value (a heading, a label on the line above its value, the
//      header lines of a register whose cells came out one per line) is *ambient*: it counts for
//      the values within reach that have no label of their own (known or not: "처리번호 …" is
//      labelled even though no rule knows the word), and only for a rule that fits them well: a
//      value that validates as one type (an RRN with its date, a valid phone number, a card, a
//      compact timestamp) is not made a looser type (account, health-insurance number) by ambient
//      context alone.
//   5. In a table with known structure, the header row is not ambient: a column's header labels
//      the cells below it and no others (TextStructure::columnHeader).
//   6. A value right after a labelled value of the same kind, separated only by ", ", "/" or
//      " 및 ", shares its labels ("IP 10.0.0.1, 10.0.0.2").
//
// Thread-safety: none; one per Detector (scratch buffers are reused).

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "detect/candidate_windows.h"
#include "detect/keyword_index.h"
#include "detect/rule_logic.h"

namespace jamul::scanner::detect {

class Attribution {
 public:
  // owner() of a keyword that labels no value: on a line of its own (ambient), or ignored (inside
  // a value, a structured table's header row, a label whose cell holds no value it fits).
  static constexpr int kAmbient = -1;
  static constexpr int kIgnored = -2;

  enum class Place : std::uint8_t { kBefore, kAfter, kRow };

  struct Value {
    std::size_t begin = 0, end = 0;    // normalised offsets, union of its candidates
    std::size_t first = 0, last = 0;  // its candidates: [first, last) of the candidate list
    KeywordClasses rules = 0;           // bit ruleIndex(r) for each rule with a candidate here
    KeywordClasses intrinsic = 0;       // rules whose candidate is reported without any context
    bool timestamp = false;            // bare 12 or 14 digits that read as a date and a time
    KeywordClasses header = 0;         // its column header's keyword classes (structured tables)
    bool labelled = false;             // has a label of its own: a keyword (rules 1-3) or an
                                       // unknown "…번호"/"…시각" word right before it
    bool labelled_before = false;      // ... in front of it in its cell, or its column header
    // Where the label word right in front of it starts ("처리번호 …", "주민번호는 …": the "번호"),
    // known to a rule or not; npos when there is none.
    std::size_t label_word = static_cast<std::size_t>(-1);
    int inherits = -1;                 // rule 6: the value whose labels it shares
  };

  // Phase 1: groups `candidates` (sorted by begin) into values. For candidates[i]: `intrinsic[i]`
  // says whether it is reported without any context, `header[i]` holds the keyword classes of its
  // column header (0 outside tables). `delimiter` is a structured table's cell delimiter other
  // than '\t' (CSV ','), or 0.
  void group(std::string_view text, const std::vector<Candidate>& candidates,
             const std::vector<bool>& intrinsic, const std::vector<KeywordClasses>& header,
             char delimiter);

  // Starts on a new text (group() does too); clears the tab-block cache.
  void reset(std::string_view text);
  // For text without a known structure: the header lines (the first line and the digit-free lines
  // after it) of the tab-separated block whose row below them holds `offset`, or {0, 0}. Offsets
  // are asked in increasing order for speed.
  Span tabBlockHeader(std::size_t offset);

  // Between the phases, for text without a known structure: the header of `value`'s column when
  // its line is a row of a tab-separated block (HWP, DOCX and HWPX tables' rows, pasted cells):
  // the same cell of the block's first line and of the digit-free lines after it (a two-row
  // header), joined by spaces; empty when there is none. Valid until the next call. Values are
  // asked in order; a block's rows are read once.
  std::string_view implicitHeader(int value);
  // Records that `value`'s column header (implicit or not) has keyword classes `classes`.
  void addHeader(int value, KeywordClasses classes);

  // Phase 2: gives every hit of `hits` (sorted by begin) to a value, or marks it ambient or
  // ignored. `in_header_row(offset)` is true for normalised offsets in a structured table's header
  // row (rule 5).
  template <typename InHeaderRow>
  void assign(const std::vector<KeywordHit>& hits, InHeaderRow in_header_row) {
    hits_ = &hits;
    owner_.assign(hits.size(), kIgnored);
    place_.assign(hits.size(), Place::kBefore);
    bank_target_.assign(hits.size(), kAmbient);
    for (std::size_t i = 0; i < hits.size(); ++i) {
      if (in_header_row(hits[i].begin)) continue;
      assignHit(i, hits[i]);
    }
    finish();
  }

  const std::vector<Value>& values() const { return values_; }
  int valueOf(std::size_t candidate) const { return value_of_[candidate]; }
  // The value hit `hit` labels, kAmbient or kIgnored.
  int owner(std::size_t hit) const { return owner_[hit]; }
  Place place(std::size_t hit) const { return place_[hit]; }
  // For an ambient hit: kAmbient when it speaks for every value within reach; otherwise (a bank
  // name alone on its line) the one value it names, or kIgnored.
  int ambientTarget(std::size_t hit) const { return bank_target_[hit]; }
  // The value whose labels `value` uses: itself, or the first of a list it continues.
  int labelSource(int value) const;

  // True if `rule`'s candidate on `value` may take ambient evidence of `rule` (rule 4).
  bool acceptsAmbient(int value, RuleId rule) const;

  // True if text[from, to) holds no line break (and, with `cells`, no tab or delimiter).
  bool sameSegment(std::size_t from, std::size_t to, bool cells) const;

 private:
  void finish();
  bool fits(KeywordClasses positive, bool negative, const Value& v) const;
  bool fitsWell(KeywordClasses positive, bool negative, const Value& v) const;
  void assignHit(std::size_t hit_index, const KeywordHit& hit);
  std::size_t labelWordBefore(const Value& v) const;

  std::string_view text_;
  char delimiter_ = 0;
  const std::vector<KeywordHit>* hits_ = nullptr;
  std::string header_text_;  // implicitHeader()'s result
  // tabBlockHeader()'s block: its header lines and the last line known to belong to it.
  struct Block {
    bool valid = false;
    std::size_t header_begin = 0, header_end = 0;
    std::size_t last_line = 0;
    int tabs = 0;
  } block_;
  std::vector<Value> values_;
  std::vector<int> value_of_;
  std::vector<int> owner_;
  std::vector<Place> place_;
  std::vector<int> bank_target_;
};

}  // namespace jamul::scanner::detect
