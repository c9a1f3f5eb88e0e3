// SPDX-License-Identifier: Apache-2.0
#include "support/document_writers.h"

#include <utility>

#include "scanner/extract/ole/hwp_test_document.h"
#include "scanner/extract/zip/zip_writer.h"

namespace jamul::test {
namespace {

const std::string kXml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const std::string kContentTypes =
    kXml + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";

std::string xmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string relationships(const std::string& id, const std::string& target,
                          const std::string& type) {
  return kXml +
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"" +
         id + "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" +
         type + "\" Target=\"" + target + "\"/></Relationships>";
}

// What goes before and after a piece of escaped text in an XML document.
using Around = std::pair<std::string, std::string>;

// The rows of `table` for an XML table (DOCX, HWPX, ODS): each row in a `row_tag` element, each
// cell's text inside `cell`, an empty cell as `empty_cell` where the format has a shorter form for
// it.
std::string xmlRows(const Cells& table, const std::string& row_tag, const Around& cell,
                    const std::string& empty_cell = "") {
  std::string out;
  for (const auto& row : table) {
    out += "<" + row_tag + ">";
    for (const std::string& text : row)
      out += text.empty() && !empty_cell.empty() ? empty_cell
                                                 : cell.first + xmlEscape(text) + cell.second;
    out += "</" + row_tag + ">";
  }
  return out;
}

// How a word processor's XML (DOCX, HWPX) spells a paragraph of text and a table whose cells hold
// one paragraph each.
struct TextMarkup {
  Around paragraph;
  Around table;
  std::string row_tag;
  Around cell;
};

// `paragraphs`, then `table` if it is not empty, in `markup`.
std::string paragraphsAndTable(const TextMarkup& markup, const std::vector<std::string>& paragraphs,
                               const Cells& table) {
  std::string out;
  for (const std::string& p : paragraphs)
    out += markup.paragraph.first + xmlEscape(p) + markup.paragraph.second;
  if (!table.empty())
    out += markup.table.first + xmlRows(table, markup.row_tag, markup.cell) + markup.table.second;
  return out;
}

}  // namespace

std::string spreadsheetColumn(std::size_t column) {
  std::string name;
  for (std::size_t c = column + 1; c > 0; c = (c - 1) / 26)
    name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
  return name;
}

std::string xlsxDocument(const Cells& cells, const std::string& sheet) {
  const std::string ns =
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
  std::string data = kXml + "<worksheet " + ns + "><sheetData>";
  for (std::size_t r = 0; r < cells.size(); ++r) {
    data += "<row r=\"" + std::to_string(r + 1) + "\">";
    for (std::size_t c = 0; c < cells[r].size(); ++c) {
      if (cells[r][c].empty()) continue;
      data += "<c r=\"" + spreadsheetColumn(c) + std::to_string(r + 1) +
              "\" t=\"inlineStr\"><is><t>" + xmlEscape(cells[r][c]) + "</t></is></c>";
    }
    data += "</row>";
  }
  data += "</sheetData></worksheet>";
  const std::string workbook = kXml + "<workbook " + ns + "><sheets><sheet name=\"" +
                               xmlEscape(sheet) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  return testing::zip::buildZip(
      {{"[Content_Types].xml", kContentTypes},
       {"_rels/.rels", relationships("rId1", "xl/workbook.xml", "officeDocument")},
       {"xl/workbook.xml", workbook},
       {"xl/_rels/workbook.xml.rels", relationships("rId1", "worksheets/sheet1.xml", "worksheet")},
       {"xl/worksheets/sheet1.xml", data}});
}

std::string xlsxLocation(const std::string& sheet, std::size_t row, std::size_t column) {
  return sheet + "!" + spreadsheetColumn(column) + std::to_string(row + 1);
}

std::string docxDocument(const std::vector<std::string>& paragraphs, const Cells& table) {
  const std::string ns = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
  const TextMarkup markup = {
      .paragraph = {"<w:p><w:r><w:t xml:space=\"preserve\">", "</w:t></w:r></w:p>"},
      .table = {"<w:tbl>", "</w:tbl>"},
      .row_tag = "w:tr",
      .cell = {"<w:tc><w:p><w:r><w:t xml:space=\"preserve\">", "</w:t></w:r></w:p></w:tc>"},
  };
  const std::string body = kXml + "<w:document " + ns + "><w:body>" +
                           paragraphsAndTable(markup, paragraphs, table) + "</w:body></w:document>";
  return testing::zip::buildZip(
      {{"[Content_Types].xml", kContentTypes},
       {"_rels/.rels", relationships("rId1", "word/document.xml", "officeDocument")},
       {"word/document.xml", body}});
}

std::string docxLocation(std::size_t line) {
  return "body, paragraph " + std::to_string(line + 1);
}

std::string hwpDocument(const std::vector<std::string>& paragraphs, const Cells& table) {
  namespace h = testing::hwp;
  std::string section;
  for (const std::string& p : paragraphs) section += h::paragraph(h::utf16(p));
  if (!table.empty()) {
    // The paragraph that anchors the table holds only its control; then the control header, the
    // TABLE record and the cells, each a list header with its address and its paragraph, row by
    // row, one level down (HWP 5.0 §4.3.9.1), as Hangul writes a register.
    section += h::paragraph(h::control(11, "tbl "));
    section += h::record(h::kCtrlHeader, 1, "lbt " + std::string(40, '\0'));
    const auto columns = static_cast<std::uint16_t>(table.front().size());
    section += h::tableRecord(2, static_cast<std::uint16_t>(table.size()), columns);
    for (std::size_t r = 0; r < table.size(); ++r) {
      for (std::size_t c = 0; c < table[r].size(); ++c) {
        section += h::cellHeader(2, static_cast<std::uint16_t>(c), static_cast<std::uint16_t>(r));
        section += h::paragraph(h::utf16(table[r][c]), 2);
      }
    }
  }
  return h::document({section});
}

std::string hwpLocation(std::size_t index) {
  return "section 1, paragraph " + std::to_string(index + 1);
}

std::string hwpxDocument(const std::vector<std::string>& paragraphs, const Cells& table) {
  // A table sits in a paragraph's run; each cell is a sub-list with one paragraph.
  const TextMarkup markup = {
      .paragraph = {"<hp:p><hp:run><hp:t>", "</hp:t></hp:run></hp:p>"},
      .table = {"<hp:p><hp:run><hp:tbl>", "</hp:tbl></hp:run></hp:p>"},
      .row_tag = "hp:tr",
      .cell = {"<hp:tc><hp:subList><hp:p><hp:run><hp:t>",
               "</hp:t></hp:run></hp:p></hp:subList></hp:tc>"},
  };
  const std::string section = kXml +
                              "<hs:sec xmlns:hp=\"http://www.hancom.co.kr/hwpml/2011/paragraph\" "
                              "xmlns:hs=\"http://www.hancom.co.kr/hwpml/2011/section\">" +
                              paragraphsAndTable(markup, paragraphs, table) + "</hs:sec>";
  return testing::zip::buildZip(
      {{"mimetype", "application/hwp+zip", false}, {"Contents/section0.xml", section}});
}

// Both extractors number a section's lines alike; only HWP's table adds an anchor line.
std::string hwpxLocation(std::size_t line) { return hwpLocation(line); }

std::string odsDocument(const Cells& cells, const std::string& sheet) {
  std::string content =
      kXml +
      "<office:document-content "
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
      "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\">"
      "<office:body><office:spreadsheet><table:table table:name=\"" +
      xmlEscape(sheet) + "\">" +
      xmlRows(cells, "table:table-row",
              {"<table:table-cell office:value-type=\"string\"><text:p>",
               "</text:p></table:table-cell>"},
              "<table:table-cell/>") +
      "</table:table></office:spreadsheet></office:body></office:document-content>";
  return testing::zip::buildZip(
      {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", false},
       {"content.xml", content}});
}

std::string csvDocument(const Cells& cells, char delimiter, bool crlf) {
  std::string out;
  for (const auto& row : cells) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out.push_back(delimiter);
      const std::string& f = row[c];
      if (f.find_first_of(std::string("\"\r\n") + delimiter) != std::string::npos) {
        out.push_back('"');
        for (char ch : f) {
          if (ch == '"') out.push_back('"');
          out.push_back(ch);
        }
        out.push_back('"');
      } else {
        out += f;
      }
    }
    out += crlf ? "\r\n" : "\n";
  }
  return out;
}

}  // namespace jamul::test
