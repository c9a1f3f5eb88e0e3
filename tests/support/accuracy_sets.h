// SPDX-License-Identifier: Apache-2.0
#pragma once

// Accuracy sets: the files of issue 13's measurements, built from AttributionCorpus documents
// (attribution_corpus.h) in the encodings and document types the held-out sets use:
//   text/utf-8, text/cp949, text/utf-16le (BOM), text/utf-16le-nobom, text/utf-16be-nobom
//       the form, prose, long-line and log layouts as .txt
//   tables/csv (UTF-8 and CP949), tables/tsv, tables/xlsx, tables/hwp (cells as paragraphs),
//   tables/docx (rows as tab-separated lines)
//       the table layout
//   documents/hwp, documents/docx
//       the text layouts as document paragraphs
// Each file comes with the values it holds and where `jamul scan` reports them (accuracy_tally.h).
//
// Thread-safety: pure functions.

#include <string>
#include <vector>

#include "support/accuracy_tally.h"
#include "support/attribution_corpus.h"

namespace jamul::test {

struct SetFile {
  std::string set;   // "text/cp949", "tables/xlsx", ...
  std::string name;  // file name with extension
  std::string bytes;
  std::vector<ExpectedValue> expected;
};

enum class TextEncoding : std::uint8_t { kUtf8, kCp949, kUtf16LeBom, kUtf16LeNoBom, kUtf16BeNoBom };
inline constexpr TextEncoding kAllEncodings[] = {TextEncoding::kUtf8, TextEncoding::kCp949,
                                                 TextEncoding::kUtf16LeBom, TextEncoding::kUtf16LeNoBom,
                                                 TextEncoding::kUtf16BeNoBom};
// "utf-8", "cp949", "utf-16le", "utf-16le-nobom", "utf-16be-nobom".
std::string_view textEncodingName(TextEncoding encoding);
// `utf8` in `encoding` (CP949 through ICU's windows-949; the text must be CP949-safe).
std::string encodeText(std::string_view utf8, TextEncoding encoding);

// The files of one document. A table document gives one file per table format; a text document
// one per encoding in `encodings` and one per document format (HWP, DOCX).
std::vector<SetFile> setFiles(const AttributionDocument& doc,
                              const std::vector<TextEncoding>& encodings);

}  // namespace jamul::test
