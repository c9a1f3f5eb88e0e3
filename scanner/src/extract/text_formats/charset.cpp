// SPDX-License-Identifier: Apache-2.0
#include "extract/text_formats/charset.h"

#include <cstdint>

#include "decode/encoding_sniffer.h"
#include "decode/text_decoder.h"
#include "jamul/common/utf8.h"

namespace jamul::scanner::extract::text_formats {
namespace {

// Windows-1252 bytes 0x80..0x9F (the WHATWG "windows-1252" index); 0 = unmapped.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

std::string_view trimName(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '"' || s.front() == '\'' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '"' || s.back() == '\'' || s.back() == '\t' ||
          s.back() == ';' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

std::string decodeSingleByte(std::string_view bytes, bool cp1252) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out += c;
    } else if (b < 0xA0 && cp1252) {
      const char16_t u = kCp1252High[b - 0x80];
      utf8::append(out, u == 0 ? char32_t{0xFFFD} : char32_t{u});
    } else {
      utf8::append(out, b);
    }
  }
  return out;
}

}  // namespace



Charset charsetFromName(std::string_view name) {
  name = trimName(name);
  static constexpr std::string_view kKorean[] = {
      "euc-kr",         "euckr",      "cp949",   "windows-949", "ms949",         "uhc",
      "ks_c_5601-1987", "ks_c_5601",  "ksc5601", "ksc_5601",    "x-windows-949", "korean",
      "csksc56011987",  "iso-ir-149", "x-uhc",   "euc_kr"};
  for (std::string_view k : kKorean)
    if (equalsIgnoringCase(name, k)) return Charset::kCp949;
  if (equalsIgnoringCase(name, "utf-8") || equalsIgnoringCase(name, "utf8") ||
      equalsIgnoringCase(name, "unicode-1-1-utf-8"))
    return Charset::kUtf8;
  if (equalsIgnoringCase(name, "utf-16le")) return Charset::kUtf16Le;
  // "UTF-16" without a BOM is big-endian (RFC 2781 §4.3); with one, the BOM decides first.
  if (equalsIgnoringCase(name, "utf-16be") || equalsIgnoringCase(name, "utf-16"))
    return Charset::kUtf16Be;
  if (equalsIgnoringCase(name, "windows-1252") || equalsIgnoringCase(name, "cp1252") ||
      equalsIgnoringCase(name, "x-cp1252"))
    return Charset::kCp1252;
  // HTML (WHATWG Encoding) reads ISO-8859-1 and ASCII labels as windows-1252; MIME bodies
  // labelled so are almost always written by Windows clients too.
  if (equalsIgnoringCase(name, "iso-8859-1") || equalsIgnoringCase(name, "iso8859-1") ||
      equalsIgnoringCase(name, "latin1") || equalsIgnoringCase(name, "us-ascii") ||
      equalsIgnoringCase(name, "ascii") || equalsIgnoringCase(name, "iso_8859-1"))
    return Charset::kCp1252;
  return Charset::kUnknown;
}

Charset charsetFromCodePage(int code_page) {
  switch (code_page) {
    case 949:
    case 51949:
    case 1361:
      return Charset::kCp949;
    case 1252:
      return Charset::kCp1252;
    case 28591:
      return Charset::kLatin1;
    case 65001:
      return Charset::kUtf8;
    default:
      return Charset::kUnknown;
  }
}

Charset charsetFromFontCharset(int font_charset) {
  switch (font_charset) {
    case 129:
    case 130:
      return Charset::kCp949;
    default:
      return Charset::kUnknown;
  }
}

std::string decodeToUtf8(std::string_view bytes, Charset charset) {
  if (charset == Charset::kCp1252 || charset == Charset::kLatin1)
    return decodeSingleByte(bytes, charset == Charset::kCp1252);
  decode::TextEncoding encoding = decode::TextEncoding::kUtf8;
  switch (charset) {
    case Charset::kUtf8:
      encoding = decode::TextEncoding::kUtf8;
      break;
    case Charset::kUtf16Le:
      encoding = decode::TextEncoding::kUtf16Le;
      break;
    case Charset::kUtf16Be:
      encoding = decode::TextEncoding::kUtf16Be;
      break;
    case Charset::kCp949:
      encoding = decode::TextEncoding::kCp949;
      break;
    default: {
      const decode::SniffResult sniffed =
          decode::sniff(bytes.substr(0, 64 * 1024), bytes.size() <= 64 * 1024);
      if (sniffed.kind == decode::SniffResult::Kind::kText) {
        encoding = sniffed.encoding;
        bytes.remove_prefix(sniffed.bom_length);
      }
      break;
    }
  }
  auto decoder = decode::makeDecoder(encoding);
  if (!decoder) return utf8::toValidLossy(bytes);  // ICU without CP949: keep the ASCII at least
  std::string out;
  (*decoder)->decode(bytes, true, out);
  // The UTF-8 "decoder" passes stray bytes through; our callers promise valid UTF-8.
  return utf8::isValid(out) ? out : utf8::toValidLossy(out);
}

}  // namespace jamul::scanner::extract::text_formats
