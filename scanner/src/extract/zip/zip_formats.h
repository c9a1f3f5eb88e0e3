// SPDX-License-Identifier: Apache-2.0
#pragma once

// The document formats that live in a ZIP container, one unit each, and what they share. The
// dispatcher (zip_extractor.cpp) lists the archive, decides the format from its members, and calls
// one of these; each reads the members it needs through ZipArchive (so the zip limits hold) and
// parses them with parseXml(). All follow the contract in extractor.h.
//
//   extractDocx  ooxml_docx.cpp  ECMA-376 Part 1 §17 (WordprocessingML)
//   extractXlsx  ooxml_xlsx.cpp  ECMA-376 Part 1 §18 (SpreadsheetML)
//   extractPptx  ooxml_pptx.cpp  ECMA-376 Part 1 §19 (PresentationML), §21.1 (DrawingML text)
//   extractHwpx  hwpx.cpp        KS X 6101 (OWPML)
//   extractOdf   odf.cpp         OASIS OpenDocument 1.2/1.3 Part 3 (ODT, ODS, ODP)

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extractor.h"
#include "extract/zip/xml_stream.h"
#include "extract/zip/zip_archive.h"

namespace jamul::scanner::extract::zip {

ExtractStatus extractDocx(ZipArchive& zip, TextSink& sink, ExtractContext& ctx);
ExtractStatus extractXlsx(ZipArchive& zip, TextSink& sink, ExtractContext& ctx);
ExtractStatus extractPptx(ZipArchive& zip, TextSink& sink, ExtractContext& ctx);
ExtractStatus extractHwpx(ZipArchive& zip, TextSink& sink, ExtractContext& ctx);
ExtractStatus extractOdf(ZipArchive& zip, TextSink& sink, ExtractContext& ctx);

// Reads member `name` and parses it into `handler`: the worse of the read and parse statuses.
// A member that could not be read whole is still parsed as far as it goes, so text before a
// truncation counts.
ExtractStatus parseMember(ZipArchive& zip, std::string_view name, XmlHandler& handler,
                          ExtractContext& ctx);

// Whether the package's META-INF/manifest.xml (ODF 1.2 Part 3 §4; OWPML reuses it for HWPX)
// declares encryption-data: the documents are then ciphertext. Read failures fold into `status`.
bool manifestIsEncrypted(ZipArchive& zip, ExtractContext& ctx, ExtractStatus& status);

// Starts part `location` and hands it `text`; kTooLarge when the text hit its cap.
ExtractStatus emitPart(TextSink& sink, std::string_view location, PartKind kind,
                       const PartText& text);

// An OPC relationship (ECMA-376 Part 2 §9.3): Id, Type and Target resolved to a member path.
struct Relationship {
  std::string id;
  std::string type;    // the URI; match its tail ("/worksheet")
  std::string target;  // member path ("xl/worksheets/sheet1.xml"); empty for external targets
};

// The relationships of part `part` (read from "<dir>/_rels/<file>.rels"). Missing rels are an
// empty list; other failures are folded into `status`.
std::vector<Relationship> readRelationships(ZipArchive& zip, std::string_view part,
                                            ExtractContext& ctx, ExtractStatus& status);

// Resolves a relationship target relative to the part that holds it (Part 2 §9.3.2; a leading
// '/' is the package root). "xl/workbook.xml" + "worksheets/sheet1.xml" -> "xl/worksheets/...".
std::string resolveTarget(std::string_view source_part, std::string_view target);

// A number as a person sees it where identifiers matter: an integer-valued double below 1e15 is
// written without exponent or fraction ("9.001011234568E+12" -> "9001011234568"); anything else
// is returned as stored.
std::string displayNumber(std::string_view stored);

// The number at the end of a member's file stem: "ppt/slides/slide12.xml" -> 12, or -1.
long trailingNumber(std::string_view path);

// The members of `zip` whose path starts with `prefix` and ends with `suffix`, ordered by
// trailingNumber() and then by name ("header2.xml" before "header10.xml").
std::vector<std::string> membersLike(const ZipArchive& zip, std::string_view prefix,
                                     std::string_view suffix);

}  // namespace jamul::scanner::extract::zip
