// SPDX-License-Identifier: Apache-2.0
#pragma once

// The extractors, one entry point per format family; extractDocument() (document_extractor.h)
// picks one by signature. Each follows the contract in extractor.h. Each family lives in its own
// folder (extract/<family>/), with its tests in tests/scanner/extract/<family>_*_test.cpp.

#include "extract/extractor.h"

namespace jamul::scanner::extract {

// OLE2 compound files ([MS-CFB]): HWP 5.0 (한글), legacy Word (.doc), Excel (.xls), PowerPoint
// (.ppt). Decides by the streams present (FileHeader, WordDocument, Workbook/Book, PowerPoint
// Document). Password and 배포용 (distribution) HWP, encrypted DOC/XLS/PPT -> kProtected.
// extract/ole/.
ExtractStatus extractOle(const Document& doc, TextSink& sink, ExtractContext& ctx);

// ZIP containers: OOXML (DOCX/XLSX/PPTX), HWPX (OWPML), ODF (ODT/ODS/ODP), and plain archives
// whose members go back through ctx.nested(). Limits on entries, expanded bytes, ratio; encrypted
// entries -> kProtected; CP949 member names decoded. extract/zip/.
ExtractStatus extractZip(const Document& doc, TextSink& sink, ExtractContext& ctx);

// PDF via poppler-cpp: text per page; owner-password-only PDFs read; user password ->
// kProtected; no text layer -> kUnsupported with detail "image_only" (OCR can take it).
// extract/pdf/, in the module libjamul-pdf-ocr.so (extract/pdf_ocr/pdf_ocr_module.h), loaded on
// first use; without the module: kError naming the problem.
ExtractStatus extractPdf(const Document& doc, TextSink& sink, ExtractContext& ctx);

// RTF: text runs, \'hh in the document's code page (\ansicpg949), \uN. extract/text_formats/.
ExtractStatus extractRtf(const Document& doc, TextSink& sink, ExtractContext& ctx);

// HTML and XML (any charset the document declares): text content and attribute values that can
// hold identifiers, entities decoded, script/style skipped. extract/text_formats/.
ExtractStatus extractMarkup(const Document& doc, TextSink& sink, ExtractContext& ctx);

// Internet mail (RFC 5322 / MIME, .eml): headers, text parts decoded (base64, quoted-printable,
// RFC 2047 words, charsets incl. EUC-KR/CP949), attachments through ctx.nested(). Also mbox-free
// single messages only. A part whose transfer encoding does not decode is read as far as it goes
// (and as written, when it held text) and makes the mail kCorrupt, the detail naming the part
// ("attachment 2 (명단.xlsx): invalid base64"); the other parts are read all the same.
// extract/text_formats/.
ExtractStatus extractEml(const Document& doc, TextSink& sink, ExtractContext& ctx);

// Images (PNG, JPEG, TIFF, BMP): OCR with Tesseract (Korean + English) when limits.ocr is set;
// otherwise kUnsupported "image: OCR is off". Text from OCR is marked as such in its part's
// location ("page 1 (OCR)"). extract/image/, in the same module as extractPdf() (loaded only
// when OCR is on).
ExtractStatus extractImage(const Document& doc, TextSink& sink, ExtractContext& ctx);

}  // namespace jamul::scanner::extract
