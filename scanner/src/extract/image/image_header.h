// SPDX-License-Identifier: Apache-2.0
#pragma once

// readImageHeader(): the format, page sizes and structural soundness of a PNG, JPEG, TIFF or BMP
// file, read from its headers alone without decoding a pixel (DESIGN.md §4 "Extractors").
//
// The image extractor calls it before handing the bytes to a decoder, so that a header claiming
// 100000 x 100000 pixels is refused before anything is allocated, a TIFF whose directory chain
// loops or never ends is cut short, and a file that stops before its last chunk/marker is known
// to be truncated even when the decoder would quietly return a partial picture.
//
// Contract: reads only inside `bytes`; no allocation proportional to a length field beyond one
// entry per TIFF page (at most kMaxTiffPages); never throws. Thread-safe (a pure function).

#include <cstdint>
#include <string_view>
#include <vector>

#include "jamul/common/result.h"

namespace jamul::scanner::extract {

enum class ImageFormat { kPng, kJpeg, kTiff, kBmp };

// "png", "jpeg", "tiff", "bmp": the names reported by ExtractContext::setFormat().
std::string_view imageFormatName(ImageFormat format);

struct ImagePage {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
};

// A TIFF's directory chain is followed for at most this many pages; longer ones set more_pages.
inline constexpr std::size_t kMaxTiffPages = 1000;

struct ImageHeader {
  ImageFormat format = ImageFormat::kPng;
  // One per page, in file order: several only for a multi-page TIFF. Never empty.
  std::vector<ImagePage> pages;
  // The file ends before its structure does (no PNG IEND, no JPEG EOI after the scan, BMP pixel
  // rows missing, a TIFF directory past the end): what decodes may be partial.
  bool truncated = false;
  // A TIFF with more than kMaxTiffPages pages, or whose directory chain loops back on itself.
  bool more_pages = false;
  // EXIF Orientation (JPEG APP1, CIPA DC-008 §4.6.4 tag 0x0112), 1..8; 1 = as stored.
  int orientation = 1;
};

// Returns the header of the image in `bytes`. Fails with kUnsupportedFormat when the signature is
// none of the four formats (or is BigTIFF), kCorrupt when the header itself is broken or cut short
// (no IHDR, no SOF before the scan, a zero width or height, the first TIFF directory missing).
Result<ImageHeader> readImageHeader(std::string_view bytes);

}  // namespace jamul::scanner::extract
