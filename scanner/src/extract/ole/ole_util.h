// SPDX-License-Identifier: Apache-2.0
#pragma once

// Small helpers shared by the OLE2 format extractors: little-endian reads, UTF-16LE decoding and a
// bounded raw-deflate inflater.
//
// le16/le32 REQUIRE the bytes to be present (callers check sizes first). inflateRaw() enforces
// limits().max_member_bytes, max_ratio, the expanded-bytes budget and the time budget, keeping
// what it decompressed before a failure.
//
// Thread-safety: pure functions.

#include <cstdint>
#include <string>
#include <string_view>

#include "extract/extractor.h"
#include "jamul/common/bytes.h"

namespace jamul::scanner::extract::ole {

using bytes::le16;
using bytes::le32;

// Decodes the UTF-16LE code point at s[i] (REQUIRES i + 1 < s.size()), advancing `i` past it;
// unpaired surrogates become U+FFFD.
inline char32_t nextUtf16(std::string_view s, std::size_t& i) {
  char32_t c = le16(s, i);
  i += 2;
  if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.size()) {
    const char32_t low = le16(s, i);
    if (low >= 0xDC00 && low <= 0xDFFF) {
      i += 2;
      return 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
    }
  }
  return c >= 0xD800 && c <= 0xDFFF ? 0xFFFD : c;
}

// Appends UTF-16LE text to `out` as UTF-8 (NULs dropped).
void appendUtf16(std::string_view utf16le, std::string& out);

// The code point of byte `b` in Windows-1252 (the "ANSI" code page of Western Office files and of
// [MS-DOC] §2.4.1 compressed pieces); the five unassigned bytes map to themselves (C1 controls).
char32_t cp1252(unsigned char b);
// Appends 8-bit text to `out` as UTF-8: Windows-1252 when `windows_1252`, else ISO 8859-1 (the
// "compressed" UTF-16 of [MS-XLS] and [MS-PPT], whose high bytes are all zero). NULs dropped.
void appendAnsi(std::string_view bytes, bool windows_1252, std::string& out);

struct Inflated {
  std::string data;          // what was decompressed, also before a failure
  ExtractStatus status;      // kOk, kCorrupt (bad or truncated data), kTooLarge (a limit)
  std::size_t consumed = 0;  // compressed bytes used (the stream's length when it ended well)
};

// Inflates raw deflate data (RFC 1951; a zlib-wrapped stream is accepted too) named `what` in
// messages.
Inflated inflateRaw(std::string_view compressed, std::string_view what, ExtractContext& ctx);

}  // namespace jamul::scanner::extract::ole
