// SPDX-License-Identifier: Apache-2.0
#include "cli/terminal_text.h"

#include <cstdio>

#include "jamul/common/utf8.h"

namespace jamul::cli {
namespace {

char32_t decodeAt(std::string_view s, std::size_t i, std::size_t n) {
  const auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
  switch (n) {
    case 1: return b(0);
    case 2: return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3: return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default: return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  }
}

// East Asian Wide and Fullwidth ranges that matter here (Unicode UAX #11): Hangul, CJK, full-width.
bool isWide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
         (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA960 && cp <= 0xA97F) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
         (cp >= 0x20000 && cp <= 0x3FFFD);
}

std::size_t widthOf(char32_t cp) {
  if (cp >= 0x300 && cp <= 0x36F) return 0;  // combining marks
  return isWide(cp) ? 2 : 1;
}

}  // namespace

std::size_t displayWidth(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8::sequenceLength(text.substr(i));
    if (n == 0) {
      ++width;
      ++i;
      continue;
    }
    width += widthOf(decodeAt(text, i, n));
    i += n;
  }
  return width;
}

std::string fitToWidth(std::string_view text, std::size_t width) {
  std::string out;
  std::size_t used = 0;
  const std::size_t total = displayWidth(text);
  const std::size_t limit = total > width ? (width > 0 ? width - 1 : 0) : width;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = utf8::sequenceLength(text.substr(i));
    const std::size_t w = n == 0 ? 1 : widthOf(decodeAt(text, i, n));
    if (n == 0) n = 1;
    if (used + w > limit) break;
    out.append(text.substr(i, n));
    used += w;
    i += n;
  }
  if (total > width && width > 0) {
    out += "\xE2\x80\xA6";  // …
    ++used;
  }
  if (used < width) out.append(width - used, ' ');
  return out;
}

std::string printableText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = utf8::sequenceLength(text.substr(i));
    char buf[12];
    if (n == 0 || c < 0x20 || c == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
      ++i;
      continue;
    }
    // C1 controls (U+0080..U+009F: 0x9B is a CSI to some terminals) and the bidirectional
    // overrides and isolates, which make a name read differently from what it is
    // ("txt.exe" shown as "exe.txt").
    const char32_t cp = n == 1 ? c : decodeAt(text, i, n);
    if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2066 && cp <= 0x2069)) {
      std::snprintf(buf, sizeof buf, "\\u{%X}", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string withThousands(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string humanBytes(std::uint64_t bytes) {
  static constexpr const char* kUnits[] = {"B", "KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1000.0 && unit < 4) {
    value /= 1000.0;
    ++unit;
  }
  char buf[32];
  if (unit == 0) std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
  else std::snprintf(buf, sizeof buf, "%.1f %s", value, kUnits[unit]);
  return buf;
}

}  // namespace jamul::cli
