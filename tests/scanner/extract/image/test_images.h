// SPDX-License-Identifier: Apache-2.0
#pragma once

// Synthetic test images for the OCR tests: a hard-coded 5x7 bitmap font for the digits and '-',
// drawn black on white into a Leptonica PIX at a chosen magnification, and encoders to PNG, JPEG,
// TIFF (single and multi-page), BMP. Leptonica has no text renderer, and test data must be
// generated, never copied; the synthetic PII is the RRN 900101-1234568 and the phone number
// 010-2000-0000.

#include <leptonica/allheaders.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace jamul::testing {

struct TestPixDeleter {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using TestPix = std::unique_ptr<Pix, TestPixDeleter>;

// Rows of a glyph, 5 bits each (bit 4 = leftmost column).
inline const std::array<std::uint8_t, 7>* glyph(char c) {
  static const std::array<std::uint8_t, 7> kDigits[10] = {
      {0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E},  // 0
      {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E},  // 1
      {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F},  // 2
      {0x0E, 0x11, 0x01, 0x06, 0x01, 0x11, 0x0E},  // 3
      {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02},  // 4
      {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E},  // 5
      {0x0E, 0x10, 0x10, 0x1E, 0x11, 0x11, 0x0E},  // 6
      {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08},  // 7
      {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E},  // 8
      {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x01, 0x0E},  // 9
  };
  static const std::array<std::uint8_t, 7> kHyphen = {0, 0, 0, 0x0E, 0, 0, 0};
  static const std::array<std::uint8_t, 7> kSpace = {0, 0, 0, 0, 0, 0, 0};
  if (c >= '0' && c <= '9') return &kDigits[c - '0'];
  if (c == '-') return &kHyphen;
  return &kSpace;
}

// Draws `lines` (digits, '-', ' ') black on white, each font pixel `scale` pixels high and 4/5
// of that wide (digits are narrower than tall, which keeps 0 apart from O), at `depth` 1 or 8 bpp.
// The glyphs are then blurred as a scanner's optics would: Tesseract is trained on real type and
// misreads the hard square corners of a magnified bitmap font (9 as S, 0 as U); a 1 bpp image is
// the blurred one thresholded, like a fax. Lines are spaced by one and a half text heights.
inline TestPix renderText(const std::vector<std::string>& lines, int scale = 8, int depth = 8) {
  std::size_t longest = 0;
  for (const std::string& line : lines) longest = std::max(longest, line.size());
  const int column = std::max(1, scale * 4 / 5);
  const int margin = 4 * scale;
  const int advance = 6 * column;
  const int line_step = 11 * scale;  // 7 rows + 4 of leading
  const int width = 2 * margin + static_cast<int>(longest) * advance;
  const int height = 2 * margin + static_cast<int>(lines.size()) * line_step;
  TestPix pix(pixCreate(width, height, 8));
  pixSetAll(pix.get());  // white
  for (std::size_t l = 0; l < lines.size(); ++l) {
    for (std::size_t i = 0; i < lines[l].size(); ++i) {
      const auto& rows = *glyph(lines[l][i]);
      for (int r = 0; r < 7; ++r)
        for (int c = 0; c < 5; ++c) {
          if (!(rows[r] >> (4 - c) & 1)) continue;
          const int x0 = margin + static_cast<int>(i) * advance + c * column;
          const int y0 = margin + static_cast<int>(l) * line_step + r * scale;
          for (int y = y0; y < y0 + scale; ++y)
            for (int x = x0; x <= x0 + column; ++x) pixSetPixel(pix.get(), x, y, 0);
        }
    }
  }
  const int blur = std::max(1, scale * 3 / 8);
  TestPix smooth(pixBlockconvGray(pix.get(), nullptr, blur, blur));
  if (depth == 1) return TestPix(pixThresholdToBinary(smooth.get(), 128));
  return smooth;
}

// Takes ownership of a buffer Leptonica allocated.
inline std::string takeBuffer(l_uint8* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return bytes;
}

// `format`: IFF_PNG, IFF_BMP, IFF_TIFF_G4 (1 bpp), IFF_TIFF_ZIP, IFF_JFIF_JPEG...
inline std::string encode(Pix* pix, int format) {
  l_uint8* data = nullptr;
  size_t size = 0;
  if (format == IFF_JFIF_JPEG) {
    if (pixWriteMemJpeg(&data, &size, pix, 85, 0) != 0) return {};
  } else if (pixWriteMem(&data, &size, pix, format) != 0) {
    return {};
  }
  return takeBuffer(data, size);
}

inline std::string encodeMultipageTiff(const std::vector<Pix*>& pages) {
  Pixa* pixa = pixaCreate(static_cast<l_int32>(pages.size()));
  for (Pix* page : pages) pixaAddPix(pixa, page, L_COPY);
  l_uint8* data = nullptr;
  size_t size = 0;
  const bool ok = pixaWriteMemMultipageTiff(&data, &size, pixa) == 0;
  pixaDestroy(&pixa);
  return ok ? takeBuffer(data, size) : std::string();
}

// Inserts an EXIF APP1 segment holding only IFD0 Orientation = `orientation` (CIPA DC-008
// §4.6.4, big-endian TIFF structure) right after the SOI marker of `jpeg`.
inline std::string withExifOrientation(std::string_view jpeg, int orientation) {
  const std::string tiff = std::string("MM\0*\0\0\0\x08", 8) +           // header, IFD0 at 8
                           std::string("\0\x01", 2) +                    // one entry
                           std::string("\x01\x12\0\x03\0\0\0\x01", 8) +  // Orientation SHORT x1
                           std::string{'\0', static_cast<char>(orientation), '\0', '\0'} +
                           std::string(4, '\0');  // no next IFD
  const std::string payload = std::string("Exif\0\0", 6) + tiff;
  const std::size_t length = payload.size() + 2;
  std::string out(jpeg.substr(0, 2));
  out += "\xFF\xE1";
  out += static_cast<char>(length >> 8);
  out += static_cast<char>(length & 0xFF);
  out += payload;
  out += jpeg.substr(2);
  return out;
}

// Removes spaces, so "900101 - 1234568" and "900101-1234568" compare alike where a test only
// cares about the characters (the detector tolerates such spacing too).
inline std::string withoutSpaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ') out += c;
  return out;
}

}  // namespace jamul::testing
