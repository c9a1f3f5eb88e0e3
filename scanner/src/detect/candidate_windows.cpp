// SPDX-License-Identifier: Apache-2.0
#include "detect/candidate_windows.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "jamul/common/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace jamul::scanner::detect {
namespace {

bool isDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool isHex(unsigned char c) {
  return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool isAsciiAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool isEmailLocal(unsigned char c) {
  return isDigit(c) || isAsciiAlpha(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool isDomain(unsigned char c) { return isDigit(c) || isAsciiAlpha(c) || c == '.' || c == '-'; }
bool isIpv6Char(unsigned char c) { return isHex(c) || c == ':' || c == '.' || c == '%'; }

// Password labels (DETECTION.md §3.13), as they may end just before optional blanks and ':'/'='.
constexpr std::array<std::string_view, 8> kPasswordLabels = {"비밀번호", "패스워드", "비번", "암호",
                                                             "password", "passwd",   "pwd",  "pw"};

bool endsWithLabelIgnoringAsciiCase(std::string_view text, std::size_t end,
                                    std::string_view label) {
  if (end < label.size()) return false;
  const std::string_view tail = text.substr(end - label.size(), label.size());
  for (std::size_t i = 0; i < label.size(); ++i) {
    const auto a = static_cast<unsigned char>(tail[i]);
    const auto b = static_cast<unsigned char>(label[i]);
    if (a == b) continue;
    if (isAsciiAlpha(a) && (a | 0x20) == b) continue;
    return false;
  }
  return true;
}

// If a password label ends (after up to 4 blanks) just before text[sep], returns the label's start.
std::size_t passwordLabelStart(std::string_view text, std::size_t sep) {
  std::size_t end = sep;
  for (int k = 0; k < 4 && end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t'); ++k) --end;
  if (end == 0) return std::string_view::npos;
  // Every label ends in 'd'/'D' (password, passwd, pwd), 'w'/'W' (pw) or the last byte of
  // 호 (B8), 드 (9C) or 번 (88): rule most separators out with one compare.
  const auto last = static_cast<unsigned char>(text[end - 1]);
  if ((last | 0x20) != 'd' && (last | 0x20) != 'w' && last != 0xB8 && last != 0x9C && last != 0x88)
    return std::string_view::npos;
  for (std::string_view label : kPasswordLabels)
    if (endsWithLabelIgnoringAsciiCase(text, end, label)) return end - label.size();
  return std::string_view::npos;
}

// Characters that may join two digit runs inside one identifier: separators of every pattern in the
// catalogue (" - ", ")", "(0)", ".", "+") and, alone, one ASCII letter (passport M123A4567).
// Two words of bits, the previous one low (a GCC/Clang extension, which x86-64 does in two
// registers).
__extension__ typedef unsigned __int128 Bits128;

// One bit test instead of seven compares: the joiners all lie in 0x20..0x3F.
bool isJoiner(unsigned char c) {
  constexpr std::uint64_t kJoiners = (1ull << (' ' - 0x20)) | (1ull << ('-' - 0x20)) |
                                     (1ull << ('.' - 0x20)) | (1ull << ('(' - 0x20)) |
                                     (1ull << (')' - 0x20)) | (1ull << ('+' - 0x20)) |
                                     (1ull << ('/' - 0x20));
  const unsigned offset = static_cast<unsigned>(c) - 0x20u;
  return offset < 64 && ((kJoiners >> offset) & 1) != 0;
}

struct Cluster {
  std::size_t end = 0;  // one past the last digit
  int digits = 0;
  int dots = 0;
  bool passport_shape = false;  // letter + 8 digits, or letter + 3 digits + letter + 4 digits
};

// Bitmap of the digit bytes of a text (bit k of word k/64 = text[k] is an ASCII digit), built in
// one vectorised pass; bits past the end are zero.
class DigitBits {
 public:
  DigitBits(const std::vector<std::uint64_t>& words, std::size_t n) : words_(words), n_(n) {}
  // One past the end of the digit run starting at `i` (i itself if text[i] is no digit).
  std::size_t runEnd(std::size_t i) const {
    std::size_t w = i >> 6;
    std::uint64_t gaps = ~words_[w] >> (i & 63);  // 1 where not a digit
    if (gaps != 0) return std::min(n_, i + static_cast<std::size_t>(__builtin_ctzll(gaps)));
    for (++w; w < words_.size(); ++w)
      if (words_[w] != ~std::uint64_t{0})
        return std::min(n_, (w << 6) + static_cast<std::size_t>(__builtin_ctzll(~words_[w])));
    return n_;
  }
  // The first digit of the run whose last digit is at `last`. REQUIRES: text[last] is a digit.
  std::size_t runStart(std::size_t last) const {
    std::size_t w = last >> 6;
    const unsigned b = last & 63;
    std::uint64_t gaps =
        ~words_[w] & (b == 63 ? ~std::uint64_t{0} : (std::uint64_t{1} << (b + 1)) - 1);
    while (gaps == 0) {
      if (w == 0) return 0;
      gaps = ~words_[--w];
    }
    return (w << 6) + static_cast<std::size_t>(64 - __builtin_clzll(gaps));
  }

 private:
  const std::vector<std::uint64_t>& words_;
  std::size_t n_;
};

// Digits from `pos` on, joined by runs of up to three joiners. A letter joins digits only in the
// passport shape "123A4567" (3 digits, one letter, 4 digits): a timestamp's 'T' does not.
Cluster digitCluster(const unsigned char* p, std::size_t n, const DigitBits& digits,
                     std::size_t pos) {
  Cluster c;
  const bool letter_before = pos > 0 && isAsciiAlpha(p[pos - 1]);
  std::size_t i = pos;
  std::size_t run_end = digits.runEnd(i);
  for (;;) {
    const int run = static_cast<int>(run_end - i);
    c.digits += run;
    c.end = run_end;
    if (letter_before && c.digits == 8 && run == 8) c.passport_shape = true;  // M12345678
    // M123A4567: exactly three digits after the type letter, one letter, exactly four digits.
    if (letter_before && i == pos && run == 3 && run_end + 1 < n && isAsciiAlpha(p[run_end]) &&
        digits.runEnd(run_end + 1) == run_end + 5) {
      c.digits += 4;
      c.end = run_end + 5;
      c.passport_shape = true;
      return c;
    }
    std::size_t j = run_end;
    int dots = 0;
    while (j < n && j - run_end < 3 && isJoiner(p[j])) dots += p[j++] == '.' ? 1 : 0;
    if (j == run_end || j >= n || !isDigit(p[j])) return c;
    // A clock time after a date ("2024-10-02 13:00:00", "2019. 10. 2. 13:00") is not part of any
    // identifier: without this, the hour would make every timestamp a 10-digit cluster.
    const std::size_t next_end = digits.runEnd(j);
    if (next_end - j <= 2 && next_end + 1 < n && p[next_end] == ':' && isDigit(p[next_end + 1]))
      return c;
    c.dots += dots;
    i = j;
    run_end = next_end;
  }
}

class WindowBuilder {
 public:
  WindowBuilder(std::string_view text, std::vector<Span>& out) : text_(text), out_(out) {}

  // Windows arrive nearly in order (triggers are visited left to right): merging into the last one
  // here keeps the list short; finish() sorts only if one came out of order.
  void add(std::size_t begin, std::size_t end) {
    end = std::min(end, text_.size());
    if (!out_.empty()) {
      Span& last = out_.back();
      if (begin >= last.begin && begin <= last.end + kWindowMergeGap) {
        last.end = std::max(last.end, end);
        return;
      }
      if (begin < last.begin) sorted_ = false;
    }
    out_.push_back({begin, end});
  }

  // Sorts if needed, merges overlapping or touching windows, and moves edges to character
  // boundaries.
  void finish() {
    if (out_.empty()) return;
    if (!sorted_)
      std::sort(out_.begin(), out_.end(),
                [](const Span& a, const Span& b) { return a.begin < b.begin; });
    const auto* p = reinterpret_cast<const unsigned char*>(text_.data());
    std::size_t w = 0;
    for (std::size_t r = 0; r < out_.size(); ++r) {
      Span s = out_[r];
      while (s.begin > 0 && utf8::isContinuation(p[s.begin])) --s.begin;
      while (s.end < text_.size() && utf8::isContinuation(p[s.end])) ++s.end;
      if (w > 0 && s.begin <= out_[w - 1].end + kWindowMergeGap) {
        out_[w - 1].end = std::max(out_[w - 1].end, s.end);
      } else {
        out_[w++] = s;
      }
    }
    out_.resize(w);
  }

 private:
  std::string_view text_;
  std::vector<Span>& out_;
  bool sorted_ = true;
};

std::size_t marginBefore(std::size_t at, std::size_t margin) {
  return at > margin ? at - margin : 0;
}

// Handles the digit cluster starting at `pos` (a run's first digit); returns its end (later
// triggers below it are skipped). Inlined into the trigger loop: it is the common trigger.
inline std::size_t handleDigits(const unsigned char* p, std::size_t n, const DigitBits& digits,
                                std::size_t pos, WindowBuilder& windows) {
  const Cluster cluster = digitCluster(p, n, digits, pos);
  // Every numeric identifier but a passport holds at least 9 digits (the shortest, a Seoul
  // landline 02-123-4567); passports hold 7 or 8 behind a letter; IPv4 addresses have 3 dots.
  // Dates, times, amounts and counts open no window at all.
  if (cluster.digits >= kMinClusterDigits || cluster.passport_shape || cluster.dots >= 3)
    windows.add(marginBefore(pos, kDigitMargin), cluster.end + kDigitTrailingMargin);
  return cluster.end;
}

// Handles the '@', ':' or '=' at `pos`; returns the first position not yet covered. `ipv6_done`
// is the end of the last hex-and-colon run already judged: the other colons of that run are not
// judged again.
[[gnu::noinline]] std::size_t handleSeparator(std::string_view text, std::size_t pos,
                                              WindowBuilder& windows, std::size_t& ipv6_done) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const unsigned char c = p[pos];
  if (c == '@') {
    std::size_t begin = pos;
    while (begin > 0 && pos - begin < 64 && isEmailLocal(p[begin - 1])) --begin;
    std::size_t end = pos + 1;
    while (end < n && end - pos < 256 && isDomain(p[end])) ++end;
    windows.add(marginBefore(begin, 2), end + 2);
    return pos + 1;  // digits in the domain (or glued after it) are triggers of their own
  }
  if (c == ':' || c == '=') {
    const std::size_t next = pos + 1;
    const std::size_t label = passwordLabelStart(text, pos);
    if (label != std::string_view::npos) windows.add(marginBefore(label, 2), pos + 1 + 4 + 129 + 1);
    // IPv6 without digits nearby ("fe::ab"); addresses with digits are covered by the digit
    // windows, but handling them here too is harmless.
    const bool hex_before = pos > 0 && (isHex(p[pos - 1]) || p[pos - 1] == ':');
    const bool hex_after = pos + 1 < n && (isHex(p[pos + 1]) || p[pos + 1] == ':');
    if (c == ':' && pos >= ipv6_done && (hex_before || hex_after)) {
      std::size_t begin = pos;
      while (begin > 0 && pos - begin < 48 && isIpv6Char(p[begin - 1])) --begin;
      std::size_t end = pos + 1;
      bool zone = false;  // after '%' comes a zone id: any letters and digits ("%eth0")
      while (end < n && end - pos < 64 && (isIpv6Char(p[end]) || (zone && isAsciiAlpha(p[end])))) {
        zone |= p[end] == '%';
        ++end;
      }
      // An IPv6 address is either compressed ("::") or has eight groups (seven colons; six before
      // a dotted IPv4 tail). Clock times ("01:57:40") and MAC addresses are neither.
      const std::string_view run = text.substr(begin, end - begin);
      const auto colons = std::count(run.begin(), run.end(), ':');
      if (run.find("::") != std::string_view::npos || colons >= 6)
        windows.add(marginBefore(begin, 2), end + 2);
      ipv6_done = end;
    }
    // Digits after the separator are still triggers of their own (a number labelled "번호:").
    return next;
  }
  return pos + 1;  // ';', '<', '>', '?' share the vector range but trigger nothing
}

}  // namespace

namespace {

// The bitmaps of 64 bytes at `p` (or fewer: n bytes), one byte at a time.
void classifyPortable(const unsigned char* p, std::size_t n, std::uint64_t& d, std::uint64_t& c,
                      std::uint64_t& o) {
  d = c = o = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t bit = std::uint64_t{1} << i;
    if (isDigit(p[i])) d |= bit;
    if (isJoiner(p[i]) || isAsciiAlpha(p[i])) c |= bit;
    if (p[i] == ':' || p[i] == '=' || p[i] == '@') o |= bit;
  }
}

#if defined(__SSE2__)
// The bitmaps of the 64 bytes at `p` with SSE2 (every x86-64): range tests by compares.
void classifySse2(const unsigned char* p, std::uint64_t& d, std::uint64_t& c, std::uint64_t& o) {
  const auto bits16 = [](__m128i m) {
    return static_cast<std::uint64_t>(static_cast<std::uint16_t>(_mm_movemask_epi8(m)));
  };
  d = c = o = 0;
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i off = _mm_sub_epi8(v, _mm_set1_epi8('0'));  // digits become 0..9 (unsigned)
    const __m128i is_digit = _mm_cmpeq_epi8(_mm_min_epu8(off, _mm_set1_epi8(9)), off);
    // Joiners: ' ' and "()+-./" = 0x28..0x2F but '*' and ','.
    const __m128i paren_off = _mm_sub_epi8(v, _mm_set1_epi8('('));
    const __m128i in_28_2f = _mm_cmpeq_epi8(_mm_min_epu8(paren_off, _mm_set1_epi8(7)), paren_off);
    const __m128i joiner =
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
                     _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('*')),
                                                   _mm_cmpeq_epi8(v, _mm_set1_epi8(','))),
                                      in_28_2f));
    const __m128i letter_off =
        _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
    const __m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(letter_off, _mm_set1_epi8(25)), letter_off);
    const __m128i is_other = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(':')), _mm_cmpeq_epi8(v, _mm_set1_epi8('='))),
        _mm_cmpeq_epi8(v, _mm_set1_epi8('@')));
    d |= bits16(is_digit) << (16 * k);
    c |= bits16(_mm_or_si128(joiner, letter)) << (16 * k);
    o |= bits16(is_other) << (16 * k);
  }
}
#endif

#if defined(__x86_64__)
// The bitmaps of the 64 bytes at `p` with AVX2, by nibble lookup (PSHUFB): each byte's class bits
// are lut_low[byte & 15] & lut_high[byte >> 4], two shuffles for all four classes at once.
// Classes: digits 0x30-0x39; joiners 0x20, 0x28, 0x29, 0x2B, 0x2D-0x2F; letters 0x41-0x4F and
// 0x61-0x6F (one bit), 0x50-0x5A and 0x70-0x7A (another); ':' and '=' (0x3A, 0x3D); '@' (0x40).
// Bytes from 0x80 have no class (their high nibble's entry is 0).
// Bit i: byte i of the 32 has one of the classes in `which`.
[[gnu::target("avx2"), gnu::always_inline]] inline std::uint64_t classBits(const __m256i& cls,
                                                                           char which) {
  const __m256i none =
      _mm256_cmpeq_epi8(_mm256_and_si256(cls, _mm256_set1_epi8(which)), _mm256_setzero_si256());
  return ~static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(none))) &
         0xFFFFFFFFull;
}

[[gnu::target("avx2")]] void classifyAvx2(const unsigned char* p, std::uint64_t& d,
                                          std::uint64_t& c, std::uint64_t& o) {
  constexpr char kDigit = 0x01, kJoiner = 0x02, kLetterLow = 0x04, kLetterHigh = 0x08,
                 kColonEquals = 0x10, kAt = 0x20;
  // Indexed by the low nibble: the classes a byte with that low nibble may be in.
  const __m256i lut_low = _mm256_setr_epi8(
      kDigit | kJoiner | kLetterHigh | kAt,         // 0: '0', ' ', 'P'/'p', '@'
      kDigit | kLetterLow | kLetterHigh,            // 1
      kDigit | kLetterLow | kLetterHigh,            // 2
      kDigit | kLetterLow | kLetterHigh,            // 3
      kDigit | kLetterLow | kLetterHigh,            // 4
      kDigit | kLetterLow | kLetterHigh,            // 5
      kDigit | kLetterLow | kLetterHigh,            // 6
      kDigit | kLetterLow | kLetterHigh,            // 7
      kDigit | kJoiner | kLetterLow | kLetterHigh,  // 8: '8', '(', 'H', 'X'
      kDigit | kJoiner | kLetterLow | kLetterHigh,  // 9: '9', ')', 'I', 'Y'
      kLetterLow | kLetterHigh | kColonEquals,      // A: 'J', 'Z', ':'
      kJoiner | kLetterLow,                         // B: '+', 'K'
      kLetterLow,                                   // C
      kJoiner | kLetterLow | kColonEquals,          // D: '-', 'M', '='
      kJoiner | kLetterLow,                         // E: '.', 'N'
      kJoiner | kLetterLow,                         // F: '/', 'O'
      kDigit | kJoiner | kLetterHigh | kAt, kDigit | kLetterLow | kLetterHigh,
      kDigit | kLetterLow | kLetterHigh, kDigit | kLetterLow | kLetterHigh,
      kDigit | kLetterLow | kLetterHigh, kDigit | kLetterLow | kLetterHigh,
      kDigit | kLetterLow | kLetterHigh, kDigit | kLetterLow | kLetterHigh,
      kDigit | kJoiner | kLetterLow | kLetterHigh, kDigit | kJoiner | kLetterLow | kLetterHigh,
      kLetterLow | kLetterHigh | kColonEquals, kJoiner | kLetterLow, kLetterLow,
      kJoiner | kLetterLow | kColonEquals, kJoiner | kLetterLow, kJoiner | kLetterLow);
  // Indexed by the high nibble: the classes whose bytes have it. (The 'A'-'O' row excludes 0x40,
  // '@', through the low nibble: kLetterLow is not set for low nibble 0.)
  const __m256i lut_high = _mm256_setr_epi8(
      0, 0, kJoiner, kDigit | kColonEquals, kLetterLow | kAt, kLetterHigh, kLetterLow, kLetterHigh,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, kJoiner, kDigit | kColonEquals, kLetterLow | kAt, kLetterHigh,
      kLetterLow, kLetterHigh, 0, 0, 0, 0, 0, 0, 0, 0);
  const __m256i low_nibble = _mm256_set1_epi8(0x0F);
  d = c = o = 0;
  for (int k = 0; k < 2; ++k) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * k));
    const __m256i low = _mm256_shuffle_epi8(lut_low, _mm256_and_si256(v, low_nibble));
    const __m256i high =
        _mm256_shuffle_epi8(lut_high, _mm256_and_si256(_mm256_srli_epi16(v, 4), low_nibble));
    const __m256i cls = _mm256_and_si256(low, high);
    d |= classBits(cls, kDigit) << (32 * k);
    c |= classBits(cls, kJoiner | kLetterLow | kLetterHigh) << (32 * k);
    o |= classBits(cls, kColonEquals | kAt) << (32 * k);
  }
}
#endif

}  // namespace

namespace {

// Asked once: the answer cannot change while the process runs.
bool cpuHasAvx2() {
#if defined(__x86_64__)
  static const bool avx2 = __builtin_cpu_supports("avx2");
  return avx2;
#else
  return false;
#endif
}

}  // namespace

TriggerScan bestTriggerScan() {
  if (cpuHasAvx2()) return TriggerScan::kAvx2;
#if defined(__SSE2__)
  return TriggerScan::kSse2;
#else
  return TriggerScan::kPortable;
#endif
}

bool fillTriggerBitmaps(std::string_view text, TriggerBitmaps& bits, TriggerScan how) {
  if (how == TriggerScan::kAvx2 && !cpuHasAvx2()) return false;
#if !defined(__SSE2__)
  if (how == TriggerScan::kSse2) return false;
#endif
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  // One word more than the text needs when its length is a multiple of 64: the bit just past the
  // last byte always exists, so that a digit run ending the text has an end bit like any other.
  const std::size_t words = n / 64 + 1;
  bits.digits.assign(words, 0);
  bits.continues.assign(words, 0);
  bits.others.assign(words, 0);
  std::size_t i = 0;
  for (; i + 64 <= n; i += 64) {
    std::uint64_t& d = bits.digits[i >> 6];
    std::uint64_t& c = bits.continues[i >> 6];
    std::uint64_t& o = bits.others[i >> 6];
    switch (how) {
#if defined(__x86_64__)
      case TriggerScan::kAvx2:
        classifyAvx2(p + i, d, c, o);
        break;
#endif
#if defined(__SSE2__)
      case TriggerScan::kSse2:
        classifySse2(p + i, d, c, o);
        break;
#endif
      default:
        classifyPortable(p + i, 64, d, c, o);
        break;
    }
  }
  if (i < n)
    classifyPortable(p + i, n - i, bits.digits[i >> 6], bits.continues[i >> 6],
                     bits.others[i >> 6]);
  return true;
}

void findCandidateWindows(std::string_view text, std::vector<Span>& out) {
  TriggerBitmaps scratch;
  findCandidateWindows(text, out, scratch);
}

void findCandidateWindows(std::string_view text, std::vector<Span>& out, TriggerBitmaps& bits) {
  out.clear();
  WindowBuilder windows(text, out);
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();

  // Pass 1: the trigger bitmaps.
  fillTriggerBitmaps(text, bits, bestTriggerScan());
  const std::size_t words = bits.digits.size();  // one more than the text needs, at times

  // Pass 2: digit runs are found by their ends, the bit just past the last digit, and most never
  // reach handleDigits(): a run that no joiner or letter continues and that has fewer than 8
  // digits can be no identifier (9 digits at least, or 8 behind a passport letter), and that is
  // decided for 64 bytes at once with shifts and masks. Tables and logs hold a digit run every
  // ~13 bytes, two thirds of them such dates, amounts and counts. A run that may matter is handed
  // to handleDigits() from its first digit, exactly as if it had been visited from there: no
  // other trigger can lie inside a run, so the order of visits is the same.
  const DigitBits digits(bits.digits, n);
  std::size_t covered = 0;  // triggers below this offset belong to a cluster already handled
  std::size_t ipv6_done = 0;
  std::uint64_t previous = 0;  // the previous word of digit bits
  for (std::size_t w = 0; w < words; ++w) {
    const std::uint64_t d = bits.digits[w];
    // Bit i of after[k]: the k bytes before i are all digits, also across the word boundary (the
    // previous word is the low half), built by doubling: after 1, 2, 4, 8.
    const Bits128 both = (static_cast<Bits128>(d) << 64) | previous;
    const Bits128 after1 = both << 1;
    const Bits128 after2 = after1 & (after1 << 1);
    const Bits128 after4 = after2 & (after2 << 2);
    const Bits128 after8 = after4 & (after4 << 4);
    const auto after_digit = static_cast<std::uint64_t>(after1 >> 64);
    const auto after_eight = static_cast<std::uint64_t>(after8 >> 64);
    const std::uint64_t run_ends = ~d & after_digit & (bits.continues[w] | after_eight);
    const std::uint64_t others = bits.others[w];
    previous = d;
    std::uint64_t mask = run_ends | others;
    const std::size_t base = w << 6;
    while (mask != 0) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctzll(mask));
      const std::size_t pos = base + bit;
      mask &= mask - 1;
      // A run is skipped if it starts below `covered` (a cluster already took it in). Clusters end
      // where runs end, so `covered` never falls inside a run: that is when its end is at or
      // below `covered`.
      if (((run_ends >> bit) & 1) && pos > covered)
        covered = handleDigits(p, n, digits, digits.runStart(pos - 1), windows);
      // A run may end on a ':' or '=' ("123456789:"), which is then a trigger of its own.
      if (((others >> bit) & 1) && pos >= covered)
        covered = handleSeparator(text, pos, windows, ipv6_done);
      if (covered >= base + 64) break;
      if (covered > pos + 1) mask &= ~std::uint64_t{0} << (covered - base);
    }
  }
  windows.finish();
}

}  // namespace jamul::scanner::detect
