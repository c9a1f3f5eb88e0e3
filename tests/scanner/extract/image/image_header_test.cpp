// SPDX-License-Identifier: Apache-2.0
#include "extract/image/image_header.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "test_images.h"

namespace jamul::scanner::extract {
namespace {

using testing::encode;
using testing::encodeMultipageTiff;
using testing::renderText;
using testing::withExifOrientation;

std::string be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}
std::string le32(std::uint32_t v) {
  return {static_cast<char>(v), static_cast<char>(v >> 8), static_cast<char>(v >> 16),
          static_cast<char>(v >> 24)};
}
std::string le16(std::uint32_t v) { return {static_cast<char>(v), static_cast<char>(v >> 8)}; }

// A PNG signature and IHDR claiming `width` x `height` (the CRC is not checked by the header
// reader, so it is left zero), then IEND unless `complete` is false.
std::string pngHeader(std::uint32_t width, std::uint32_t height, bool complete = true) {
  std::string png("\x89PNG\r\n\x1A\n", 8);
  png += be32(13) + "IHDR" + be32(width) + be32(height) + std::string("\x08\x00\x00\x00\x00", 5) +
         be32(0);
  if (complete) png += be32(0) + "IEND" + be32(0);
  return png;
}

// A little-endian TIFF whose IFDs (one per size) each hold ImageWidth and ImageLength (LONG);
// the last IFD's next offset is `last_next`.
std::string tiffPages(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& sizes,
                      std::uint32_t last_next = 0) {
  std::string tiff = std::string("II*\0", 4) + le32(8);
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    const std::uint32_t next =
        i + 1 < sizes.size() ? static_cast<std::uint32_t>(tiff.size() + 2 + 24 + 4) : last_next;
    tiff += le16(2);
    tiff += le16(256) + le16(4) + le32(1) + le32(sizes[i].first);
    tiff += le16(257) + le16(4) + le32(1) + le32(sizes[i].second);
    tiff += le32(next);
  }
  return tiff;
}

// The error code of reading `bytes`; kInternal when it (wrongly) succeeds.
ErrorCode errorOf(std::string_view bytes) {
  Result<ImageHeader> h = readImageHeader(bytes);
  return h.ok() ? ErrorCode::kInternal : h.error().code();
}

BOOST_AUTO_TEST_SUITE(image_header)

BOOST_AUTO_TEST_CASE(png_sizes_and_truncation_come_from_the_chunks) {
  Result<ImageHeader> h = readImageHeader(pngHeader(100000, 100000));
  BOOST_REQUIRE(h.ok());
  BOOST_TEST((h->format == ImageFormat::kPng));
  BOOST_REQUIRE_EQUAL(h->pages.size(), 1u);
  BOOST_TEST(h->pages[0].width == 100000u);
  BOOST_TEST(h->pages[0].height == 100000u);
  BOOST_TEST(!h->truncated);
  BOOST_TEST(readImageHeader(pngHeader(10, 10, false))->truncated);

  // A real PNG, cut anywhere after IHDR, is truncated; cut inside IHDR, it is corrupt.
  testing::TestPix pix = renderText({"900101-1234568"}, 2);
  const std::string png = encode(pix.get(), IFF_PNG);
  Result<ImageHeader> real = readImageHeader(png);
  BOOST_REQUIRE(real.ok());
  BOOST_TEST(!real->truncated);
  BOOST_TEST(real->pages[0].width == static_cast<std::uint32_t>(pixGetWidth(pix.get())));
  BOOST_TEST(readImageHeader(std::string_view(png).substr(0, png.size() / 2))->truncated);
  BOOST_TEST(readImageHeader(std::string_view(png).substr(0, png.size() - 1))->truncated);
  BOOST_TEST((errorOf(std::string_view(png).substr(0, 20)) == ErrorCode::kCorrupt));
  BOOST_TEST((errorOf(pngHeader(0, 10)) == ErrorCode::kCorrupt));
}

BOOST_AUTO_TEST_CASE(jpeg_size_eoi_and_exif_orientation) {
  testing::TestPix pix = renderText({"010-2000-0000"}, 2);
  const std::string jpeg = encode(pix.get(), IFF_JFIF_JPEG);
  Result<ImageHeader> h = readImageHeader(jpeg);
  BOOST_REQUIRE(h.ok());
  BOOST_TEST((h->format == ImageFormat::kJpeg));
  BOOST_TEST(h->pages[0].width == static_cast<std::uint32_t>(pixGetWidth(pix.get())));
  BOOST_TEST(h->pages[0].height == static_cast<std::uint32_t>(pixGetHeight(pix.get())));
  BOOST_TEST(!h->truncated);
  BOOST_TEST(h->orientation == 1);
  BOOST_TEST(readImageHeader(withExifOrientation(jpeg, 6))->orientation == 6);
  BOOST_TEST(readImageHeader(withExifOrientation(jpeg, 9))->orientation == 1);  // out of range
  BOOST_TEST(readImageHeader(jpeg + "trailing camera blob")->truncated == false);
  BOOST_TEST(readImageHeader(jpeg.substr(0, jpeg.size() - 2))->truncated);
  // Cut before the frame header, or a frame header too short: corrupt.
  BOOST_TEST((errorOf(jpeg.substr(0, 24)) == ErrorCode::kCorrupt));
  const std::string sof_short = std::string("\xFF\xD8\xFF\xC0\x00\x04\x08\x00", 8);
  BOOST_TEST((errorOf(sof_short) == ErrorCode::kCorrupt));
  // A segment length of 0 cannot advance the walk.
  BOOST_TEST((errorOf(std::string("\xFF\xD8\xFF\xE0\x00\x00xxxx", 10)) == ErrorCode::kCorrupt));
}

BOOST_AUTO_TEST_CASE(tiff_pages_are_counted_and_cycles_cut) {
  Result<ImageHeader> h = readImageHeader(tiffPages({{100, 200}, {300, 400}, {5, 6}}));
  BOOST_REQUIRE(h.ok());
  BOOST_TEST((h->format == ImageFormat::kTiff));
  BOOST_REQUIRE_EQUAL(h->pages.size(), 3u);
  BOOST_TEST(h->pages[1].width == 300u);
  BOOST_TEST(h->pages[1].height == 400u);
  BOOST_TEST(!h->more_pages);
  BOOST_TEST(!h->truncated);

  // The last IFD points back at the first: two pages, then the loop is noticed.
  Result<ImageHeader> loop = readImageHeader(tiffPages({{1, 1}, {2, 2}}, 8));
  BOOST_REQUIRE(loop.ok());
  BOOST_TEST(loop->pages.size() == 2u);
  BOOST_TEST(loop->more_pages);
  // A next IFD beyond the end: the pages before it stand, the file is truncated.
  Result<ImageHeader> cut = readImageHeader(tiffPages({{1, 1}}, 0x7FFFFFFF));
  BOOST_REQUIRE(cut.ok());
  BOOST_TEST(cut->truncated);
  BOOST_TEST((errorOf(std::string("II*\0\xFF\xFF\0\0", 8)) == ErrorCode::kCorrupt));
  BOOST_TEST((errorOf(tiffPages({{0, 10}})) == ErrorCode::kCorrupt));
  BOOST_TEST((errorOf(std::string("II+\0\x08\0\0\0", 8)) == ErrorCode::kUnsupportedFormat));

  // Leptonica's own multi-page TIFF agrees.
  testing::TestPix a = renderText({"1"}, 2);
  testing::TestPix b = renderText({"22", "33"}, 3);
  Result<ImageHeader> real = readImageHeader(encodeMultipageTiff({a.get(), b.get()}));
  BOOST_REQUIRE(real.ok());
  BOOST_REQUIRE_EQUAL(real->pages.size(), 2u);
  BOOST_TEST(real->pages[1].height == static_cast<std::uint32_t>(pixGetHeight(b.get())));
}

BOOST_AUTO_TEST_CASE(bmp_sizes_signed_heights_and_missing_rows) {
  testing::TestPix pix = renderText({"900101-1234568"}, 2);
  const std::string bmp = encode(pix.get(), IFF_BMP);
  Result<ImageHeader> h = readImageHeader(bmp);
  BOOST_REQUIRE(h.ok());
  BOOST_TEST((h->format == ImageFormat::kBmp));
  BOOST_TEST(h->pages[0].width == static_cast<std::uint32_t>(pixGetWidth(pix.get())));
  BOOST_TEST(!h->truncated);
  BOOST_TEST(readImageHeader(bmp.substr(0, bmp.size() - 100))->truncated);

  // BITMAPINFOHEADER with a top-down (negative) height of 70000 and width 70000.
  std::string top_down = "BM" + le32(54) + le32(0) + le32(54) + le32(40) + le32(70000) +
                         le32(static_cast<std::uint32_t>(-70000)) + le16(1) + le16(24) +
                         std::string(24, '\0');
  Result<ImageHeader> big = readImageHeader(top_down);
  BOOST_REQUIRE(big.ok());
  BOOST_TEST(big->pages[0].height == 70000u);
  BOOST_TEST(big->truncated);
  std::string zero_width = top_down;
  zero_width.replace(18, 4, le32(0));
  BOOST_TEST((errorOf(zero_width) == ErrorCode::kCorrupt));
  BOOST_TEST((errorOf("GIF89a") == ErrorCode::kUnsupportedFormat));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
