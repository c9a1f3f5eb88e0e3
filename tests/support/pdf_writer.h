// SPDX-License-Identifier: Apache-2.0
#pragma once

// buildPdf(): a PDF file in memory for tests, written by hand so that tests need no fixtures:
// object i + 1 is objects[i], followed by a correct cross-reference table (PDF 1.7 §7.5.4) and a
// trailer whose /Root is object 1.

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

}  // namespace jamul::testing
