// SPDX-License-Identifier: Apache-2.0
#include "extract/document_extractor.h"

#include <algorithm>
#include <cstring>

#include "decode/encoding_sniffer.h"
#include "decode/text_decoder.h"
#include "extract/extractors.h"
#include "scan/table_layout.h"

namespace jamul::scanner::extract {
namespace {

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool startsWithIgnoringCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const auto a = static_cast<unsigned char>(s[i]);
    const auto b = static_cast<unsigned char>(prefix[i]);
    if (a != b && !(a >= 'A' && a <= 'Z' && (a | 0x20) == b)) return false;
  }
  return true;
}

std::string_view skipBomAndBlanks(std::string_view s) {
  if (startsWith(s, "\xEF\xBB\xBF")) s.remove_prefix(3);
  while (!s.empty() && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n'))
    s.remove_prefix(1);
  return s;
}

// An Internet message starts with header fields (RFC 5322 §2.2): "Name: value" lines. Mail saved
// from a client starts with one of these; two distinct well-known names in the first lines make it
// mail rather than a text file that happens to begin with "Subject:".
bool looksLikeMail(std::string_view head) {
  static constexpr std::string_view kNames[] = {
      "from:", "to:", "subject:", "date:", "received:", "return-path:", "message-id:",
      "mime-version:", "content-type:", "delivered-to:", "x-mailer:", "reply-to:", "cc:"};
  int known = 0;
  std::size_t pos = 0;
  for (int line = 0; line < 40 && pos < head.size(); ++line) {
    const std::size_t end = std::min(head.find('\n', pos), head.size());
    const std::string_view text = head.substr(pos, end - pos);
    pos = end + 1;
    if (text.empty() || text == "\r") break;            // end of the header block
    if (text[0] == ' ' || text[0] == '\t') continue;    // folded continuation
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    for (std::size_t i = 0; i < colon; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c <= 32 || c >= 127) return false;  // not a field name
    }
    for (std::string_view name : kNames)
      if (startsWithIgnoringCase(text, name)) ++known;
  }
  return known >= 2;
}

// Plain text (an archive member, a mail body part): sniffed and decoded like a file on disk.
ExtractStatus extractText(const Document& doc, TextSink& sink) {
  const decode::SniffResult sniffed = decode::sniff(doc.bytes.substr(0, 64 * 1024),
                                                    doc.bytes.size() <= 64 * 1024);
  using Kind = decode::SniffResult::Kind;
  if (sniffed.kind == Kind::kEmpty) return ExtractStatus::ok();
  if (sniffed.kind == Kind::kAge) return ExtractStatus::protectedDoc("age-encrypted file");
  if (sniffed.kind == Kind::kBinary)
    return ExtractStatus::unsupported(sniffed.format == "binary" ? "binary data"
                                                                 : sniffed.format + " data");
  auto decoder = decode::makeDecoder(sniffed.encoding);
  if (!decoder) return ExtractStatus{FileStatus::kError, decoder.error().message()};
  std::string text;
  (*decoder)->decode(doc.bytes.substr(sniffed.bom_length), true, text);
  const std::string_view name = doc.name.substr(std::min(doc.name.size(), doc.name.rfind('/') + 1));
  const char delimiter = scan::tableDelimiter(name, std::string_view(text).substr(0, 64 * 1024));
  sink.beginPart("", delimiter == 0    ? PartKind::kLines
                     : delimiter == '\t' ? PartKind::kTable
                                         : PartKind::kCsv);
  sink.append(text);
  return ExtractStatus::ok();
}

}  // namespace

std::string_view documentKindName(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kText: return "text";
    case DocumentKind::kOle: return "ole2";
    case DocumentKind::kZip: return "zip";
    case DocumentKind::kPdf: return "pdf";
    case DocumentKind::kRtf: return "rtf";
    case DocumentKind::kMarkup: return "markup";
    case DocumentKind::kEml: return "eml";
    case DocumentKind::kImage: return "image";
  }
  return "text";
}

DocumentKind documentKind(std::string_view head) {
  // Signatures: [MS-CFB] §2.2, APPNOTE.TXT §4.3.7/§4.3.16, PDF 1.7 §7.5.2 (the header may follow
  // up to 1 KiB of junk, as readers accept), RTF 1.9.1 ("{\rtf").
  if (startsWith(head, std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)))
    return DocumentKind::kOle;
  // HWP 3.x is not a compound file but has its own signature; extractOle() reports it.
  if (startsWith(head, "HWP Document File V3")) return DocumentKind::kOle;
  if (startsWith(head, "PK\x03\x04") || startsWith(head, "PK\x05\x06")) return DocumentKind::kZip;
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return DocumentKind::kPdf;
  // PNG §5.2, JFIF/EXIF (SOI marker), TIFF 6.0 §2 (both byte orders), BMP (BITMAPFILEHEADER).
  if (startsWith(head, "\x89PNG\r\n\x1A\n") || startsWith(head, "\xFF\xD8\xFF") ||
      startsWith(head, std::string_view("II*\0", 4)) || startsWith(head, std::string_view("MM\0*", 4)) ||
      (startsWith(head, "BM") && head.size() >= 26 && head[14] >= 12 && head[15] == 0 &&
       head[16] == 0 && head[17] == 0))
    return DocumentKind::kImage;
  const std::string_view text = skipBomAndBlanks(head);
  if (startsWith(text, "{\\rtf")) return DocumentKind::kRtf;
  if (startsWithIgnoringCase(text, "<!doctype html") || startsWithIgnoringCase(text, "<html") ||
      startsWith(text, "<?xml"))
    return DocumentKind::kMarkup;
  if (looksLikeMail(text)) return DocumentKind::kEml;
  // An mbox file: each message follows a "From sender date" line (RFC 4155).
  if (startsWith(text, "From ")) {
    const std::size_t eol = text.find('\n');
    if (eol != std::string_view::npos && looksLikeMail(text.substr(eol + 1)))
      return DocumentKind::kEml;
  }
  return DocumentKind::kText;
}

ExtractStatus extractDocument(const Document& doc, TextSink& sink, ExtractContext& ctx) {
  if (ctx.expired()) return ExtractStatus::tooLarge("time budget spent");
  switch (documentKind(doc.bytes.substr(0, 64 * 1024))) {
    case DocumentKind::kOle: return extractOle(doc, sink, ctx);
    case DocumentKind::kZip: return extractZip(doc, sink, ctx);
    case DocumentKind::kPdf: return extractPdf(doc, sink, ctx);
    case DocumentKind::kRtf: return extractRtf(doc, sink, ctx);
    case DocumentKind::kMarkup: return extractMarkup(doc, sink, ctx);
    case DocumentKind::kEml: return extractEml(doc, sink, ctx);
    case DocumentKind::kImage: return extractImage(doc, sink, ctx);
    case DocumentKind::kText: return extractText(doc, sink);
  }
  return extractText(doc, sink);
}

}  // namespace jamul::scanner::extract
