// SPDX-License-Identifier: Apache-2.0
#pragma once

// buildPdf(): a PDF file in memory for tests, written by hand so that tests need no fixtures:
// object i + 1 is objects[i], followed by a correct cross-reference table (PDF 1.7 §7.5.4) and a
// trailer whose /Root is object 1. pdfWithPages(): a whole document, one page per content stream.

#include <cstdio>
#include <string>
#include <vector>

namespace jamul::testing {

inline std::string buildPdf(const std::vector<std::string>& objects,
                            const std::string& trailer_extra = "") {
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R " +
         trailer_extra + ">>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// A PDF stream object holding `content` uncompressed.
inline std::string stream(const std::string& content) {
  return "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream";
}

// Catalog, page tree, one page per content stream, Helvetica; objects 1, 2, 3 (font), then
// page/content pairs.
inline std::string pdfWithPages(const std::vector<std::string>& contents,
                                const std::string& trailer_extra = "",
                                const std::vector<std::string>& extra_objects = {}) {
  std::vector<std::string> objects(3);
  std::string kids;
  for (std::size_t i = 0; i < contents.size(); ++i) {
    const std::size_t page = 4 + 2 * i;
    kids += std::to_string(page) + " 0 R ";
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents " +
                      std::to_string(page + 1) + " 0 R /Resources << /Font << /F1 3 0 R >> >> >>");
    objects.push_back(stream(contents[i]));
  }
  objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[1] =
      "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(contents.size()) + " >>";
  objects[2] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
  for (const std::string& o : extra_objects) objects.push_back(o);
  return buildPdf(objects, trailer_extra);
}

}  // namespace jamul::testing
