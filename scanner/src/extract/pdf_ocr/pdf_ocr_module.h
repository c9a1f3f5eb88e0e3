// SPDX-License-Identifier: Apache-2.0
#pragma once

// The PDF and image (OCR) extractors live in a module of their own, libjamul-pdf-ocr.so, which the
// scanner loads (dlopen) on the first PDF or image it meets. Poppler and Tesseract bring some
// fifty shared libraries (curl, NSS, GnuTLS, Kerberos, image codecs...), and loading them cost
// every jamul process about 10 ms at start, whether it met a PDF or not: a quarter of an
// unchanged rescan of 20,000 files. Most scans of office folders read no PDF until well into the
// walk, and many commands (status, decrypt, an unchanged rescan) read none at all.
//
// The module is built from the same tree as the program and is found at
//   <directory of the running executable>/../lib/jamul/libjamul-pdf-ocr.so
// (build/agent/jamul -> build/lib/jamul; /usr/bin/jamul -> /usr/lib/jamul), then at
// <install prefix>/lib/jamul. When it is missing or from another build, PDFs and images get an
// error report naming the problem, never "clean".
//
// The module holds its own copy of the few scanner functions the extractors call
// (ExtractContext, foldStatus, utf8), compiled from the same sources, and exports one symbol.
// What crosses the boundary, both ways, is C++ objects of the program's own types, by reference:
// the Document (bytes and name), the TextSink the text goes to (a vtable call per part and per
// append), the ExtractContext with its limits, clock and the std::function that takes nested
// documents (PDF attachments) back to the program's dispatcher, and the ExtractStatus returned.
// No exception crosses (the extractors catch everything themselves), and no allocation made on
// one side is freed on the other but through those types' own members. Because the two sides
// share these layouts and vtables, a module from another build is refused: `abi` says what the
// functions mean, and pdfOcrLayout() fingerprints the sizes of the shared types, so that a change
// to any of them that was not matched by a rebuild of the module is caught at load time instead
// of corrupting memory.

#include <cstdint>

#include "extract/extractor.h"

namespace jamul::scanner::extract {

// The implementations, in the module (fuzz harnesses link them directly). Contracts: extractPdf()
// and extractImage() in extractors.h.
ExtractStatus extractPdfDirect(const Document& doc, TextSink& sink, ExtractContext& ctx);
ExtractStatus extractImageDirect(const Document& doc, TextSink& sink, ExtractContext& ctx);

// What the module exports. `abi` and `layout` must match the program's own values: the module and
// the program share C++ types, so one from another build is refused rather than called.
struct PdfOcrEntryPoints {
  std::uint32_t abi;
  std::uint64_t layout;
  ExtractStatus (*extract_pdf)(const Document&, TextSink&, ExtractContext&);
  ExtractStatus (*extract_image)(const Document&, TextSink&, ExtractContext&);
};

// Bumped when PdfOcrEntryPoints or the meaning of its functions change. 2: OCR text comes in
// PartKind::kOcrLines parts (issue 13).
inline constexpr std::uint32_t kPdfOcrAbi = 2;

// A fingerprint of the shared types' layout, computed alike on both sides.
inline constexpr std::uint64_t pdfOcrLayout() {
  return (std::uint64_t{sizeof(ExtractContext)} << 48) ^
         (std::uint64_t{sizeof(ExtractLimits)} << 32) ^
         (std::uint64_t{sizeof(ExtractStatus)} << 16) ^ std::uint64_t{sizeof(Document)} ^
         (std::uint64_t{sizeof(PdfOcrEntryPoints)} << 8);
}

inline constexpr char kPdfOcrModuleName[] = "libjamul-pdf-ocr.so";
inline constexpr char kPdfOcrEntrySymbol[] = "jamul_pdf_ocr_entry_points";

}  // namespace jamul::scanner::extract
