// SPDX-License-Identifier: Apache-2.0
#include "extract/ole/ole_util.h"

#include <zlib.h>

#include <algorithm>

#include "jamul/common/utf8.h"

namespace jamul::scanner::extract::ole {
namespace {

constexpr std::size_t kChunk = 64 * 1024;
// Ratios are only judged past this size: tiny streams of repeated records compress very well.
constexpr std::uint64_t kRatioFloor = 1 << 20;

Inflated inflateWith(std::string_view in, int window_bits, std::string_view what,
                     ExtractContext& ctx) {
  Inflated result;
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) {
    result.status = {FileStatus::kError, "zlib initialisation failed"};
    return result;
  }
  const std::uint64_t max_bytes = ctx.limits().max_member_bytes;
  const std::uint64_t max_ratio = ctx.limits().max_ratio;
  std::size_t consumed = 0;
  char buffer[kChunk];
  for (;;) {
    if (z.avail_in == 0 && consumed < in.size()) {
      const std::size_t n = std::min<std::size_t>(in.size() - consumed, 1u << 30);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + consumed));
      z.avail_in = static_cast<uInt>(n);
      consumed += n;
    }
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    const int rc = inflate(&z, Z_NO_FLUSH);
    const std::size_t produced = sizeof buffer - z.avail_out;
    if (produced > 0) {
      if (result.data.size() + produced > max_bytes) {
        result.status = ExtractStatus::tooLarge(std::string(what) + " expands beyond " +
                                                std::to_string(max_bytes) + " bytes");
        break;
      }
      if (!ctx.chargeExpanded(produced)) {
        result.status = ExtractStatus::tooLarge("expanded-bytes budget spent");
        break;
      }
      result.data.append(buffer, produced);
      if (result.data.size() > kRatioFloor &&
          result.data.size() / std::max<std::uint64_t>(in.size(), 1) > max_ratio) {
        result.status = ExtractStatus::tooLarge(std::string(what) + ": compression ratio over " +
                                                std::to_string(max_ratio));
        break;
      }
      if (ctx.expired()) {
        result.status = ExtractStatus::tooLarge("time budget spent");
        break;
      }
    }
    if (rc == Z_STREAM_END) break;
    if (rc == Z_BUF_ERROR && z.avail_in == 0 && consumed >= in.size()) {
      result.status = ExtractStatus::corrupt("truncated " + std::string(what));
      break;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      result.status = ExtractStatus::corrupt("bad deflate data in " + std::string(what));
      break;
    }
  }
  result.consumed = static_cast<std::size_t>(z.total_in);
  inflateEnd(&z);
  return result;
}

}  // namespace

void appendUtf16(std::string_view utf16le, std::string& out) {
  for (std::size_t i = 0; i + 1 < utf16le.size();) {
    const char32_t c = nextUtf16(utf16le, i);
    if (c != 0) utf8::append(out, c);
  }
}

char32_t cp1252(unsigned char b) {
  // Windows-1252 0x80..0x9F (the rest of the code page is ISO 8859-1).
  static constexpr char16_t kHigh[32] = {
      0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
  return b >= 0x80 && b < 0xA0 ? kHigh[b - 0x80] : b;
}

void appendAnsi(std::string_view bytes, bool windows_1252, std::string& out) {
  for (const char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    if (b == 0) continue;
    if (b < 0x80) {
      out += ch;
    } else {
      utf8::append(out, windows_1252 ? cp1252(b) : b);
    }
  }
}

Inflated inflateRaw(std::string_view compressed, std::string_view what, ExtractContext& ctx) {
  Inflated raw = inflateWith(compressed, -15, what, ctx);
  // Some writers store zlib-wrapped sections (RFC 1950 header 0x78 ..); retry only when the raw
  // attempt produced nothing, so a budget is never charged twice for real output.
  if (raw.status.status == FileStatus::kCorrupt && raw.data.empty() && compressed.size() >= 2 &&
      static_cast<unsigned char>(compressed[0]) == 0x78) {
    Inflated wrapped = inflateWith(compressed, 15, what, ctx);
    if (wrapped.status.isOk() || !wrapped.data.empty()) return wrapped;
  }
  return raw;
}

}  // namespace jamul::scanner::extract::ole
