// SPDX-License-Identifier: Apache-2.0
#include "extract/ole/text_runs.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "decode/text_decoder.h"
#include "extract/ole/ole_util.h"
#include "jamul/common/utf8.h"

namespace jamul::scanner::extract::ole {
namespace {

// Blocks of a mini sector: compressed or encrypted data measure 5.5-5.9 bits a byte over 64
// bytes (the 0.1% quantile of random blocks is 5.54); Korean text 3-5.1 in UTF-16 and 4-5.3 in
// CP949, Word and BIFF structures less.
constexpr std::size_t kBlock = 64;
constexpr double kBinaryEntropy = 5.4;
constexpr std::size_t kMinChars = 4;
constexpr std::size_t kMinHangul = 2;
constexpr std::size_t kMinLatinLetters = 3;
constexpr std::size_t kFlushBytes = 64 * 1024;
constexpr std::size_t kRunsPerClockCheck = 256;

bool isAsciiPrintable(unsigned c) { return c >= 0x20 && c <= 0x7E; }
bool isAsciiAlnum(unsigned c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool isAsciiLetter(unsigned c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool isHangulSyllable(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

// One bit per block: true when the block looks like compressed or encrypted data. A short last
// block is judged with the bytes before it.
std::vector<bool> binaryBlocks(std::string_view bytes) {
  std::vector<bool> binary((bytes.size() + kBlock - 1) / kBlock, false);
  if (bytes.size() < kBlock) return binary;
  std::array<unsigned, 256> counts{};
  for (std::size_t b = 0; b < binary.size(); ++b) {
    const std::size_t at = std::min(b * kBlock, bytes.size() - kBlock);
    counts.fill(0);
    for (const char c : bytes.substr(at, kBlock)) ++counts[static_cast<unsigned char>(c)];
    double entropy = 0;
    for (const unsigned n : counts)
      if (n != 0) entropy -= n * std::log2(static_cast<double>(n) / kBlock);
    binary[b] = entropy / kBlock > kBinaryEntropy;
  }
  return binary;
}

struct Run {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;      // UTF-8, without a line end
  bool certain = false;  // a UTF-16 run with ASCII or Latin-1 in it (a NUL high byte)
};

// Appends one character of a run as its line shows it: tabs kept, line breaks joined.
void appendChar(char32_t c, std::string& text) {
  if (c == '\r' || c == '\n') {
    if (!text.empty() && text.back() != '\n') text += '\n';
  } else {
    utf8::append(text, c);
  }
}

void trim(std::string& text) {
  const std::size_t last = text.find_last_not_of("\n\t ");
  text.erase(last == std::string::npos ? 0 : last + 1);
  text.erase(0, text.find_first_not_of("\n\t "));
}

// Reads the bytes in order, passing over the blocks that binaryBlocks() marked.
class ByteReader {
 public:
  ByteReader(std::string_view bytes, const std::vector<bool>& binary)
      : bytes_(bytes), binary_(binary) {}

 protected:
  bool usable(std::size_t i) const { return i < bytes_.size() && !binary_[i / kBlock]; }
  // The first usable position at or after `i` (bytes_.size() when none).
  std::size_t nextUsable(std::size_t i) const {
    while (i < bytes_.size() && binary_[i / kBlock]) i = (i / kBlock + 1) * kBlock;
    return std::min(i, bytes_.size());
  }
  unsigned byte(std::size_t i) const { return static_cast<unsigned char>(bytes_[i]); }

  std::string_view bytes_;
  const std::vector<bool>& binary_;
};

// UTF-16LE runs whose units start at positions of one parity.
class Utf16Runs : ByteReader {
 public:
  Utf16Runs(std::string_view bytes, const std::vector<bool>& binary, std::size_t parity)
      : ByteReader(bytes, binary), parity_(parity) {}

  // The first run kept that starts at or after `from`.
  std::optional<Run> next(std::size_t from) const {
    std::size_t i = align(from);
    while (i + 1 < bytes_.size()) {
      if (!unitUsable(i)) {
        i = align(nextUsable(i + 1));
        continue;
      }
      if (!isText(unit(i))) {
        i += 2;
        continue;
      }
      const std::size_t begin = i;
      std::size_t printable = 0, alnum = 0, hangul = 0, hanja = 0, switches = 0;
      bool certain = false;
      for (char32_t previous = 0, last_printable = 0;
           i + 1 < bytes_.size() && unitUsable(i) && isText(unit(i)); i += 2) {
        const char32_t u = unit(i);
        // Latin-1 letters do not follow Hangul or CJK in a word; a count or a record type
        // after a string does (0x00FC is SST's).
        if (u >= 0xA0 && u <= 0xFF && previous >= 0x100) break;
        previous = u;
        if (u == '\t' || u == '\r' || u == '\n' || u == ' ') continue;
        if (printable++ > 0 && (u < 0x100) != (last_printable < 0x100)) ++switches;
        last_printable = u;
        if (u < 0x100) certain = true;
        if (u < 0x80 && isAsciiAlnum(u)) ++alnum;
        if (isHangulSyllable(u)) ++hangul;
        if (u >= 0x4E00 && u <= 0x9FFF) ++hanja;
      }
      // A UTF-16 string in a stream is followed by a terminator, a line end or a small count:
      // a unit whose high byte is zero.
      const bool closed = i + 1 >= bytes_.size() || byte(i + 1) == 0;
      // Pictures and other binary data read as UTF-16 give CJK ideographs above all (they are
      // the largest block), and ASCII every other character; Korean has few Hanja, and text
      // changes script at word boundaries ("제97조의4제2항" is as busy as it gets).
      const bool noise = (hanja >= 2 && hanja > hangul + alnum) || switches * 3 > printable * 2;
      const bool keep = !noise && (certain ? printable >= kMinChars && (alnum > 0 || hangul > 0)
                                           : hangul >= kMinHangul && hanja == 0 && closed);
      if (!keep) continue;
      Run run{begin, i, {}, certain};
      for (std::size_t k = begin; k < i; k += 2) appendChar(unit(k), run.text);
      trim(run.text);
      return run;
    }
    return std::nullopt;
  }

 private:
  std::size_t align(std::size_t i) const { return i % 2 == parity_ ? i : i + 1; }
  bool unitUsable(std::size_t i) const { return usable(i) && usable(i + 1); }
  char32_t unit(std::size_t i) const { return byte(i) | byte(i + 1) << 8; }

  // Characters that text in these documents is made of. Units whose two bytes are both
  // printable ASCII are left out: they are 8-bit text read two bytes at a time far more often
  // than the CJK characters they would be.
  static bool isText(char32_t u) {
    const unsigned lo = u & 0xFF, hi = u >> 8;
    if (hi == 0) return u == '\t' || u == '\n' || u == '\r' || isAsciiPrintable(u) || u >= 0xA0;
    if (isAsciiPrintable(lo) && isAsciiPrintable(hi)) return false;
    // Hangul syllables and compatibility jamo; CJK ideographs (Hanja) but not U+xx00, which is
    // ASCII text read at the wrong parity; CJK punctuation and enclosed forms (㈜); full-width
    // forms; general punctuation; circled numbers, shapes and symbols (①, ○, ※).
    return isHangulSyllable(u) || (u >= 0x3131 && u <= 0x318E) ||
           (u >= 0x4E00 && u <= 0x9FFF && lo != 0) || (u >= 0x3001 && u <= 0x303F) ||
           (u >= 0x3200 && u <= 0x32FF) || (u >= 0xFF01 && u <= 0xFF5E) ||
           (u >= 0x2010 && u <= 0x205E) || (u >= 0x2460 && u <= 0x26FF);
  }

  std::size_t parity_;
};

// 8-bit runs: ASCII with CP949 pairs, or ASCII with Latin-1 letters.
class AnsiRuns : ByteReader {
 public:
  AnsiRuns(std::string_view bytes, const std::vector<bool>& binary) : ByteReader(bytes, binary) {
    if (Result<std::unique_ptr<decode::TextDecoder>> d =
            decode::makeDecoder(decode::TextEncoding::kCp949))
      cp949_ = std::move(*d);
  }

  std::optional<Run> next(std::size_t from) {
    std::size_t i = from;
    while (i < bytes_.size()) {
      if (!usable(i)) {
        i = nextUsable(i + 1);
        continue;
      }
      if (!isAsciiText(byte(i)) && !cp949Pair(i)) {
        ++i;
        continue;
      }
      const std::size_t begin = i;
      enum class Kind { kAscii, kCp949, kLatin1 } kind = Kind::kAscii;
      std::size_t printable = 0, alnum = 0, letters = 0, hangul = 0;
      bool after_letter = false;
      while (usable(i)) {
        const unsigned b = byte(i);
        if (isAsciiText(b)) {
          if (b > ' ') ++printable;
          if (isAsciiAlnum(b)) ++alnum;
          after_letter = isAsciiLetter(b);
          if (after_letter) ++letters;
          ++i;
        } else if (kind != Kind::kLatin1 && cp949Pair(i)) {
          kind = Kind::kCp949;
          // KS X 1001 Hangul syllables have lead bytes 0xB0-0xC8 and trail bytes 0xA1-0xFE.
          if (b >= 0xB0 && b <= 0xC8 && byte(i + 1) >= 0xA1) ++hangul;
          ++printable;
          after_letter = false;
          i += 2;
        } else if (kind != Kind::kCp949 && after_letter && b >= 0xC0 && b != 0xD7 && b != 0xF7) {
          // À..ÿ inside a word ("große", "pièce"), as Latin-1 and Windows-1252 have them.
          kind = Kind::kLatin1;
          ++printable;
          ++i;
        } else {
          break;
        }
      }
      if (printable < kMinChars || (alnum == 0 && hangul < kMinHangul)) continue;
      // A lone high byte after a letter is as often noise as a word's accent.
      if (kind == Kind::kLatin1 && letters < kMinLatinLetters) continue;
      Run run{begin, i, {}, false};
      const std::string_view raw = bytes_.substr(begin, i - begin);
      if (kind == Kind::kCp949 && cp949_) {
        std::string decoded;
        cp949_->decode(raw, true, decoded);
        for (const char c : decoded) {
          if (c == '\r' || c == '\n') {
            appendChar(static_cast<unsigned char>(c), run.text);
          } else {
            run.text += c;
          }
        }
      } else {
        for (const char c : raw) appendChar(cp1252(static_cast<unsigned char>(c)), run.text);
      }
      trim(run.text);
      return run;
    }
    return std::nullopt;
  }

 private:
  static bool isAsciiText(unsigned b) {
    return isAsciiPrintable(b) || b == '\t' || b == '\r' || b == '\n';
  }
  // A CP949 (Unified Hangul Code) double-byte character at bytes_[i]: lead 0x81-0xFE; trail
  // 0xA1-0xFE, or for leads up to 0xC6 (the extended Hangul) also 0x41-0x5A, 0x61-0x7A, 0x81-0xA0.
  bool cp949Pair(std::size_t i) const {
    if (!usable(i) || !usable(i + 1)) return false;
    const unsigned lead = byte(i), trail = byte(i + 1);
    if (lead < 0x81 || lead > 0xFE) return false;
    if (trail >= 0xA1 && trail <= 0xFE) return true;
    return lead <= 0xC6 && ((trail >= 0x41 && trail <= 0x5A) || (trail >= 0x61 && trail <= 0x7A) ||
                            (trail >= 0x81 && trail <= 0xA0));
  }

  std::unique_ptr<decode::TextDecoder> cp949_;
};

}  // namespace

SalvagedRuns salvageTextRuns(std::string_view bytes, TextSink& sink, ExtractContext& ctx) {
  SalvagedRuns out;
  const std::vector<bool> binary = binaryBlocks(bytes);
  const Utf16Runs even(bytes, binary, 0), odd(bytes, binary, 1);
  AnsiRuns ansi(bytes, binary);
  // The three readings advance side by side; the run that starts first is written next.
  constexpr std::size_t kReadings = 3;
  std::array<std::optional<Run>, kReadings> pending;
  std::array<std::size_t, kReadings> cursor{};
  std::array<bool, kReadings> done{};
  auto fill = [&](std::size_t k) {
    if (pending[k] || done[k]) return;
    pending[k] = k == 0   ? even.next(cursor[k])
                 : k == 1 ? odd.next(cursor[k])
                          : ansi.next(cursor[k]);
    done[k] = !pending[k];
  };
  std::string buffer;
  std::uint64_t written = 0;
  auto flush = [&] {
    if (buffer.empty()) return;
    sink.append(buffer);
    buffer.clear();
  };
  for (std::size_t n = 0;; ++n) {
    if (n % kRunsPerClockCheck == 0 && ctx.expired()) {
      out.status = ExtractStatus::tooLarge("time budget spent");
      break;
    }
    std::optional<std::size_t> first;
    for (std::size_t k = 0; k < kReadings; ++k) {
      fill(k);
      if (pending[k] && (!first || pending[k]->begin < pending[*first]->begin)) first = k;
    }
    if (!first) break;
    Run run = std::move(*pending[*first]);
    pending[*first].reset();
    cursor[*first] = run.end;
    if (run.certain) {
      // The same bytes read at the other parity or as 8-bit text are noise.
      for (std::size_t k = 0; k < kReadings; ++k) {
        if (k == *first) continue;
        if (pending[k] && pending[k]->begin < run.end) pending[k].reset();
        cursor[k] = std::max(cursor[k], run.end);
      }
    }
    if (run.text.empty()) continue;
    if (written + buffer.size() + run.text.size() + 1 > ctx.limits().max_member_bytes) {
      out.status = ExtractStatus::tooLarge(
          "salvaged text larger than " + std::to_string(ctx.limits().max_member_bytes) + " bytes");
      break;
    }
    if (out.runs++ == 0) sink.beginPart("salvaged text", PartKind::kParagraphs);
    buffer += run.text;
    buffer += '\n';
    if (buffer.size() >= kFlushBytes) {
      written += buffer.size();
      flush();
    }
  }
  flush();
  return out;
}

}  // namespace jamul::scanner::extract::ole
