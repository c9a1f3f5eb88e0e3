// SPDX-License-Identifier: Apache-2.0
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "extract/document_extractor.h"
#include "extract/extractors.h"
#include "support/collecting_sink.h"
#include "support/extraction.h"
#include "support/pdf_writer.h"
#include "test_images.h"

namespace jamul::scanner::extract {
namespace {

using testing::CollectingSink;
using testing::encode;
using testing::renderText;

constexpr char kRrn[] = "900101-1234568";
constexpr char kPhone[] = "010-2000-0000";

ExtractLimits ocrOn() {
  ExtractLimits limits;
  limits.ocr = true;
  return limits;
}

using Extracted = testing::Extraction;

Extracted extract(std::string_view bytes, ExtractLimits limits = ocrOn()) {
  return testing::extractWithDispatcher(bytes, "scan", limits);
}

bool contains(std::string_view text, std::string_view what) {
  return text.find(what) != std::string_view::npos;
}

BOOST_AUTO_TEST_SUITE(image_extractor)

BOOST_AUTO_TEST_CASE(ocr_off_is_unsupported_without_reading_the_image) {
  // Not even a valid header: with OCR off nothing is parsed.
  const Extracted e = extract("\x89PNG\r\n\x1A\n garbage", ExtractLimits{});
  BOOST_TEST((e.status.status == FileStatus::kUnsupported));
  BOOST_TEST(e.status.detail == "image: OCR is off");
  BOOST_TEST(e.sink.parts.empty());
}

BOOST_AUTO_TEST_CASE(rrn_in_a_png_comes_out_digit_for_digit) {
  testing::TestPix pix = renderText({kRrn, kPhone});
  const Extracted e = extract(encode(pix.get(), IFF_PNG));
  BOOST_TEST(e.status.isOk(), e.status.detail);
  BOOST_TEST(e.format == "png");
  BOOST_REQUIRE_EQUAL(e.sink.parts.size(), 1u);
  BOOST_TEST(e.sink.parts[0].location == "page 1 (OCR)");
  BOOST_TEST((e.sink.parts[0].kind == PartKind::kOcrLines));
  BOOST_TEST(contains(e.sink.parts[0].text, kRrn), e.sink.parts[0].text);
  BOOST_TEST(contains(e.sink.parts[0].text, kPhone), e.sink.parts[0].text);
  BOOST_TEST(!e.sink.appended_before_part);
}

// A scanned PDF: one page holding only an uncompressed grey image (PDF 1.7 §8.9), sized so that
// 200 dpi renders it at its own resolution.
std::string scannedPdf(Pix* pix) {
  const int w = pixGetWidth(pix);
  const int h = pixGetHeight(pix);
  std::string pixels;
  pixels.reserve(static_cast<std::size_t>(w) * h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      l_uint32 v = 0;
      pixGetPixel(pix, x, y, &v);
      pixels.push_back(static_cast<char>(v));
    }
  const std::string pw = std::to_string(w * 72 / 200);
  const std::string ph = std::to_string(h * 72 / 200);
  const std::string content = "q " + pw + " 0 0 " + ph + " 0 0 cm /Im1 Do Q";
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + pw + " " + ph +
          "] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
      "<< /Type /XObject /Subtype /Image /Width " + std::to_string(w) + " /Height " +
          std::to_string(h) + " /ColorSpace /DeviceGray /BitsPerComponent 8 /Length " +
          std::to_string(pixels.size()) + " >>\nstream\n" + pixels + "\nendstream"};
  return testing::buildPdf(objects);
}

BOOST_AUTO_TEST_CASE(a_scanned_pdf_is_read_by_ocr_when_ocr_is_on) {
  testing::TestPix pix = renderText({kRrn});
  const std::string pdf = scannedPdf(pix.get());
  CollectingSink on;
  ExtractContext ctx = testing::dispatchingContext(ocrOn());
  const ExtractStatus status = extractPdf({pdf, "scan.pdf"}, on, ctx);
  BOOST_TEST(status.isOk(), status.detail);
  BOOST_REQUIRE_EQUAL(on.parts.size(), 1u);
  BOOST_TEST(on.parts[0].location == "page 1 (OCR)");
  BOOST_TEST(contains(on.parts[0].text, kRrn), on.parts[0].text);
  // Without OCR the same file says it has no text layer rather than looking clean.
  ExtractLimits off = ocrOn();
  off.ocr = false;
  CollectingSink sink_off;
  ExtractContext ctx_off = testing::dispatchingContext(off);
  const ExtractStatus no_ocr = extractPdf({pdf, "scan.pdf"}, sink_off, ctx_off);
  BOOST_TEST((no_ocr.status == FileStatus::kUnsupported));
  BOOST_TEST(no_ocr.detail.find("image_only") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(small_bmp_and_jpeg_are_upscaled_and_read) {
  // Scale 3: 15 px digits, too small for Tesseract unless the extractor enlarges the image.
  testing::TestPix pix = renderText({kRrn}, 3);
  const Extracted bmp = extract(encode(pix.get(), IFF_BMP));
  BOOST_TEST(bmp.status.isOk(), bmp.status.detail);
  BOOST_TEST(bmp.format == "bmp");
  BOOST_TEST(contains(bmp.sink.allText(), kRrn), bmp.sink.allText());

  const Extracted jpeg = extract(encode(pix.get(), IFF_JFIF_JPEG));
  BOOST_TEST(jpeg.status.isOk(), jpeg.status.detail);
  BOOST_TEST(jpeg.format == "jpeg");
  BOOST_TEST(contains(jpeg.sink.allText(), kRrn), jpeg.sink.allText());
}

BOOST_AUTO_TEST_CASE(fax_tiff_pages_become_one_part_each) {
  testing::TestPix first = renderText({kRrn}, 6, 1);
  testing::TestPix second = renderText({kPhone}, 6, 1);
  const std::string g4 = encode(first.get(), IFF_TIFF_G4);
  const Extracted single = extract(g4);
  BOOST_TEST(single.status.isOk(), single.status.detail);
  BOOST_TEST(single.format == "tiff");
  BOOST_TEST(contains(single.sink.allText(), kRrn), single.sink.allText());

  const Extracted multi = extract(testing::encodeMultipageTiff({first.get(), second.get()}));
  BOOST_TEST(multi.status.isOk(), multi.status.detail);
  BOOST_REQUIRE_EQUAL(multi.sink.parts.size(), 2u);
  BOOST_TEST(multi.sink.parts[0].location == "page 1 (OCR)");
  BOOST_TEST(multi.sink.parts[1].location == "page 2 (OCR)");
  BOOST_TEST(contains(multi.sink.parts[0].text, kRrn), multi.sink.parts[0].text);
  BOOST_TEST(contains(multi.sink.parts[1].text, kPhone), multi.sink.parts[1].text);
}

BOOST_AUTO_TEST_CASE(exif_orientation_turns_a_sideways_photo_upright) {
  // The pixels are stored turned 90° counter-clockwise; EXIF 6 says "rotate 90° clockwise".
  testing::TestPix upright = renderText({kRrn});
  testing::TestPix sideways(pixRotateOrth(upright.get(), 3));
  const std::string jpeg = testing::withExifOrientation(encode(sideways.get(), IFF_JFIF_JPEG), 6);
  const Extracted e = extract(jpeg);
  BOOST_TEST(e.status.isOk(), e.status.detail);
  BOOST_TEST(contains(e.sink.allText(), kRrn), e.sink.allText());
}

BOOST_AUTO_TEST_CASE(truncated_and_garbled_images_are_corrupt) {
  testing::TestPix pix = renderText({kRrn});
  const std::string png = encode(pix.get(), IFF_PNG);
  const Extracted half = extract(std::string_view(png).substr(0, png.size() / 2));
  BOOST_TEST((half.status.status == FileStatus::kCorrupt), half.status.detail);
  BOOST_TEST(!half.status.detail.empty());
  BOOST_TEST(!contains(half.status.detail, "900101"));

  // Valid headers over garbage pixel data.
  std::string garbled = png;
  for (std::size_t i = 60; i + 20 < garbled.size(); ++i) garbled[i] = static_cast<char>(i * 7);
  BOOST_TEST((extract(garbled).status.status == FileStatus::kCorrupt));
  const std::string jpeg = encode(pix.get(), IFF_JFIF_JPEG);
  BOOST_TEST((extract(jpeg.substr(0, 200)).status.status == FileStatus::kCorrupt));
  const std::string tiff = encode(pix.get(), IFF_TIFF_ZIP);
  BOOST_TEST((extract(tiff.substr(0, 12)).status.status == FileStatus::kCorrupt));
  const std::string bmp = encode(pix.get(), IFF_BMP);
  BOOST_TEST((extract(bmp.substr(0, 100)).status.status == FileStatus::kCorrupt));
}

BOOST_AUTO_TEST_CASE(absurd_header_sizes_are_too_large_before_decoding) {
  // PNG IHDR claiming 100000 x 100000 (10^10 pixels): refused from the header, no allocation.
  auto be32 = [](std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + be32(13) + "IHDR" + be32(100000) +
                          be32(100000) + std::string("\x08\x02\0\0\0", 5) + be32(0) + be32(0) +
                          "IEND" + be32(0);
  const auto start = std::chrono::steady_clock::now();
  const Extracted e = extract(png);
  BOOST_TEST((e.status.status == FileStatus::kTooLarge), e.status.detail);
  BOOST_TEST(contains(e.status.detail, "100000 x 100000"), e.status.detail);
  BOOST_TEST(e.sink.parts.empty());
  BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(1)));

  // A JPEG frame header of 65535 x 65535 (4.3 GP) likewise.
  const std::string jpeg = std::string("\xFF\xD8\xFF\xC0\x00\x11\x08\xFF\xFF\xFF\xFF\x03", 12) +
                           std::string(9, '\x11') + std::string("\xFF\xDA\x00\x02", 4);
  BOOST_TEST((extract(jpeg).status.status == FileStatus::kTooLarge));
}

BOOST_AUTO_TEST_CASE(a_spent_time_budget_stops_before_ocr) {
  ExtractLimits limits = ocrOn();
  limits.time_budget = std::chrono::milliseconds(0);
  testing::TestPix pix = renderText({kRrn});
  ExtractContext ctx = testing::dispatchingContext(limits);
  CollectingSink sink;
  // Straight to the entry point: the dispatcher would refuse before calling it.
  const ExtractStatus st = extractImage({encode(pix.get(), IFF_PNG), "a.png"}, sink, ctx);
  BOOST_TEST((st.status == FileStatus::kTooLarge), st.detail);
  BOOST_TEST(sink.parts.empty());
}

BOOST_AUTO_TEST_CASE(a_blank_page_is_read_and_has_no_text) {
  testing::TestPix blank = renderText({"          "});
  const Extracted e = extract(encode(blank.get(), IFF_PNG));
  BOOST_TEST(e.status.isOk(), e.status.detail);
  BOOST_REQUIRE_EQUAL(e.sink.parts.size(), 1u);
  BOOST_TEST(testing::withoutSpaces(e.sink.parts[0].text).find_first_not_of('\n') ==
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_language_data_is_an_error_not_an_empty_page) {
  testing::TestPix pix = renderText({kRrn});
  const std::string png = encode(pix.get(), IFF_PNG);
  // The engine is per thread and reads TESSDATA_PREFIX at Init: a fresh thread with the prefix
  // pointing nowhere sees no language data. The suite runs single-threaded, so the environment
  // change is not racing anything.
  const char* old = std::getenv("TESSDATA_PREFIX");
  const std::string saved = old ? old : "";
  setenv("TESSDATA_PREFIX", "/nonexistent/tessdata", 1);
  Extracted e;
  std::thread([&] { e = extract(png); }).join();
  if (old)
    setenv("TESSDATA_PREFIX", saved.c_str(), 1);
  else
    unsetenv("TESSDATA_PREFIX");
  BOOST_TEST((e.status.status == FileStatus::kError), e.status.detail);
  BOOST_TEST(e.status.detail == "OCR language data (kor, eng) not installed");
  BOOST_TEST(e.sink.parts.empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
