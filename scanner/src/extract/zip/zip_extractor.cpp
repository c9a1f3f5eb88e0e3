// SPDX-License-Identifier: Apache-2.0
// extractZip(): lists the archive, tells the document format from the members it holds (never from
// the file name), and hands over to that format's unit (zip_formats.h); any other ZIP is a plain
// archive whose members each go back through the dispatcher as nested documents.
//   OOXML (ECMA-376 Part 2 §10.1.2.1, [Content_Types].xml) with word/document.xml, xl/workbook.xml
//   or ppt/presentation.xml; HWPX (KS X 6101: mimetype "application/hwp+zip", Contents/section*);
//   ODF (OpenDocument Part 3 §3.3: a "mimetype" member "application/vnd.oasis.opendocument.*").
#include <string>

#include "extract/extractors.h"
#include "extract/zip/zip_formats.h"

namespace jamul::scanner::extract {
namespace {

using zip::ZipArchive;
using zip::ZipEntry;

enum class ZipKind { kDocx, kXlsx, kPptx, kHwpx, kOdf, kArchive };

ZipKind zipKind(ZipArchive& archive, ExtractContext& ctx) {
  std::string mimetype;
  const ZipEntry* m = archive.find("mimetype");
  // The mimetype member is a few dozen bytes; a large one is not a mimetype.
  if (m != nullptr && !m->encrypted && m->declared_size >= 0 && m->declared_size < 256 &&
      archive.read("mimetype", ctx, mimetype).isOk()) {
    while (!mimetype.empty() &&
           (mimetype.back() == '\n' || mimetype.back() == '\r' || mimetype.back() == ' '))
      mimetype.pop_back();
    if (mimetype == "application/hwp+zip") return ZipKind::kHwpx;
    if (mimetype.starts_with("application/vnd.oasis.opendocument.")) return ZipKind::kOdf;
  }
  if (archive.find("[Content_Types].xml") != nullptr) {
    if (archive.find("word/document.xml") != nullptr) return ZipKind::kDocx;
    if (archive.find("xl/workbook.xml") != nullptr) return ZipKind::kXlsx;
    if (archive.find("ppt/presentation.xml") != nullptr) return ZipKind::kPptx;
  }
  for (const ZipEntry& e : archive.entries())
    if (e.name.starts_with("Contents/section") && e.name.ends_with(".xml")) return ZipKind::kHwpx;
  return ZipKind::kArchive;
}

}  // namespace

ExtractStatus extractZip(const Document& doc, TextSink& sink, ExtractContext& ctx) {
  ZipArchive archive(doc.bytes);
  ExtractStatus status = archive.list();
  if (archive.entries().empty()) return status;
  switch (zipKind(archive, ctx)) {
    case ZipKind::kDocx:
      foldStatus(status, zip::extractDocx(archive, sink, ctx));
      return status;
    case ZipKind::kXlsx:
      foldStatus(status, zip::extractXlsx(archive, sink, ctx));
      return status;
    case ZipKind::kPptx:
      foldStatus(status, zip::extractPptx(archive, sink, ctx));
      return status;
    case ZipKind::kHwpx:
      foldStatus(status, zip::extractHwpx(archive, sink, ctx));
      return status;
    case ZipKind::kOdf:
      foldStatus(status, zip::extractOdf(archive, sink, ctx));
      return status;
    case ZipKind::kArchive:
      break;
  }
  // A listing that broke off is reported once; streaming the members reads what is readable.
  foldStatus(status, archive.forEachMember(ctx, [&](const ZipEntry& e, std::string_view bytes) {
    return ctx.nested("/" + e.name, Document{bytes, e.name}, sink);
  }));
  return status;
}

}  // namespace jamul::scanner::extract
