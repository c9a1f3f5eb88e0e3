// SPDX-License-Identifier: Apache-2.0
#pragma once

// extractDocument(): the dispatcher in front of the extractors (extractors.h). It recognises a
// document by its leading bytes (never by its name alone), runs the extractor for it, and handles
// plain-text members of archives itself (sniffed and decoded like a text file on disk, CSV/TSV as
// tables). Archive extractors call back into it through ExtractContext::nested().
//
// Pure functions; thread-safe.

#include <string_view>

#include "extract/extractor.h"

namespace jamul::scanner::extract {

enum class DocumentKind {
  kText,    // not a document format: plain text (or an unknown binary, which sniffing tells)
  kOle,     // OLE2 compound file: HWP 5.0, DOC, XLS, PPT, MSG
  kZip,     // ZIP: OOXML, HWPX, ODF, plain archive
  kPdf,
  kRtf,
  kMarkup,  // HTML or XML
  kEml,     // Internet mail (one message or an mbox)
  kImage,   // PNG, JPEG, TIFF, BMP
};

// "text", "ole2", "zip", "pdf", "rtf", "markup", "eml", "image".
std::string_view documentKindName(DocumentKind kind);

// What `head` (the first bytes of a file, a few KiB suffice) is, by signature.
DocumentKind documentKind(std::string_view head);

// Extracts `doc` with the extractor its signature selects; text documents are decoded (UTF-8,
// UTF-16, CP949) and appended as one part. Binary data of no known format is kUnsupported.
ExtractStatus extractDocument(const Document& doc, TextSink& sink, ExtractContext& ctx);

}  // namespace jamul::scanner::extract
