// SPDX-License-Identifier: Apache-2.0
#pragma once

// AttributionCorpus: labelled synthetic documents in which values sit next to each other's labels
// (issue 13). The older SyntheticCorpus (synthetic_corpus.h) places values only where no foreign
// keyword is near; this one does the opposite, on purpose, in the shapes where evidence used to be
// given to the wrong value:
//   - form lines: "자택 전화번호 053-9136-6805", a filler line, "환불계좌 신한은행 1002-889-577953
//     예금주 김철수"; an RRN on the line before an account; "로그 시각 202205020739" near an account;
//   - prose sentences and paragraphs several kilobytes long holding many labelled values;
//   - logs with compact timestamps (12 and 14 digits) on the same lines as accounts and phones;
//   - tables (a header row, then records) whose columns mix 주민등록번호, 연락처, 은행 and 계좌번호,
//     so that another column's account header and bank name sit beside every RRN and phone.
// Every planted value carries its own label (its column header in a table) or validates on its own
// (an RRN with a hyphen, a mobile number, an e-mail), so each must be reported at the default
// threshold (medium) under its own rule; every trap carries a label of its own that says what it is
// (주문번호, 로그 시각, ...), so none may be reported at medium or above.
//
// Documents are UTF-8; tables are also kept as cells so that they can be written as CSV, TSV,
// XLSX, HWP or DOCX (document_writers.h). Only characters CP949 encodes (ASCII, Hangul syllables),
// so every document can be written in CP949 and UTF-16 and decode to the same text.
//
// Determinism: the same seed gives the same documents everywhere (synth::Rng, never <random>).
// Thread-safety: one AttributionCorpus per thread.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "support/synthetic_corpus.h"

namespace jamul::test {

enum class AttributionLayout : std::uint8_t { kForm, kProse, kLongLine, kLog, kTable };

// "form", "prose", "long-line", "log", "table".
std::string_view attributionLayoutName(AttributionLayout layout);

// A planted value of a table, by cell (row 0 is the header row).
struct TableValue {
  std::size_t row = 0;
  std::size_t column = 0;
  scanner::RuleId rule = scanner::RuleId::kKrRrn;
};

struct AttributionDocument {
  std::string name;  // a stem without extension, e.g. "민원처리_0007"
  AttributionLayout layout = AttributionLayout::kForm;
  // UTF-8 text; for kTable the table as TSV (cells joined by '\t', rows ended by '\n').
  std::string text;
  std::vector<PlantedValue> planted;  // offsets into `text`, in order
  std::vector<TrapValue> traps;
  // kTable only: the cells (cells[0] is the header row; every cell's text is a value, a label or
  // plain words), the planted values by cell (the cell's whole text is the value) and the traps.
  std::vector<std::vector<std::string>> cells;
  std::vector<TableValue> table_values;
};

class AttributionCorpus {
 public:
  explicit AttributionCorpus(std::uint64_t seed) : seed_(seed) {}

  // The next document, its layout drawn from all five.
  AttributionDocument next();
  // The next document of `layout`.
  AttributionDocument next(AttributionLayout layout);

 private:
  std::uint64_t seed_;
  std::uint64_t index_ = 0;
};

}  // namespace jamul::test
