// SPDX-License-Identifier: Apache-2.0
#include "jamul/common/json_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "jamul/common/check.h"
#include "jamul/common/utf8.h"

namespace jamul {

namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;

// True iff some byte of `w` is zero (exact: no false positives or negatives).
constexpr bool hasZeroByte(std::uint64_t w) { return ((w - kOnes) & ~w & kHighs) != 0; }

// True iff all 8 bytes of `w` are printable ASCII other than '"', '\\' and DEL: bytes that a JSON
// string takes as they are. Eight at a time: a rescan prints tens of thousands of paths.
constexpr bool allPlain(std::uint64_t w) {
  const bool high = (w & kHighs) != 0;
  const bool control = ((w - kOnes * 0x20) & ~w & kHighs) != 0;  // some byte < 0x20
  return !high && !control && !hasZeroByte(w ^ (kOnes * '"')) && !hasZeroByte(w ^ (kOnes * '\\')) &&
         !hasZeroByte(w ^ (kOnes * 0x7F));
}

}  // namespace

bool appendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Runs of characters that need no escaping are appended whole.
  const auto plain = [](unsigned char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; };
  out.reserve(out.size() + text.size() + 2);
  out.push_back('"');
  std::size_t run = 0;  // start of the bytes not yet copied; they need no escaping
  bool valid = true;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.size() - i >= 8) {
      std::uint64_t w;
      std::memcpy(&w, text.data() + i, sizeof w);
      if (allPlain(w)) {
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (plain(c)) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      // A run of non-ASCII bytes (Hangul in paths and masked excerpts) is valid UTF-8 exactly when
      // it is a whole number of valid sequences, since every byte of a sequence is >= 0x80: one
      // call validates the run, instead of a trip through this loop per character.
      std::size_t end = i + 1;
      while (end + 8 <= text.size()) {
        std::uint64_t w;
        std::memcpy(&w, text.data() + end, sizeof w);
        if ((w & kHighs) != kHighs) break;
        end += 8;
      }
      while (end < text.size() && static_cast<unsigned char>(text[end]) >= 0x80) ++end;
      if (utf8::isValid(text.substr(i, end - i))) {
        i = end;
        continue;
      }
      if (const std::size_t n = utf8::sequenceLength(text.substr(i)); n != 0) {
        i += n;
        continue;
      }
      valid = false;  // this byte starts no valid sequence: replaced below
    }
    out.append(text.data() + run, i - run);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c >= 0x80) {
          out += "\xEF\xBF\xBD";  // U+FFFD keeps the output valid JSON; see header
        } else {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        }
    }
    run = ++i;
  }
  out.append(text.data() + run, text.size() - run);
  out.push_back('"');
  return valid;
}

void JsonWriter::beforeValue() {
  if (stack_.empty()) {
    JAMUL_CHECK(!wrote_root_);
    wrote_root_ = true;
    return;
  }
  switch (stack_.back()) {
    case Frame::kObjectKey:
      JAMUL_CHECK(false && "JSON value where a key is due");
      break;
    case Frame::kObjectValue:
      stack_.back() = Frame::kObjectKey;
      break;
    case Frame::kArrayFirst:
      stack_.back() = Frame::kArrayNext;
      break;
    case Frame::kArrayNext:
      out_.push_back(',');
      break;
  }
}

JsonWriter& JsonWriter::beginObject() {
  beforeValue();
  out_.push_back('{');
  stack_.push_back(Frame::kObjectKey);
  return *this;
}

JsonWriter& JsonWriter::endObject() {
  JAMUL_CHECK(!stack_.empty() && stack_.back() == Frame::kObjectKey);
  stack_.pop_back();
  out_.push_back('}');
  return *this;
}

JsonWriter& JsonWriter::beginArray() {
  beforeValue();
  out_.push_back('[');
  stack_.push_back(Frame::kArrayFirst);
  return *this;
}

JsonWriter& JsonWriter::endArray() {
  JAMUL_CHECK(!stack_.empty() &&
              (stack_.back() == Frame::kArrayFirst || stack_.back() == Frame::kArrayNext));
  stack_.pop_back();
  out_.push_back(']');
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  JAMUL_CHECK(!stack_.empty() && stack_.back() == Frame::kObjectKey);
  // An object's first key follows '{' directly; later keys need a comma.
  if (out_.back() != '{') out_.push_back(',');
  // Keys are nearly always short ASCII names ("path", "kr_rrn"): those go out as they are, in one
  // append, without the escaper's set-up (a rescan writes a few hundred thousand of them).
  const bool plain_key = std::all_of(name.begin(), name.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
  });
  if (plain_key) {
    out_.push_back('"');
    out_.append(name);
    out_.append("\":", 2);
  } else {
    appendJsonString(out_, name);
    out_.push_back(':');
  }
  stack_.back() = Frame::kObjectValue;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  beforeValue();
  last_string_valid_ = appendJsonString(out_, text);
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
  beforeValue();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, number);
  out_.append(buf, end);
  return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t number) {
  beforeValue();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, number);
  out_.append(buf, end);
  return *this;
}

JsonWriter& JsonWriter::value(double number) {
  beforeValue();
  if (!std::isfinite(number)) {
    out_ += "null";  // JSON has no NaN/Inf
    return *this;
  }
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%.6g", number);
  out_.append(buf, static_cast<std::size_t>(n));
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  beforeValue();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  beforeValue();
  out_ += "null";
  return *this;
}

}  // namespace jamul
