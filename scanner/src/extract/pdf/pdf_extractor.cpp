// SPDX-License-Identifier: Apache-2.0
// PDF extractor (extractors.h): an adapter over poppler-cpp. Poppler parses, decrypts (RC4/AES with
// the empty user password, ISO 32000-1 §7.6.3) and lays out text; this file maps its outcomes onto
// ExtractStatus and its pages onto parts ("page N", one text line per paragraph line).
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-embedded-file.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "extract/extractors.h"
#include "extract/pdf_ocr/pdf_ocr_module.h"
#include "extract/image/ocr_page.h"

namespace jamul::scanner::extract {
namespace {

void ignorePopplerMessage(const std::string&, void*) {}

// Poppler prints every syntax error of a damaged file on stderr; an agent scanning thousands of
// files must stay quiet. The hook is process-wide inside poppler, so it is set once.
void silencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(ignorePopplerMessage, nullptr); });
}

// Poppler's text ends lines with '\n' and pages with '\f'; some producers leave '\r' and NULs.
// One line of layout becomes one paragraph line; blank lines are dropped so that paragraph numbers
// count text, not vertical gaps.
std::string normaliseLines(const std::vector<char>& utf8) {
  std::string out;
  out.reserve(utf8.size() + 1);
  std::size_t line_start = 0;
  bool line_has_text = false;
  for (char c : utf8) {
    if (c == '\n' || c == '\r' || c == '\f') {
      if (line_has_text) {
        out += '\n';
        line_start = out.size();
      } else {
        out.resize(line_start);
      }
      line_has_text = false;
      continue;
    }
    if (c == '\0') c = ' ';
    if (c != ' ' && c != '\t') line_has_text = true;
    out += c;
  }
  if (line_has_text) {
    out += '\n';
  } else {
    out.resize(line_start);
  }
  return out;
}

// PDF attachments (ISO 32000-1 §7.11.4) are documents of their own: an .xlsx mailed as a PDF
// attachment holds identifiers as well. Poppler reads an embedded stream whole, so only files whose
// declared size fits the member limit are taken.
ExtractStatus extractEmbeddedFiles(const poppler::document& pdf, TextSink& sink,
                                   ExtractContext& ctx, bool& any_file) {
  ExtractStatus status = ExtractStatus::ok();
  if (!pdf.has_embedded_files()) return status;
  int index = 0;
  for (poppler::embedded_file* file : pdf.embedded_files()) {
    ++index;
    if (file == nullptr || !file->is_valid()) continue;
    if (ctx.expired()) {
      foldStatus(status, ExtractStatus::tooLarge("time budget spent"));
      break;
    }
    if (!ctx.chargeEntry()) {
      foldStatus(status, ExtractStatus::tooLarge("too many embedded files"));
      break;
    }
    const int declared = file->size();
    if (declared < 0 || static_cast<std::uint64_t>(declared) > ctx.limits().max_member_bytes) {
      foldStatus(status, ExtractStatus::tooLarge("embedded file without a size or over the limit"));
      continue;
    }
    const poppler::byte_array data = file->data();
    if (!ctx.chargeExpanded(data.size())) {
      foldStatus(status, ExtractStatus::tooLarge("expanded size over the limit"));
      break;
    }
    std::string name = file->name();
    if (name.empty()) name = "embedded " + std::to_string(index);
    const std::string location = "attachment:" + name;
    any_file = true;
    foldStatus(status,
               ctx.nested(location, {std::string_view(data.data(), data.size()), name}, sink));
  }
  return status;
}

// A scanned PDF (pages, no text layer) with OCR on: each page rendered to grey at kOcrDpi and read
// like an image. Pages over the expansion budget stop it (kTooLarge), as in a multi-page TIFF.
constexpr double kOcrDpi = 200.0;
constexpr int kMaxOcrPages = 200;

ExtractStatus ocrPages(poppler::document& pdf, int pages, TextSink& sink, ExtractContext& ctx) {
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hints(poppler::page_renderer::antialiasing |
                            poppler::page_renderer::text_antialiasing);
  ExtractStatus status = ExtractStatus::ok();
  for (int i = 0; i < pages; ++i) {
    if (i >= kMaxOcrPages) {
      foldStatus(status, ExtractStatus::tooLarge("scanned PDF with more than " +
                                                 std::to_string(kMaxOcrPages) + " pages"));
      break;
    }
    if (ctx.expired()) {
      foldStatus(status, ExtractStatus::tooLarge("time budget spent at page " + std::to_string(i + 1)));
      break;
    }
    std::unique_ptr<poppler::page> page(pdf.create_page(i));
    if (!page) continue;
    // Refuse absurd page sizes before rendering: points at kOcrDpi, one byte a pixel.
    const poppler::rectf box = page->page_rect();
    const double pixels = box.width() * kOcrDpi / 72.0 * (box.height() * kOcrDpi / 72.0);
    if (!(pixels > 0) || pixels > 100e6 || !ctx.chargeExpanded(static_cast<std::uint64_t>(pixels))) {
      foldStatus(status, ExtractStatus::tooLarge("scanned PDF page " + std::to_string(i + 1) +
                                                 " too large to render"));
      break;
    }
    const poppler::image image = renderer.render_page(page.get(), kOcrDpi, kOcrDpi);
    if (!image.is_valid() || image.format() != poppler::image::format_gray8) {
      foldStatus(status, ExtractStatus::corrupt("scanned PDF page " + std::to_string(i + 1) +
                                                " could not be rendered"));
      continue;
    }
    foldStatus(status, ocrGrayPage(reinterpret_cast<const std::uint8_t*>(image.const_data()),
                                   image.width(), image.height(), image.bytes_per_row(),
                                   static_cast<int>(kOcrDpi),
                                   "page " + std::to_string(i + 1) + " (OCR)", sink, ctx));
    if (status.status == FileStatus::kTooLarge || status.status == FileStatus::kError) break;
  }
  return status;
}

ExtractStatus extractWithPoppler(const Document& doc, TextSink& sink, ExtractContext& ctx) {
  if (doc.bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    return ExtractStatus::tooLarge("PDF over 2 GiB");
  silencePoppler();
  // load_from_raw_data borrows the bytes; they outlive the document.
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(doc.bytes.data(), static_cast<int>(doc.bytes.size())));
  if (!pdf) return ExtractStatus::corrupt("damaged PDF: no readable cross-reference or catalog");
  // An owner password alone (permissions) leaves the empty user password valid: poppler opens
  // the file unlocked. Locked means a user password is needed to decrypt anything.
  if (pdf->is_locked()) return ExtractStatus::protectedDoc("password-protected PDF");
  const int pages = pdf->pages();
  if (pages <= 0) return ExtractStatus::corrupt("damaged PDF: no pages");

  ExtractStatus status = ExtractStatus::ok();
  bool any_text = false;
  int unreadable_pages = 0;
  for (int i = 0; i < pages; ++i) {
    if (ctx.expired()) {
      foldStatus(status,
                 ExtractStatus::tooLarge("time budget spent at page " + std::to_string(i + 1)));
      break;
    }
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    if (!page) {
      ++unreadable_pages;
      continue;
    }
    // The default reading order (what pdftotext prints without -layout): columns are kept apart
    // and a line is one visual line of text.
    const std::string text = normaliseLines(
        page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8());
    if (text.empty()) continue;
    any_text = true;
    sink.beginPart("page " + std::to_string(i + 1), PartKind::kParagraphs);
    sink.append(text);
  }
  if (unreadable_pages > 0)
    foldStatus(status, ExtractStatus::corrupt("damaged PDF: " + std::to_string(unreadable_pages) +
                                              " unreadable pages"));
  bool any_file = false;
  if (status.isOk()) foldStatus(status, extractEmbeddedFiles(*pdf, sink, ctx, any_file));
  // A portfolio (pages that only say "open the attachments") is read through its files.
  if (!any_text && !any_file && status.isOk() && unreadable_pages == 0) {
    if (ctx.limits().ocr) return ocrPages(*pdf, pages, sink, ctx);
    return ExtractStatus::unsupported("image_only: PDF without a text layer");
  }
  return status;
}

}  // namespace

ExtractStatus extractPdfDirect(const Document& doc, TextSink& sink, ExtractContext& ctx) {
  ctx.setFormat("pdf");
  if (ctx.expired()) return ExtractStatus::tooLarge("time budget spent");
  if (doc.bytes.empty()) return ExtractStatus::corrupt("empty PDF");
  // poppler-cpp reports failure by values, but std::bad_alloc or a stray exception from its C++
  // internals must not cross our API (STYLE.md "Errors").
  try {
    return extractWithPoppler(doc, sink, ctx);
  } catch (const std::bad_alloc&) {
    return ExtractStatus::tooLarge("PDF needs more memory than available");
  } catch (const std::exception&) {
    return ExtractStatus::corrupt("damaged PDF: parser error");
  } catch (...) {
    return ExtractStatus::corrupt("damaged PDF: parser error");
  }
}

}  // namespace jamul::scanner::extract
