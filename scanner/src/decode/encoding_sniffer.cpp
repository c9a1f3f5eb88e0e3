// SPDX-License-Identifier: Apache-2.0
#include "decode/encoding_sniffer.h"

#include <array>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace jamul::scanner::decode {
namespace {

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

struct Magic {
  std::string_view bytes;
  std::string_view format;
};

// Signatures from the formats' specifications (PDF 1.7 §7.5.2, APPNOTE.TXT, [MS-CFB] §2.2, PNG
// §5.2, JFIF, TIFF 6.0, ELF, PE/COFF, 7z, RAR, gzip RFC 1952, xz, bzip2, SQLite).
constexpr std::array<Magic, 19> kMagics = {{
    {"%PDF-", "pdf"},
    {"PK\x03\x04", "zip"},
    {"PK\x05\x06", "zip"},
    {std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), "ole2"},
    {"\x89PNG\r\n\x1A\n", "png"},
    {"\xFF\xD8\xFF", "jpeg"},
    {"GIF87a", "gif"},
    {"GIF89a", "gif"},
    {std::string_view("II*\0", 4), "tiff"},
    {std::string_view("MM\0*", 4), "tiff"},
    {"\x7F"
     "ELF",
     "elf"},
    {"7z\xBC\xAF\x27\x1C", "7z"},
    {"Rar!\x1A\x07", "rar"},
    {"\x1F\x8B", "gzip"},
    {"\xFD"
     "7zXZ",
     "xz"},
    {"BZh", "bzip2"},
    {"SQLite format 3", "sqlite"},
    {"RIFF", "riff"},
    {"OggS", "ogg"},
}};

}  // namespace

// ASCII is skipped sixteen bytes at a time (it dominates even Korean text: spaces, digits,
// punctuation); multi-byte sequences are checked inline.
bool isWellFormedUtf8(std::string_view s, bool whole_file) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  const auto cont = [&](std::size_t k) { return (p[k] & 0xC0) == 0x80; };
  while (i < n) {
#if defined(__SSE2__)
    while (i + 16 <= n &&
           _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i))) == 0)
      i += 16;
#endif
    while (i < n && p[i] < 0x80) ++i;
    // Runs of three-byte characters (Hangul, Hanja: most of a Korean text) in a tight loop: a lead
    // byte E1..EF (ED only with a second byte up to 9F: no surrogates) and two continuation bytes.
    // E0, whose second byte must be A0 or more, and whatever else, take the general path below.
    while (i + 3 <= n) {
      const unsigned char b = p[i];
      if (b < 0xE1 || b > 0xEF || !cont(i + 1) || !cont(i + 2) || (b == 0xED && p[i + 1] > 0x9F))
        break;
      i += 3;
    }
    if (i >= n) break;
    if (p[i] < 0x80) continue;
    const unsigned char b0 = p[i];
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      len = 3;
      if (b0 == 0xE0) lo = 0xA0;  // no overlongs
      if (b0 == 0xED) hi = 0x9F;  // no surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      len = 4;
      if (b0 == 0xF0) lo = 0x90;
      if (b0 == 0xF4) hi = 0x8F;  // <= U+10FFFF
    } else {
      return false;
    }
    if (i + len > n) {
      // Cut at the end of the sample: the bytes present must be a valid prefix.
      if (whole_file) return false;
      if (i + 1 < n && (p[i + 1] < lo || p[i + 1] > hi)) return false;
      for (std::size_t k = i + 2; k < n; ++k)
        if (!cont(k)) return false;
      return true;
    }
    if (p[i + 1] < lo || p[i + 1] > hi) return false;
    for (std::size_t k = i + 2; k < i + len; ++k)
      if (!cont(k)) return false;
    i += len;
  }
  return true;
}

namespace {

bool isCp949Lead(unsigned char c) { return c >= 0x81 && c <= 0xFE; }
bool isCp949Trail(unsigned char c) {
  return (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x81 && c <= 0xFE);
}

// CP949 (KS X 1001 + UHC): ASCII, or a lead 0x81-0xFE with a trail in 41-5A, 61-7A, 81-FE.
bool isWellFormedCp949(std::string_view s, bool whole_file, std::size_t& pairs) {
  pairs = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) continue;
    if (!isCp949Lead(c)) return false;
    if (i + 1 == s.size()) return !whole_file;
    if (!isCp949Trail(static_cast<unsigned char>(s[i + 1]))) return false;
    ++pairs;
    ++i;
  }
  return true;
}

// How much of `s` read as UTF-16 (little- or big-endian) looks like Korean or Latin text: the share
// of code units that are ASCII printable/whitespace, Hangul (syllables, jamo), CJK punctuation or
// full-width forms. Unpaired surrogates and C0 controls count against it.
double utf16Plausibility(std::string_view s, bool little_endian) {
  std::size_t good = 0, total = 0;
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) {
    const auto lo = static_cast<unsigned char>(s[little_endian ? i : i + 1]);
    const auto hi = static_cast<unsigned char>(s[little_endian ? i + 1 : i]);
    const std::uint32_t u = (static_cast<std::uint32_t>(hi) << 8) | lo;
    ++total;
    if ((u >= 0x20 && u < 0x7F) || u == '\t' || u == '\n' || u == '\r') {
      ++good;
    } else if ((u >= 0xAC00 && u <= 0xD7A3) || (u >= 0x3000 && u <= 0x318F) ||
               (u >= 0xFF00 && u <= 0xFFEF) || (u >= 0x4E00 && u <= 0x9FFF) ||
               (u >= 0xA0 && u <= 0x17F) || (u >= 0x2000 && u <= 0x206F)) {
      ++good;
    }
  }
  return total == 0 ? 0.0 : static_cast<double>(good) / static_cast<double>(total);
}

// How much of `s` read as UTF-16 is text in any script: printable ASCII and whitespace, any BMP
// character from U+00A0 up that is not a surrogate, private-use or a noncharacter, and well-formed
// surrogate pairs (emoji, rare CJK). Used where zero bytes on one side already say "UTF-16": a
// multilingual file (Greek, Arabic, Thai, box drawing, emoji between ASCII lines) is text, while
// 16-bit binary data is betrayed by C0/C1 controls, lone surrogates and U+FFFE/FFFF.
double utf16TextShare(std::string_view s, bool little_endian) {
  std::size_t good = 0, total = 0;
  const auto unit = [&](std::size_t i) {
    const auto lo = static_cast<unsigned char>(s[little_endian ? i : i + 1]);
    const auto hi = static_cast<unsigned char>(s[little_endian ? i + 1 : i]);
    return (static_cast<std::uint32_t>(hi) << 8) | lo;
  };
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) {
    const std::uint32_t u = unit(i);
    ++total;
    if ((u >= 0x20 && u < 0x7F) || u == '\t' || u == '\n' || u == '\r') {
      ++good;
    } else if (u >= 0xD800 && u <= 0xDBFF) {
      // A high surrogate counts with its low one; a pair cut by the end of the sample is not
      // held against the text.
      if (i + 3 >= s.size()) {
        ++good;
      } else if (const std::uint32_t low = unit(i + 2); low >= 0xDC00 && low <= 0xDFFF) {
        good += 2;
        ++total;
        i += 2;
      }
    } else if (u >= 0xA0 && !(u >= 0xDC00 && u <= 0xF8FF) && u != 0xFFFE && u != 0xFFFF) {
      ++good;
    }
  }
  return total == 0 ? 0.0 : static_cast<double>(good) / static_cast<double>(total);
}

// Share of 2-byte units whose high (LE: odd) or low (BE: even) byte is zero.
double zeroShare(std::string_view s, std::size_t parity) {
  std::size_t zeros = 0, total = 0;
  for (std::size_t i = parity; i < s.size(); i += 2) {
    ++total;
    zeros += s[i] == 0 ? 1 : 0;
  }
  return total == 0 ? 0.0 : static_cast<double>(zeros) / static_cast<double>(total);
}

double controlShare(std::string_view s) {
  std::size_t controls = 0;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B)
      ++controls;
  }
  return s.empty() ? 0.0 : static_cast<double>(controls) / static_cast<double>(s.size());
}

SniffResult text(TextEncoding encoding, std::size_t bom = 0) {
  SniffResult r;
  r.kind = SniffResult::Kind::kText;
  r.encoding = encoding;
  r.bom_length = bom;
  return r;
}

SniffResult binary(std::string_view format) {
  SniffResult r;
  r.kind = SniffResult::Kind::kBinary;
  r.format = std::string(format);
  return r;
}

constexpr std::size_t kUtf8SampleBytes = 8 * 1024;
// Other checks (UTF-16 plausibility, CP949 well-formedness) look at this much.
constexpr std::size_t kSampleBytes = 4 * 1024;

}  // namespace

std::string_view encodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8:
      return "utf-8";
    case TextEncoding::kUtf16Le:
      return "utf-16le";
    case TextEncoding::kUtf16Be:
      return "utf-16be";
    case TextEncoding::kCp949:
      return "cp949";
  }
  return "utf-8";
}

SniffResult sniff(std::string_view head, bool whole_file) {
  if (head.empty()) {
    SniffResult r;
    r.kind = SniffResult::Kind::kEmpty;
    return r;
  }
  // age v1 binary and armored headers (age-encryption.org/v1).
  if (startsWith(head, "age-encryption.org/v1\n") ||
      startsWith(head, "-----BEGIN AGE ENCRYPTED FILE-----")) {
    SniffResult r;
    r.kind = SniffResult::Kind::kAge;
    r.format = "age";
    return r;
  }
  if (startsWith(head, std::string_view("\xFF\xFE\0\0", 4)) ||
      startsWith(head, std::string_view("\0\0\xFE\xFF", 4)))
    return binary("utf-32 text");
  if (startsWith(head, "\xEF\xBB\xBF")) return text(TextEncoding::kUtf8, 3);
  if (startsWith(head, "\xFF\xFE")) return text(TextEncoding::kUtf16Le, 2);
  if (startsWith(head, "\xFE\xFF")) return text(TextEncoding::kUtf16Be, 2);
  for (const Magic& m : kMagics)
    if (startsWith(head, m.bytes)) return binary(m.format);

  // 8 KiB decide: CP949, UTF-16 and binary data all break UTF-8 within a few characters, so
  // validating more of every file would only cost time (the sniffer runs on every file).
  const bool has_nul = head.find('\0') != std::string_view::npos;
  const bool sample_is_whole = whole_file && head.size() <= kUtf8SampleBytes;
  if (!has_nul && isWellFormedUtf8(head.substr(0, kUtf8SampleBytes), sample_is_whole))
    return text(TextEncoding::kUtf8);
  whole_file = whole_file && head.size() <= kSampleBytes;
  head = head.substr(0, kSampleBytes);

  // ASCII-heavy UTF-16: every other byte is zero. The rest of the code units may be any script
  // (issue 13: a BOM-less file of ASCII lines with Greek, Arabic, Thai and emoji was taken for
  // binary when only Hangul, CJK and Latin-1 counted as text here).
  if (head.size() >= 4) {
    const double zero_odd = zeroShare(head, 1), zero_even = zeroShare(head, 0);
    if (zero_odd > 0.3 && zero_even < 0.05 && utf16TextShare(head, true) > 0.95)
      return text(TextEncoding::kUtf16Le);
    if (zero_even > 0.3 && zero_odd < 0.05 && utf16TextShare(head, false) > 0.95)
      return text(TextEncoding::kUtf16Be);
  }
  // CP949 before the heuristic for Korean UTF-16 below: read as UTF-16BE, CP949 Hangul pairs land
  // in the Hangul syllable block and would look plausible; UTF-16 text, in turn, breaks CP949's
  // trail-byte rules (or holds NUL bytes) within a few characters.
  std::size_t pairs = 0;
  if (!has_nul && isWellFormedCp949(head, whole_file, pairs) && pairs > 0 &&
      controlShare(head) <= 0.05)
    return text(TextEncoding::kCp949);
  // Korean UTF-16 has no zero bytes at all; recognise it by what its code units are.
  if (head.size() >= 16) {
    const double le = utf16Plausibility(head, true), be = utf16Plausibility(head, false);
    if (le > 0.95 && le > be) return text(TextEncoding::kUtf16Le);
    if (be > 0.95 && be > le) return text(TextEncoding::kUtf16Be);
  }
  if (has_nul || controlShare(head) > 0.05) return binary("binary");
  return text(TextEncoding::kUtf8);  // text with a few stray bytes: decoded lossily
}

}  // namespace jamul::scanner::decode
