// SPDX-License-Identifier: Apache-2.0
#include "extract/image/image_header.h"
#include "jamul/common/bytes.h"

#include <string>
#include <unordered_set>

namespace jamul::scanner::extract {
namespace {

Error corrupt(std::string message) { return Error(ErrorCode::kCorrupt, std::move(message)); }

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

using bytes::be16;
using bytes::be32;
using bytes::le16;
using bytes::le32;
using bytes::u8;

// TIFF 6.0 §2: the same reader serves TIFF files and the TIFF structure inside EXIF.
struct TiffReader {
  std::string_view bytes;
  bool little_endian = true;

  std::uint32_t u16(std::size_t at) const {
    return little_endian ? le16(bytes, at) : be16(bytes, at);
  }
  std::uint32_t u32(std::size_t at) const {
    return little_endian ? le32(bytes, at) : be32(bytes, at);
  }
  bool has(std::uint64_t at, std::uint64_t n) const {
    return at <= bytes.size() && n <= bytes.size() - at;
  }

  // The value of a SHORT or LONG entry with count 1 (stored in the entry itself, §2 "Value
  // Offset"), or 0 for other types.
  std::uint32_t scalar(std::size_t entry) const {
    const std::uint32_t type = u16(entry + 2);
    if (u32(entry + 4) != 1) return 0;
    if (type == 3) return u16(entry + 8);
    if (type == 4) return u32(entry + 8);
    return 0;
  }
};

// PNG spec (ISO/IEC 15948) §5.2 signature, §5.3 chunk layout, §11.2.2 IHDR, §11.2.5 IEND.
Result<ImageHeader> readPng(std::string_view s) {
  ImageHeader header;
  header.format = ImageFormat::kPng;
  if (s.size() < 8 + 8 + 13 || s.compare(12, 4, "IHDR") != 0 || be32(s, 8) != 13)
    return corrupt("PNG without an IHDR chunk");
  header.pages.push_back({be32(s, 16), be32(s, 20)});
  // Every chunk is at least 12 bytes, so the walk is bounded by the file size.
  std::size_t at = 8;
  header.truncated = true;
  while (s.size() - at >= 12) {
    const std::uint64_t length = be32(s, at);
    if (length > 0x7FFFFFFFu) return corrupt("PNG chunk length over 2^31-1");
    if (s.compare(at + 4, 4, "IEND") == 0) {
      header.truncated = false;
      break;
    }
    if (length + 12 > s.size() - at) break;
    at += static_cast<std::size_t>(length) + 12;
  }
  return header;
}

// EXIF (CIPA DC-008 §4.5): "Exif\0\0" then a TIFF structure whose IFD0 may hold Orientation.
int exifOrientation(std::string_view app1) {
  if (!startsWith(app1, std::string_view("Exif\0\0", 6))) return 1;
  const std::string_view tiff = app1.substr(6);
  if (tiff.size() < 8) return 1;
  TiffReader r{tiff, tiff[0] == 'I'};
  const std::uint32_t ifd = r.u32(4);
  if (!r.has(ifd, 2)) return 1;
  const std::uint32_t count = r.u16(ifd);
  for (std::uint32_t i = 0; i < count && r.has(ifd + 2 + 12ull * i, 12); ++i) {
    const std::size_t entry = ifd + 2 + 12 * i;
    if (r.u16(entry) == 0x0112) {
      const std::uint32_t value = r.scalar(entry);
      return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
    }
  }
  return 1;
}

// ITU-T T.81 §B.1.1.3 marker layout, §B.2.2 frame header (SOFn), Table B.1 marker codes.
Result<ImageHeader> readJpeg(std::string_view s) {
  ImageHeader header;
  header.format = ImageFormat::kJpeg;
  std::size_t at = 2;
  bool have_frame = false;
  while (true) {
    while (at < s.size() && u8(s, at) == 0xFF && at + 1 < s.size() && u8(s, at + 1) == 0xFF) ++at;
    if (at + 4 > s.size()) return corrupt("JPEG header cut short");
    if (u8(s, at) != 0xFF) {  // stray bytes between segments: libjpeg skips them, so do we
      at = s.find('\xFF', at);
      if (at == std::string_view::npos) return corrupt("JPEG header cut short");
      continue;
    }
    const std::uint32_t marker = u8(s, at + 1);
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length field
      at += 2;
      continue;
    }
    if (marker == 0xD9) return corrupt("JPEG ends before its image data");
    const std::uint32_t length = be16(s, at + 2);
    if (length < 2) return corrupt("JPEG segment length under 2");
    const std::string_view segment = s.substr(at + 4, length - 2);
    const bool is_sof =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (is_sof) {
      if (segment.size() < 6) return corrupt("JPEG frame header cut short");
      if (!have_frame) header.pages.push_back({be16(segment, 3), be16(segment, 1)});
      have_frame = true;
    } else if (marker == 0xE1 && header.orientation == 1) {
      header.orientation = exifOrientation(segment);
    } else if (marker == 0xDA) {
      if (!have_frame) return corrupt("JPEG scan before its frame header");
      // The entropy-coded data follows; an intact file has its EOI after it. Trailing bytes after
      // EOI are common (camera makers' blobs), so the last EOI anywhere past the scan counts.
      const std::size_t eoi = s.rfind(std::string_view("\xFF\xD9", 2));
      header.truncated = eoi == std::string_view::npos || eoi < at;
      return header;
    }
    at += 2 + length;
  }
}

// TIFF 6.0 §2 "Image File Header" and "Image File Directory"; tags 256 ImageWidth, 257
// ImageLength. Each page is one IFD in the chain of next-IFD offsets.
Result<ImageHeader> readTiff(std::string_view s) {
  ImageHeader header;
  header.format = ImageFormat::kTiff;
  if (s.size() < 8) return corrupt("TIFF header cut short");
  TiffReader r{s, s[0] == 'I'};
  if (r.u16(2) != 42)
    return Error(ErrorCode::kUnsupportedFormat, "BigTIFF or unknown TIFF version");
  std::uint32_t ifd = r.u32(4);
  std::unordered_set<std::uint32_t> seen;
  while (ifd != 0) {
    if (header.pages.size() >= kMaxTiffPages || !seen.insert(ifd).second) {
      header.more_pages = true;
      break;
    }
    if (!r.has(ifd, 2) || !r.has(ifd + 2, 12ull * r.u16(ifd) + 4)) {
      if (header.pages.empty()) return corrupt("TIFF directory outside the file");
      header.truncated = true;
      break;
    }
    const std::uint32_t count = r.u16(ifd);
    ImagePage page;
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::size_t entry = ifd + 2 + 12 * i;
      const std::uint32_t tag = r.u16(entry);
      if (tag == 256) page.width = r.scalar(entry);
      if (tag == 257) page.height = r.scalar(entry);
    }
    if (page.width == 0 || page.height == 0)
      return corrupt("TIFF page " + std::to_string(header.pages.size() + 1) + " without a size");
    header.pages.push_back(page);
    ifd = r.u32(ifd + 2 + 12 * count);
  }
  if (header.pages.empty()) return corrupt("TIFF without pages");
  return header;
}

// BMP: BITMAPFILEHEADER (14 bytes) then BITMAPCOREHEADER (12 bytes, 16-bit sizes) or
// BITMAPINFOHEADER and its successors (>= 40 bytes, signed 32-bit sizes; a negative height means
// rows stored top-down), as documented in the Windows SDK (wingdi.h).
Result<ImageHeader> readBmp(std::string_view s) {
  ImageHeader header;
  header.format = ImageFormat::kBmp;
  if (s.size() < 26) return corrupt("BMP header cut short");
  const std::uint32_t dib_size = le32(s, 14);
  const std::uint32_t pixels_at = le32(s, 10);
  std::uint64_t width = 0;
  std::uint64_t height = 0;
  std::uint32_t bits = 0;
  std::uint32_t compression = 0;
  if (dib_size == 12) {
    width = le16(s, 18);
    height = le16(s, 20);
    bits = le16(s, 24);
  } else if (dib_size >= 40 && s.size() >= 14 + 40) {
    const auto w = static_cast<std::int32_t>(le32(s, 18));
    const auto h = static_cast<std::int32_t>(le32(s, 22));
    if (w <= 0 || h == 0 || h == INT32_MIN) return corrupt("BMP with a bad width or height");
    width = static_cast<std::uint64_t>(w);
    height = static_cast<std::uint64_t>(h < 0 ? -std::int64_t{h} : h);
    bits = le16(s, 28);
    compression = le32(s, 30);
  } else {
    return corrupt("BMP with an unknown header size");
  }
  if (width == 0 || height == 0 || width > UINT32_MAX || height > UINT32_MAX)
    return corrupt("BMP with a bad width or height");
  header.pages.push_back({static_cast<std::uint32_t>(width), static_cast<std::uint32_t>(height)});
  // Uncompressed rows are padded to 4 bytes; for them the size of the pixel array is known.
  if (compression == 0 && bits != 0 && bits <= 32) {
    const std::uint64_t row = (width * bits + 31) / 32 * 4;
    header.truncated = pixels_at > s.size() || row * height > s.size() - pixels_at;
  }
  return header;
}

}  // namespace

std::string_view imageFormatName(ImageFormat format) {
  switch (format) {
    case ImageFormat::kPng:
      return "png";
    case ImageFormat::kJpeg:
      return "jpeg";
    case ImageFormat::kTiff:
      return "tiff";
    case ImageFormat::kBmp:
      return "bmp";
  }
  return "png";
}

Result<ImageHeader> readImageHeader(std::string_view bytes) {
  Result<ImageHeader> header = [&]() -> Result<ImageHeader> {
    if (startsWith(bytes, "\x89PNG\r\n\x1A\n")) return readPng(bytes);
    if (startsWith(bytes, "\xFF\xD8\xFF")) return readJpeg(bytes);
    if (startsWith(bytes, "II") || startsWith(bytes, "MM")) return readTiff(bytes);
    if (startsWith(bytes, "BM")) return readBmp(bytes);
    return Error(ErrorCode::kUnsupportedFormat, "not a PNG, JPEG, TIFF or BMP image");
  }();
  if (!header) return header;
  for (const ImagePage& page : header->pages)
    if (page.width == 0 || page.height == 0) return corrupt("image with a zero width or height");
  if (header->pages.empty()) return corrupt("JPEG without a frame header");
  return header;
}

}  // namespace jamul::scanner::extract
