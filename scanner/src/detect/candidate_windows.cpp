// SPDX-License-Identifier: Apache-2.0
#include "detect/candidate_windows.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "jamul/common/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
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
constexpr std::array<std::string_view, 8> kPasswordLabels = {
    "비밀번호", "패스워드", "비번", "암호", "password", "passwd", "pwd", "pw"};

bool endsWithLabelIgnoringAsciiCase(std::string_view text, std::size_t end, std::string_view label) {
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
  for (std::string_view label : kPasswordLabels)
    if (endsWithLabelIgnoringAsciiCase(text, end, label)) return end - label.size();
  return std::string_view::npos;
}

// Characters that may join two digit runs inside one identifier: separators of every pattern in the
// catalogue (" - ", ")", "(0)", ".", "+") and, alone, one ASCII letter (passport M123A4567).
bool isJoiner(unsigned char c) {
  return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+' || c == '/';
}

struct Cluster {
  std::size_t end = 0;  // one past the last digit
  int digits = 0;
  int dots = 0;
};

// Digits from `pos` on, joined by runs of up to three joiners or by one ASCII letter.
Cluster digitCluster(const unsigned char* p, std::size_t n, std::size_t pos) {
  Cluster c;
  std::size_t i = pos;
  for (;;) {
    while (i < n && isDigit(p[i])) {
      ++c.digits;
      ++i;
    }
    c.end = i;
    std::size_t j = i;
    int dots = 0;
    if (j + 1 < n && isAsciiAlpha(p[j]) && isDigit(p[j + 1])) {
      ++j;
    } else {
      while (j < n && j - i < 3 && isJoiner(p[j])) dots += p[j++] == '.' ? 1 : 0;
    }
    if (j == i || j >= n || !isDigit(p[j])) return c;
    c.dots += dots;
    i = j;
  }
}

class WindowBuilder {
 public:
  WindowBuilder(std::string_view text, std::vector<Span>& out) : text_(text), out_(out) {}

  void add(std::size_t begin, std::size_t end) {
    out_.push_back({begin, std::min(end, text_.size())});
  }

  // Sorts, merges overlapping or touching windows, and moves edges to character boundaries.
  void finish() {
    if (out_.empty()) return;
    std::sort(out_.begin(), out_.end(),
              [](const Span& a, const Span& b) { return a.begin < b.begin; });
    const auto* p = reinterpret_cast<const unsigned char*>(text_.data());
    std::size_t w = 0;
    for (std::size_t r = 0; r < out_.size(); ++r) {
      Span s = out_[r];
      while (s.begin > 0 && utf8::isContinuation(p[s.begin])) --s.begin;
      while (s.end < text_.size() && utf8::isContinuation(p[s.end])) ++s.end;
      if (w > 0 && s.begin <= out_[w - 1].end) {
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
};

// Handles the trigger at `pos`; returns the first position not yet covered (later triggers below it
// are skipped).
std::size_t handleTrigger(std::string_view text, std::size_t pos, WindowBuilder& windows) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const unsigned char c = p[pos];
  const auto before = [](std::size_t at, std::size_t margin) {
    return at > margin ? at - margin : 0;
  };
  if (isDigit(c)) {
    const Cluster cluster = digitCluster(p, n, pos);
    // Every numeric identifier holds at least 7 digits (the shortest, a passport M123A4567), or is
    // an IPv4 address with 3 dots: smaller clusters (dates, amounts, counts) need no regex at all.
    if (cluster.digits >= kMinClusterDigits || cluster.dots >= 3)
      windows.add(before(pos, kDigitMargin), cluster.end + kDigitTrailingMargin);
    return cluster.end;
  }
  if (c == '@') {
    std::size_t begin = pos;
    while (begin > 0 && pos - begin < 64 && isEmailLocal(p[begin - 1])) --begin;
    std::size_t end = pos + 1;
    while (end < n && end - pos < 256 && isDomain(p[end])) ++end;
    windows.add(before(begin, 2), end + 2);
    return end;
  }
  if (c == ':' || c == '=') {
    std::size_t next = pos + 1;
    const std::size_t label = passwordLabelStart(text, pos);
    if (label != std::string_view::npos) {
      windows.add(before(label, 2), pos + 1 + 4 + 129 + 1);
      next = pos + 1;
    }
    // IPv6 without digits nearby ("fe::ab"); addresses with digits are covered by the digit windows,
    // but handling them here too is harmless.
    const bool hex_before = pos > 0 && (isHex(p[pos - 1]) || p[pos - 1] == ':');
    const bool hex_after = pos + 1 < n && (isHex(p[pos + 1]) || p[pos + 1] == ':');
    if (c == ':' && (hex_before || hex_after)) {
      std::size_t begin = pos;
      while (begin > 0 && pos - begin < 48 && isIpv6Char(p[begin - 1])) --begin;
      std::size_t end = pos + 1;
      bool zone = false;  // after '%' comes a zone id: any letters and digits ("%eth0")
      while (end < n && end - pos < 64 && (isIpv6Char(p[end]) || (zone && isAsciiAlpha(p[end])))) {
        zone |= p[end] == '%';
        ++end;
      }
      windows.add(before(begin, 2), end + 2);
      next = std::max(next, end);
    }
    return next;
  }
  return pos + 1;  // ';', '<', '>', '?' share the vector range but trigger nothing
}

}  // namespace

void findCandidateWindows(std::string_view text, std::vector<Span>& out) {
  out.clear();
  WindowBuilder windows(text, out);
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t covered = 0;  // triggers below this offset are inside a run already handled
  std::size_t i = 0;
#if defined(__SSE2__)
  // Triggers are the bytes 0x30..0x40: digits, ':', '=', '@' (and ';<>?', filtered in
  // handleTrigger). (b - 0x30) as unsigned is <= 0x10 exactly for that range.
  const __m128i base = _mm_set1_epi8(0x30);
  const __m128i span = _mm_set1_epi8(0x10);
  for (; i + 64 <= n; i += 64) {
    std::uint64_t mask = 0;
    for (int k = 0; k < 4; ++k) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 16 * k));
      const __m128i d = _mm_sub_epi8(v, base);
      const __m128i in_range = _mm_cmpeq_epi8(_mm_min_epu8(d, span), d);
      mask |= static_cast<std::uint64_t>(static_cast<std::uint16_t>(_mm_movemask_epi8(in_range)))
              << (16 * k);
    }
    while (mask != 0) {
      const std::size_t pos = i + static_cast<std::size_t>(__builtin_ctzll(mask));
      mask &= mask - 1;
      if (pos < covered) continue;
      covered = handleTrigger(text, pos, windows);
    }
  }
#endif
  for (; i < n; ++i) {
    if (p[i] < 0x30 || p[i] > 0x40 || i < covered) continue;
    covered = handleTrigger(text, i, windows);
  }
  windows.finish();
}

}  // namespace jamul::scanner::detect
