// SPDX-License-Identifier: Apache-2.0
#include "support/accuracy_sets.h"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <algorithm>

#include "support/document_writers.h"

namespace jamul::test {
namespace {

// 1-based line of byte `offset`.
std::size_t lineOf(std::string_view text, std::size_t offset) {
  return static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n')) + 1;
}

std::vector<std::string> lines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The 0-based line of each planted value of a text document.
std::vector<ExpectedValue> byLine(const AttributionDocument& doc,
                                  std::string (*location)(std::size_t)) {
  std::vector<ExpectedValue> out;
  for (const PlantedValue& v : doc.planted)
    out.push_back({v.rule, v.text, location(lineOf(doc.text, v.offset) - 1)});
  return out;
}

std::string textLineLocation(std::size_t line) { return "line " + std::to_string(line + 1); }

}  // namespace

std::string_view textEncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8: return "utf-8";
    case TextEncoding::kCp949: return "cp949";
    case TextEncoding::kUtf16LeBom: return "utf-16le";
    case TextEncoding::kUtf16LeNoBom: return "utf-16le-nobom";
    case TextEncoding::kUtf16BeNoBom: return "utf-16be-nobom";
  }
  return "utf-8";
}

std::string encodeText(std::string_view utf8, TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8: return std::string(utf8);
    case TextEncoding::kCp949: {
      UErrorCode status = U_ZERO_ERROR;
      std::string out(utf8.size() * 2 + 16, '\0');
      const int32_t n = ucnv_convert("windows-949", "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                     utf8.data(), static_cast<int32_t>(utf8.size()), &status);
      out.resize(U_SUCCESS(status) ? static_cast<std::size_t>(n) : 0);
      return out;
    }
    case TextEncoding::kUtf16LeBom:
    case TextEncoding::kUtf16LeNoBom:
    case TextEncoding::kUtf16BeNoBom: {
      std::u16string units(utf8.size() + 1, u'\0');
      int32_t n = 0;
      UErrorCode status = U_ZERO_ERROR;
      u_strFromUTF8(reinterpret_cast<UChar*>(units.data()), static_cast<int32_t>(units.size()), &n,
                    utf8.data(), static_cast<int32_t>(utf8.size()), &status);
      if (U_FAILURE(status)) return {};
      const bool le = encoding != TextEncoding::kUtf16BeNoBom;
      std::string out = encoding == TextEncoding::kUtf16LeBom ? "\xFF\xFE" : "";
      for (int32_t i = 0; i < n; ++i) {
        const char16_t u = units[static_cast<std::size_t>(i)];
        out.push_back(static_cast<char>(le ? u & 0xFF : u >> 8));
        out.push_back(static_cast<char>(le ? u >> 8 : u & 0xFF));
      }
      return out;
    }
  }
  return {};
}

std::vector<SetFile> setFiles(const AttributionDocument& doc,
                              const std::vector<TextEncoding>& encodings) {
  std::vector<SetFile> out;
  if (doc.layout == AttributionLayout::kTable) {
    const auto by_cell = [&](auto location) {
      std::vector<ExpectedValue> e;
      for (const TableValue& v : doc.table_values)
        e.push_back({v.rule, doc.cells[v.row][v.column], location(v.row, v.column)});
      return e;
    };
    const auto row_column = [](std::size_t r, std::size_t c) {
      return "row " + std::to_string(r + 1) + ", column " + std::to_string(c + 1);
    };
    // CSV alternately in UTF-8 and CP949 (Excel's "CSV" on a Korean Windows), TSV in UTF-16LE
    // with a BOM (Excel's "Unicode text").
    const bool cp949 = std::hash<std::string>{}(doc.name) % 2 == 0;
    out.push_back({"tables/csv", doc.name + ".csv",
                   encodeText(csvDocument(doc.cells), cp949 ? TextEncoding::kCp949 : TextEncoding::kUtf8),
                   by_cell(row_column)});
    out.push_back({"tables/tsv", doc.name + ".tsv", encodeText(doc.text, TextEncoding::kUtf16LeBom),
                   by_cell(row_column)});
    out.push_back({"tables/xlsx", doc.name + ".xlsx", xlsxDocument(doc.cells, "명단"),
                   by_cell([](std::size_t r, std::size_t c) { return xlsxLocation("명단", r, c); })});
    // The HWP register follows one line of text (its title) and the table's anchor paragraph;
    // each row is a line. Its values carry no location: before issue 13 the extractor wrote one
    // cell per line, and the base of that change is measured on the same files (values are
    // distinct within a file, so rule and masked text place a finding).
    out.push_back({"tables/hwp", doc.name + ".hwp", hwpDocument({doc.name}, doc.cells),
                   by_cell([](std::size_t, std::size_t) { return std::string(); })});
    out.push_back({"tables/docx", doc.name + ".docx", docxDocument({doc.name}, doc.cells),
                   by_cell([](std::size_t r, std::size_t) { return docxLocation(1 + r); })});
    return out;
  }
  for (TextEncoding e : encodings)
    out.push_back({"text/" + std::string(textEncodingName(e)), doc.name + ".txt",
                   encodeText(doc.text, e), byLine(doc, textLineLocation)});
  const std::vector<std::string> paragraphs = lines(doc.text);
  out.push_back({"documents/hwp", doc.name + ".hwp", hwpDocument(paragraphs),
                 byLine(doc, hwpLocation)});
  out.push_back({"documents/docx", doc.name + ".docx", docxDocument(paragraphs),
                 byLine(doc, docxLocation)});
  return out;
}

}  // namespace jamul::test
