// SPDX-License-Identifier: Apache-2.0
#include "support/document_writers.h"

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
  std::string body = kXml + "<w:document " + ns + "><w:body>";
  for (const std::string& p : paragraphs)
    body += "<w:p><w:r><w:t xml:space=\"preserve\">" + xmlEscape(p) + "</w:t></w:r></w:p>";
  if (!table.empty()) {
    body += "<w:tbl>";
    for (const auto& row : table) {
      body += "<w:tr>";
      for (const std::string& cell : row)
        body += "<w:tc><w:p><w:r><w:t xml:space=\"preserve\">" + xmlEscape(cell) +
                "</w:t></w:r></w:p></w:tc>";
      body += "</w:tr>";
    }
    body += "</w:tbl>";
  }
  body += "</w:body></w:document>";
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
