// SPDX-License-Identifier: Apache-2.0
#include "age/base64_strict.h"

#include <array>

namespace jamul::crypto::age::detail {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int valueOf(char c) {
  static const auto kTable = [] {
    std::array<signed char, 256> t{};
    t.fill(-1);
    for (int i = 0; i < 64; ++i)
      t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<signed char>(i);
    return t;
  }();
  return kTable[static_cast<unsigned char>(c)];
}

void encode(std::span<const std::uint8_t> bytes, bool pad, std::string& out) {
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v =
        std::uint32_t{bytes[i]} << 16 | std::uint32_t{bytes[i + 1]} << 8 | bytes[i + 2];
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 0) return;
  const std::uint32_t v =
      std::uint32_t{bytes[i]} << 16 | (rest == 2 ? std::uint32_t{bytes[i + 1]} << 8 : 0);
  out.push_back(kAlphabet[(v >> 18) & 63]);
  out.push_back(kAlphabet[(v >> 12) & 63]);
  if (rest == 2) out.push_back(kAlphabet[(v >> 6) & 63]);
  if (pad) out.append(rest == 1 ? "==" : "=");
}

// Decodes unpadded text into `out` (exactly text.size() * 3 / 4 bytes).
bool decodeUnpadded(std::string_view text, std::uint8_t* out) {
  if (text.size() % 4 == 1) return false;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    const int v = valueOf(c);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      *out++ = static_cast<std::uint8_t>(acc >> bits);
      acc &= (1u << bits) - 1;
    }
  }
  return acc == 0;  // RFC 4648 §3.5: the unused bits of the last character are zero
}

}  // namespace

std::string base64NoPad(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  encode(bytes, false, out);
  return out;
}

std::optional<std::vector<std::uint8_t>> decodeBase64NoPad(std::string_view text) {
  std::vector<std::uint8_t> out(base64NoPadDecodedSize(text.size()));
  if (!decodeUnpadded(text, out.data())) return std::nullopt;
  return out;
}

bool decodeBase64NoPadTo(std::string_view text, std::span<std::uint8_t> out) {
  if (text.size() % 4 == 1 || base64NoPadDecodedSize(text.size()) != out.size()) return false;
  return decodeUnpadded(text, out.data());
}

void appendBase64Padded(std::span<const std::uint8_t> bytes, std::string& out) {
  encode(bytes, true, out);
}

bool decodeBase64PaddedTo(std::string_view text, std::vector<std::uint8_t>& out) {
  if (text.size() % 4 != 0) return false;
  std::size_t pad = 0;
  while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=') ++pad;
  // With the length a multiple of 4 and at most two '=', the rest is a valid unpadded length; an
  // '=' anywhere else is outside the alphabet and fails below.
  const std::string_view body = text.substr(0, text.size() - pad);
  const std::size_t at = out.size();
  out.resize(at + base64NoPadDecodedSize(body.size()));
  if (!decodeUnpadded(body, out.data() + at)) {
    out.resize(at);
    return false;
  }
  return true;
}

}  // namespace jamul::crypto::age::detail
