// SPDX-License-Identifier: Apache-2.0
// XLSX (ECMA-376 Part 1 §18): one kTable part per worksheet, named by its sheet name, holding TSV
// with every cell at its row and column. The workbook (§18.2.27 workbook, §18.2.19 sheet) gives
// the sheets in tab order and their relationship ids; the shared string table (§18.4.9 sst, si)
// holds most text, rich runs (r/t) concatenated and phonetic runs (rPh) skipped; cells (§18.3.1.4
// c) carry their reference ("C7") and type (§18.18.11 ST_CellType: s, str, inlineStr, b, e, n).
#include <cstdint>
#include <string>
#include <vector>

#include "extract/zip/zip_formats.h"

namespace jamul::scanner::extract::zip {
namespace {

// Excel's grid (§18.3.1.73 row r ≤ 1048576, columns up to XFD = 16384).
constexpr std::uint32_t kMaxRows = 1048576;
constexpr std::uint32_t kMaxColumns = 16384;

struct SheetRef {
  std::string name;
  std::string rel_id;
};

class WorkbookHandler final : public XmlHandler {
 public:
  void startElement(std::string_view name, const XmlAttributes& atts) override {
    if (localName(name) == "sheet")
      sheets.push_back({std::string(atts.get("name")), std::string(atts.getPrefixed("id"))});
  }
  void endElement(std::string_view) override {}
  void characters(std::string_view) override {}
  std::vector<SheetRef> sheets;
};

class SharedStringsHandler final : public XmlHandler {
 public:
  explicit SharedStringsHandler(std::size_t cap) : cap_(cap) {}
  void startElement(std::string_view name, const XmlAttributes&) override {
    const std::string_view local = localName(name);
    if (local == "si") {
      strings.emplace_back();
    } else if (local == "t") {
      ++in_text_;
    } else if (local == "rPh") {
      ++in_phonetic_;
    }
  }
  void endElement(std::string_view name) override {
    const std::string_view local = localName(name);
    if (local == "t" && in_text_ > 0) --in_text_;
    if (local == "rPh" && in_phonetic_ > 0) --in_phonetic_;
  }
  void characters(std::string_view text) override {
    if (in_text_ == 0 || in_phonetic_ > 0 || strings.empty()) return;
    // The table is bounded like a part's text: the sum of its strings is what it could print.
    if (total_ + text.size() > cap_) {
      full = true;
      return;
    }
    total_ += text.size();
    strings.back().append(text);
  }
  std::vector<std::string> strings;
  bool full = false;

 private:
  std::size_t cap_;
  std::size_t total_ = 0;
  int in_text_ = 0;
  int in_phonetic_ = 0;
};

// "C7" -> column 3, row 7 (1-based); false when malformed or outside the grid.
bool parseCellRef(std::string_view ref, std::uint32_t& row, std::uint32_t& column) {
  std::size_t i = 0;
  std::uint64_t col = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && col <= kMaxColumns) {
    col = col * 26 + static_cast<std::uint64_t>(ref[i] - 'A' + 1);
    ++i;
  }
  std::uint64_t r = 0;
  const std::size_t digits = i;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && r <= kMaxRows) {
    r = r * 10 + static_cast<std::uint64_t>(ref[i] - '0');
    ++i;
  }
  if (i != ref.size() || digits == 0 || i == digits) return false;
  if (col == 0 || col > kMaxColumns || r == 0 || r > kMaxRows) return false;
  row = static_cast<std::uint32_t>(r);
  column = static_cast<std::uint32_t>(col);
  return true;
}

bool parseRowNumber(std::string_view s, std::uint32_t& row) {
  std::uint64_t r = 0;
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9' || r > kMaxRows) return false;
    r = r * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (r == 0 || r > kMaxRows) return false;
  row = static_cast<std::uint32_t>(r);
  return true;
}

// Writes a worksheet (§18.3.1.99 worksheet, sheetData, row, c, v, is) as TSV. Rows and cells
// without a reference follow the previous one (the attribute is optional, §18.3.1.73).
class SheetHandler final : public XmlHandler {
 public:
  SheetHandler(PartText& out, const std::vector<std::string>& strings)
      : out_(out), strings_(strings) {}

  void startElement(std::string_view name, const XmlAttributes& atts) override {
    const std::string_view local = localName(name);
    if (local == "row") {
      std::uint32_t r = next_row_;
      if (atts.has("r") && !parseRowNumber(atts.get("r"), r)) bad = true;
      row_ = r;
      next_row_ = r < kMaxRows ? r + 1 : r;
      next_column_ = 1;
    } else if (local == "c") {
      in_cell_ = true;
      value_.clear();
      type_ = std::string(atts.get("t"));
      std::uint32_t r = row_ == 0 ? 1 : row_;
      std::uint32_t c = next_column_;
      if (atts.has("r") && !parseCellRef(atts.get("r"), r, c)) bad = true;
      cell_row_ = r;
      cell_column_ = c;
      next_column_ = c < kMaxColumns ? c + 1 : c;
    } else if (in_cell_ && (local == "v" || local == "t")) {
      ++in_value_;
    } else if (in_cell_ && local == "rPh") {
      ++in_phonetic_;
    }
  }

  void endElement(std::string_view name) override {
    const std::string_view local = localName(name);
    if (local == "c" && in_cell_) {
      in_cell_ = false;
      writeCell();
    } else if ((local == "v" || local == "t") && in_value_ > 0) {
      --in_value_;
    } else if (local == "rPh" && in_phonetic_ > 0) {
      --in_phonetic_;
    }
  }

  void characters(std::string_view text) override {
    if (in_value_ > 0 && in_phonetic_ == 0 && value_.size() < kMaxCell) value_.append(text);
  }

  // Ends the last row.
  void finish() {
    if (written_row_ > 0) out_.append('\n');
  }

  bool bad = false;  // a reference outside the grid

 private:
  static constexpr std::size_t kMaxCell = 32768;  // Excel's own limit on a cell's text

  void writeCell() {
    std::string text;
    if (type_ == "s") {
      std::size_t index = 0;
      bool ok = !value_.empty();
      for (char ch : value_) {
        if (ch < '0' || ch > '9' || index > strings_.size()) {
          ok = false;
          break;
        }
        index = index * 10 + static_cast<std::size_t>(ch - '0');
      }
      if (!ok || index >= strings_.size()) return;
      text = strings_[index];
    } else if (type_ == "b") {
      text = value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : value_;
    } else if (type_ == "str" || type_ == "inlineStr" || type_ == "e") {
      text = value_;
    } else {
      text = displayNumber(value_);
    }
    if (text.empty()) return;
    // Rows and cells only move forward in TSV; one written out of order lands after the last.
    if (written_row_ == 0) written_row_ = 1;
    if (cell_row_ > written_row_) {
      for (std::uint32_t r = written_row_; r < cell_row_ && !out_.full(); ++r) out_.append('\n');
      written_row_ = cell_row_;
      written_column_ = 0;
    }
    if (written_column_ > 0 && cell_column_ <= written_column_) {
      out_.append('\t');
      ++written_column_;
    } else {
      const std::uint32_t from = written_column_ == 0 ? 1 : written_column_;
      for (std::uint32_t c = from; c < cell_column_ && !out_.full(); ++c) out_.append('\t');
      written_column_ = cell_column_;
    }
    out_.appendCell(text);
  }

  PartText& out_;
  const std::vector<std::string>& strings_;
  std::uint32_t row_ = 0;
  std::uint32_t next_row_ = 1;
  std::uint32_t next_column_ = 1;
  std::uint32_t cell_row_ = 1;
  std::uint32_t cell_column_ = 1;
  std::uint32_t written_row_ = 0;     // TSV line being written (1-based), 0 before any cell
  std::uint32_t written_column_ = 0;  // last column written on it, 0 when none
  bool in_cell_ = false;
  int in_value_ = 0;
  int in_phonetic_ = 0;
  std::string type_;
  std::string value_;
};

}  // namespace

ExtractStatus extractXlsx(ZipArchive& zip, TextSink& sink, ExtractContext& ctx) {
  ctx.setFormat("xlsx");
  ExtractStatus status;
  const std::size_t cap = static_cast<std::size_t>(ctx.limits().max_member_bytes);
  const std::string workbook = "xl/workbook.xml";
  WorkbookHandler book;
  foldStatus(status, parseMember(zip, workbook, book, ctx));
  const std::vector<Relationship> rels = readRelationships(zip, workbook, ctx, status);

  SharedStringsHandler sst(cap);
  std::string sst_name = "xl/sharedStrings.xml";
  for (const Relationship& rel : rels)
    if (rel.type.ends_with("/sharedStrings")) sst_name = rel.target;
  if (zip.find(sst_name) != nullptr) foldStatus(status, parseMember(zip, sst_name, sst, ctx));
  if (sst.full) foldStatus(status, ExtractStatus::tooLarge("shared strings over limit"));

  // Sheets in tab order; without a usable workbook, the worksheets present in numeric order.
  std::vector<std::pair<std::string, std::string>> sheets;
  for (const SheetRef& sheet : book.sheets) {
    for (const Relationship& rel : rels) {
      if (rel.id == sheet.rel_id && zip.find(rel.target) != nullptr) {
        sheets.emplace_back(
            sheet.name.empty() ? "Sheet" + std::to_string(sheets.size() + 1) : sheet.name,
            rel.target);
        break;
      }
    }
  }
  if (sheets.empty()) {
    for (const std::string& name : membersLike(zip, "xl/worksheets/sheet", ".xml"))
      sheets.emplace_back("Sheet" + std::to_string(sheets.size() + 1), name);
  }

  for (const auto& [location, member] : sheets) {
    if (ctx.expired()) {
      foldStatus(status, ExtractStatus::tooLarge("time budget spent"));
      break;
    }
    PartText text(cap);
    SheetHandler handler(text, sst.strings);
    foldStatus(status, parseMember(zip, member, handler, ctx));
    handler.finish();
    if (handler.bad)
      foldStatus(status, ExtractStatus::corrupt("cell reference outside the sheet in " + member));
    foldStatus(status, emitPart(sink, location, PartKind::kTable, text));
  }
  return status;
}

}  // namespace jamul::scanner::extract::zip
