// SPDX-License-Identifier: Apache-2.0
#include "detect/normalizer.h"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace jamul::scanner::detect {
namespace {

// Lead bytes of every sequence normalizedAscii() may rewrite.
constexpr bool isCandidateLead(unsigned char b) {
  return b == 0xC2 || b == 0xD9 || b == 0xDB || b == 0xE2 || b == 0xE3 || b == 0xEF || b == 0xF0;
}

// Returns the offset of the first candidate lead byte at or after `from`, or text.size().
std::size_t findCandidateLead(std::string_view text, std::size_t from) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = from;
#if defined(__SSE2__)
  // Hangul (lead bytes EA-ED) and ASCII dominate Korean documents; 16 bytes are ruled out at a time.
  const __m128i c2 = _mm_set1_epi8(static_cast<char>(0xC2));
  const __m128i d9 = _mm_set1_epi8(static_cast<char>(0xD9));
  const __m128i db = _mm_set1_epi8(static_cast<char>(0xDB));
  const __m128i e2 = _mm_set1_epi8(static_cast<char>(0xE2));
  const __m128i e3 = _mm_set1_epi8(static_cast<char>(0xE3));
  const __m128i ef = _mm_set1_epi8(static_cast<char>(0xEF));
  const __m128i f0 = _mm_set1_epi8(static_cast<char>(0xF0));
  // A first, cheaper test per block: some lead byte (C0 or above) other than Hangul's EA..ED.
  // Blocks of ASCII and Hangul, nearly all of a Korean text, end there.
  const __m128i c0 = _mm_set1_epi8(static_cast<char>(0xC0));
  const __m128i ea = _mm_set1_epi8(static_cast<char>(0xEA));
  const __m128i three = _mm_set1_epi8(3);
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i lead = _mm_cmpeq_epi8(_mm_max_epu8(v, c0), v);
    const __m128i hangul_off = _mm_sub_epi8(v, ea);
    const __m128i hangul = _mm_cmpeq_epi8(_mm_min_epu8(hangul_off, three), hangul_off);
    if (_mm_movemask_epi8(_mm_andnot_si128(hangul, lead)) == 0) continue;
    __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, d9));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, db));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, e2));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, e3));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, ef));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, f0));
    const int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i < n; ++i)
    if (isCandidateLead(p[i])) return i;
  return n;
}

}  // namespace

char normalizedAscii(std::string_view text, std::size_t& length) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  if (n < 2) return 0;
  const unsigned char b0 = p[0], b1 = p[1];
  switch (b0) {
    case 0xC2:  // U+00A0 no-break space, U+00AD soft hyphen
      length = 2;
      return b1 == 0xA0 ? ' ' : b1 == 0xAD ? '-' : 0;
    case 0xD9:  // U+0660..0669 Arabic-Indic digits
      length = 2;
      return (b1 >= 0xA0 && b1 <= 0xA9) ? static_cast<char>('0' + (b1 - 0xA0)) : 0;
    case 0xDB:  // U+06F0..06F9 extended Arabic-Indic digits
      length = 2;
      return (b1 >= 0xB0 && b1 <= 0xB9) ? static_cast<char>('0' + (b1 - 0xB0)) : 0;
    default:
      break;
  }
  if (n < 3) return 0;
  const unsigned char b2 = p[2];
  length = 3;
  switch (b0) {
    case 0xE2:
      if (b1 == 0x80) {
        if (b2 >= 0x80 && b2 <= 0x8A) return ' ';  // U+2000..200A spaces
        if (b2 >= 0x90 && b2 <= 0x95) return '-';  // U+2010..2015 hyphens and dashes
        if (b2 == 0xAF) return ' ';                // U+202F narrow no-break space
      }
      if (b1 == 0x88 && b2 == 0x92) return '-';  // U+2212 minus sign
      return 0;
    case 0xE3:
      return (b1 == 0x80 && b2 == 0x80) ? ' ' : 0;  // U+3000 ideographic space
    case 0xEF:
      if (b1 == 0xB9 && b2 == 0xA3) return '-';  // U+FE63 small hyphen-minus
      // U+FF01..FF5E full-width ASCII: EF BC 81..BF and EF BD 80..9E map to 0x21..0x7E.
      if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) return static_cast<char>(b2 - 0x81 + 0x21);
      if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) return static_cast<char>(b2 - 0x80 + 0x60);
      return 0;
    case 0xF0:
      // U+1D7CE..1D7FF mathematical digits (five styles of 0-9): F0 9D 9F 8E..BF.
      if (n >= 4 && b1 == 0x9D && b2 == 0x9F && p[3] >= 0x8E && p[3] <= 0xBF) {
        length = 4;
        return static_cast<char>('0' + (p[3] - 0x8E) % 10);
      }
      return 0;
    default:
      return 0;
  }
}

std::string_view Normalizer::normalize(std::string_view text) {
  shifts_.clear();
  std::size_t i = findCandidateLead(text, 0);
  // Fast path: scan until the first rewrite; most text never has one.
  std::size_t length = 0;
  char ascii = 0;
  while (i < text.size()) {
    ascii = normalizedAscii(text.substr(i), length);
    if (ascii != 0) break;
    i = findCandidateLead(text, i + 1);
  }
  if (i >= text.size()) {
    identity_ = true;
    return text;
  }
  identity_ = false;
  buffer_.clear();
  buffer_.reserve(text.size());
  std::size_t copied = 0;  // original bytes consumed so far
  while (i < text.size()) {
    if (ascii != 0) {
      buffer_.append(text.substr(copied, i - copied));
      buffer_.push_back(ascii);
      copied = i + length;
      shifts_.push_back({buffer_.size(), copied});
      i = copied;
    } else {
      ++i;
    }
    i = findCandidateLead(text, i);
    if (i < text.size()) ascii = normalizedAscii(text.substr(i), length);
  }
  buffer_.append(text.substr(copied));
  return buffer_;
}

std::size_t Normalizer::toOriginal(std::size_t offset) const {
  if (shifts_.empty()) return offset;
  // The last shift at or before `offset` gives the delta; before the first, offsets are unchanged.
  auto it = std::upper_bound(shifts_.begin(), shifts_.end(), offset,
                             [](std::size_t o, const Shift& s) { return o < s.normalized; });
  if (it == shifts_.begin()) return offset;
  --it;
  return it->original + (offset - it->normalized);
}

}  // namespace jamul::scanner::detect
