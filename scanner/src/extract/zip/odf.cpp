// SPDX-License-Identifier: Apache-2.0
// OpenDocument (OASIS ODF 1.2/1.3 Part 3): content.xml of text documents (ODT: one part "body"),
// spreadsheets (ODS: one kTable part per table:table, named by table:name) and presentations
// (ODP: one part "slide N" per draw:page); the master pages' headers and footers of styles.xml
// (§16.9 style:header, style:footer) make a part "headers and footers".
// Text (§5.1.3 text:p, text:h; §6.1.2-6.1.5 text:s, text:tab, text:line-break) gives a line per
// paragraph. Sheet cells (§9.1.4 table:table-cell, covered-table-cell) sit at their row and column:
// table:number-columns-repeated / number-rows-repeated (§19.675, §19.680) move the position, and
// are written out only for cells that hold something, so the million empty rows a sheet
// declares after its data cost nothing. Numeric cells (§19.386 office:value) are written as the
// number, not the formatted text, when it is an integer: "9001011234568", not "9.00101E+12".
// A package whose META-INF/manifest.xml has manifest:encryption-data (§4.8 of Part 3) is
// password-protected.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>

#include "extract/zip/zip_formats.h"

namespace jamul::scanner::extract::zip {
namespace {

constexpr std::uint32_t kMaxRows = 1048576;
constexpr std::uint32_t kMaxColumns = 16384;
constexpr std::uint32_t kMaxSpaces = 1024;  // text:s c="..." written out

std::uint32_t countAttribute(std::string_view value, std::uint32_t max) {
  std::uint64_t n = 1;
  if (!value.empty()) {
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec == std::errc::result_out_of_range) n = max;
    if ((ec != std::errc() && ec != std::errc::result_out_of_range) || n == 0) n = 1;
  }
  return static_cast<std::uint32_t>(std::min<std::uint64_t>(n, max));
}

class OdfHandler final : public XmlHandler {
 public:
  // `masters_only`: styles.xml, where only header and footer text counts.
  OdfHandler(TextSink& sink, ExtractContext& ctx, bool masters_only)
      : sink_(sink),
        cap_(static_cast<std::size_t>(ctx.limits().max_member_bytes)),
        masters_only_(masters_only),
        text_(cap_) {}

  void startElement(std::string_view name, const XmlAttributes& atts) override {
    const std::string_view local = localName(name);
    if (local == "spreadsheet") {
      spreadsheet_ = true;
    } else if (local == "header" || local == "footer" || local == "header-left" ||
               local == "footer-left" || local == "header-first" || local == "footer-first") {
      ++in_master_;
    } else if (local == "page" && !spreadsheet_) {
      flushBody();
      ++slide_;
      slide_open_ = true;
    } else if (spreadsheet_ && local == "table") {
      if (table_depth_++ == 0) startSheet(atts.get("name"));
    } else if (spreadsheet_ && table_depth_ == 1 && local == "table-row") {
      row_repeat_ = countAttribute(atts.get("number-rows-repeated"), kMaxRows);
      row_text_.clear();
      column_ = 0;
      row_cells_ = 0;
    } else if (spreadsheet_ && table_depth_ == 1 &&
               (local == "table-cell" || local == "covered-table-cell")) {
      in_sheet_cell_ = true;
      cell_repeat_ = countAttribute(atts.get("number-columns-repeated"), kMaxColumns);
      cell_text_.clear();
      const std::string_view type = atts.get("value-type");
      numeric_value_.clear();
      if (type == "float" || type == "percentage" || type == "currency")
        numeric_value_ = displayNumber(atts.get("value"));
    } else if (local == "p" || local == "h") {
      ++in_paragraph_;
    } else if (local == "s" && collecting()) {
      const std::uint32_t n = countAttribute(atts.get("c"), kMaxSpaces);
      for (std::uint32_t i = 0; i < n; ++i) put(" ");
    } else if (local == "tab" && collecting()) {
      put(inTableText() ? " " : "\t");
    } else if (local == "line-break" && collecting()) {
      put(inTableText() ? " " : "\n");
    } else if (!spreadsheet_ && local == "table-cell") {
      ++text_cell_depth_;
    }
  }

  void endElement(std::string_view name) override {
    const std::string_view local = localName(name);
    if (local == "header" || local == "footer" || local == "header-left" ||
        local == "footer-left" || local == "header-first" || local == "footer-first") {
      if (in_master_ > 0) --in_master_;
    } else if (local == "page" && !spreadsheet_) {
      flushBody();
    } else if (spreadsheet_ && local == "table") {
      if (table_depth_ > 0 && --table_depth_ == 0) endSheet();
    } else if (spreadsheet_ && table_depth_ == 1 && local == "table-row") {
      endSheetRow();
    } else if (spreadsheet_ && table_depth_ == 1 &&
               (local == "table-cell" || local == "covered-table-cell")) {
      in_sheet_cell_ = false;
      endSheetCell();
    } else if (local == "p" || local == "h") {
      if (in_paragraph_ > 0) --in_paragraph_;
      if (in_sheet_cell_) {
        if (!cell_text_.empty() && cell_text_.back() != ' ') cell_text_ += ' ';
      } else if (!masters_only_ || in_master_ > 0) {
        if (text_cell_depth_ > 0) {
          if (!text_.empty() && text_.back() != '\t' && text_.back() != ' ') text_.append(' ');
        } else {
          text_.append('\n');
        }
      }
    } else if (!spreadsheet_ && local == "table-cell") {
      if (text_cell_depth_ > 0) --text_cell_depth_;
      if (text_cell_depth_ == 0) {
        if (text_.back() == ' ') text_.popBack();
        text_.append('\t');
      }
    } else if (!spreadsheet_ && local == "table-row" && text_cell_depth_ == 0) {
      if (text_.back() == '\t') text_.popBack();
      text_.append('\n');
    }
  }

  void characters(std::string_view text) override {
    if (collecting()) put(text);
  }

  // Emits what is left as the document's last part; returns the worst part status.
  ExtractStatus finish(std::string_view location) {
    if (!spreadsheet_ && slide_ == 0 && (!text_.empty() || !masters_only_))
      foldStatus(status_, emitPart(sink_, location, PartKind::kParagraphs, text_));
    else
      flushBody();
    return status_;
  }

 private:
  bool collecting() const { return in_paragraph_ > 0 && (!masters_only_ || in_master_ > 0); }
  bool inTableText() const { return in_sheet_cell_ || text_cell_depth_ > 0; }

  void put(std::string_view text) {
    if (in_sheet_cell_) {
      if (cell_text_.size() + text.size() <= 32768) cell_text_.append(text);
    } else if (text_cell_depth_ > 0) {
      text_.appendCell(text);
    } else {
      text_.append(text);
    }
  }

  void flushBody() {
    if (!slide_open_) return;
    slide_open_ = false;
    foldStatus(status_,
               emitPart(sink_, "slide " + std::to_string(slide_), PartKind::kParagraphs, text_));
    text_.clear();
  }

  void startSheet(std::string_view name) {
    ++sheets_;
    sheet_name_ = name.empty() ? "Sheet" + std::to_string(sheets_) : std::string(name);
    text_ = PartText(cap_);
    row_ = 0;
    lines_ = 0;
  }

  void endSheetCell() {
    std::string value =
        !numeric_value_.empty() && numeric_value_.find_first_of(".eE") == std::string::npos
            ? numeric_value_
            : cell_text_;
    while (!value.empty() && value.back() == ' ') value.pop_back();
    if (value.empty()) {
      column_ = std::min(kMaxColumns, column_ + cell_repeat_);
      return;
    }
    std::replace_if(
        value.begin(), value.end(), [](char c) { return c == '\t' || c == '\r' || c == '\n'; },
        ' ');
    for (std::uint32_t i = 0; i < cell_repeat_ && column_ < kMaxColumns; ++i, ++column_) {
      const std::uint32_t tabs = row_cells_ == 0 ? column_ : column_ - (row_cells_ - 1);
      row_text_.append(tabs, '\t');
      row_text_ += value;
      row_cells_ = column_ + 1;
      if (row_text_.size() > cap_) break;
    }
  }

  void endSheetRow() {
    if (!row_text_.empty()) {
      for (; lines_ < row_ && !text_.full(); ++lines_) text_.append('\n');
      for (std::uint32_t i = 0; i < row_repeat_ && !text_.full(); ++i, ++lines_) {
        text_.append(row_text_);
        text_.append('\n');
      }
    }
    row_ = std::min(kMaxRows, row_ + row_repeat_);
  }

  void endSheet() {
    foldStatus(status_, emitPart(sink_, sheet_name_, PartKind::kTable, text_));
    text_ = PartText(cap_);
  }

  TextSink& sink_;
  std::size_t cap_;
  bool masters_only_;
  PartText text_;
  ExtractStatus status_;
  bool spreadsheet_ = false;
  int in_master_ = 0;
  int in_paragraph_ = 0;
  int text_cell_depth_ = 0;
  int slide_ = 0;
  bool slide_open_ = false;
  // Spreadsheet state.
  int table_depth_ = 0;
  int sheets_ = 0;
  std::string sheet_name_;
  bool in_sheet_cell_ = false;
  std::uint32_t row_ = 0;    // logical row of the next table-row (0-based)
  std::uint32_t lines_ = 0;  // TSV lines written so far
  std::uint32_t row_repeat_ = 1;
  std::uint32_t cell_repeat_ = 1;
  std::uint32_t column_ = 0;     // logical column of the next cell (0-based)
  std::uint32_t row_cells_ = 0;  // columns written in row_text_ (last written column + 1)
  std::string row_text_;
  std::string cell_text_;
  std::string numeric_value_;
};

}  // namespace

ExtractStatus extractOdf(ZipArchive& zip, TextSink& sink, ExtractContext& ctx) {
  ctx.setFormat("odf");
  ExtractStatus status;
  if (zip.find("META-INF/manifest.xml") != nullptr) {
    if (manifestIsEncrypted(zip, ctx, status))
      return ExtractStatus::protectedDoc("password-protected OpenDocument");
  }
  if (zip.find("content.xml") != nullptr) {
    OdfHandler content(sink, ctx, false);
    foldStatus(status, parseMember(zip, "content.xml", content, ctx));
    foldStatus(status, content.finish("body"));
  } else {
    foldStatus(status, ExtractStatus::corrupt("OpenDocument without content.xml"));
  }
  if (zip.find("styles.xml") != nullptr && !ctx.expired()) {
    OdfHandler styles(sink, ctx, true);
    foldStatus(status, parseMember(zip, "styles.xml", styles, ctx));
    foldStatus(status, styles.finish("headers and footers"));
  }
  return status;
}

}  // namespace jamul::scanner::extract::zip
