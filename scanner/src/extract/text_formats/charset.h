// SPDX-License-Identifier: Apache-2.0
#pragma once

// Charsets of the text formats (RTF code pages, HTML/XML declarations, MIME charset parameters)
// and their decoding to UTF-8. Korean names (EUC-KR, KS_C_5601-1987, CP949, UHC) all decode as
// CP949, the superset Windows writes under any of them; UTF-8 and UTF-16 use decode::TextDecoder;
// Windows-1252 and ISO-8859-1 are decoded here (a 32-entry table). Other charsets are not known:
// callers fall back to sniffing (decode::sniff), which finds UTF-8 and CP949.
//
// Pure functions; thread-safe.

#include <string>
#include <string_view>

#include "jamul/common/ascii.h"

namespace jamul::scanner::extract::text_formats {

enum class Charset { kUnknown, kUtf8, kUtf16Le, kUtf16Be, kCp949, kCp1252, kLatin1 };

// The charset a declaration names ("euc-kr", "UTF-8", "ks_c_5601-1987", "windows-1252",
// "iso-8859-1", "us-ascii", ...; case and surrounding blanks/quotes ignored), or kUnknown.
Charset charsetFromName(std::string_view name);

// The charset of a Windows code page number (RTF \ansicpgN: 949, 1252, 65001, ...), or kUnknown.
Charset charsetFromCodePage(int code_page);

// The charset of an RTF \fcharsetN font (RTF 1.9.1 "Font table": 129 Hangul, 130 Johab read as
// Hangul), or kUnknown: 0 (ANSI) and the others mean the document's \ansicpg code page.
Charset charsetFromFontCharset(int font_charset);

// Decodes `bytes` to UTF-8. kUnknown sniffs (UTF-8, UTF-16, CP949; binary passes as lossy UTF-8).
// The result is always valid UTF-8; bytes a charset cannot map become U+FFFD.
std::string decodeToUtf8(std::string_view bytes, Charset charset);

// True if `a` equals `b` ignoring ASCII case.
using ascii::equalsIgnoringCase;

}  // namespace jamul::scanner::extract::text_formats
