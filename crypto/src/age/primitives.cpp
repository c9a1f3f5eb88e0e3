// SPDX-License-Identifier: Apache-2.0
#include "age/primitives.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace jamul::crypto::age::detail {

void hmacSha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> message,
                std::span<std::uint8_t, 32> out) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key.data(), key.size());
  crypto_auth_hmacsha256_update(&state, message.data(), message.size());
  crypto_auth_hmacsha256_final(&state, out.data());
  sodium_memzero(&state, sizeof state);
}

void hkdfSha256(std::span<const std::uint8_t> ikm, std::span<const std::uint8_t> salt,
                std::string_view info, std::span<std::uint8_t> out) {
  static const std::array<std::uint8_t, 32> kZeroSalt{};
  std::array<std::uint8_t, 32> prk{};
  hmacSha256(salt.empty() ? std::span<const std::uint8_t>(kZeroSalt) : salt, ikm, prk);
  std::array<std::uint8_t, 32> t{};
  std::size_t t_len = 0;
  std::size_t done = 0;
  for (std::uint8_t counter = 1; done < out.size(); ++counter) {
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, prk.data(), prk.size());
    crypto_auth_hmacsha256_update(&state, t.data(), t_len);
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(info.data()),
                                  info.size());
    crypto_auth_hmacsha256_update(&state, &counter, 1);
    crypto_auth_hmacsha256_final(&state, t.data());
    sodium_memzero(&state, sizeof state);
    t_len = t.size();
    const std::size_t n = std::min(t.size(), out.size() - done);
    std::memcpy(out.data() + done, t.data(), n);
    done += n;
  }
  sodium_memzero(prk.data(), prk.size());
  sodium_memzero(t.data(), t.size());
}

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int valueOf(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

std::string encodeBase64(std::span<const std::uint8_t> bytes, bool pad) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = std::uint32_t{bytes[i]} << 16 | std::uint32_t{bytes[i + 1]} << 8 | bytes[i + 2];
    for (int s = 18; s >= 0; s -= 6) out.push_back(kAlphabet[(v >> s) & 63]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const std::uint32_t v = std::uint32_t{bytes[i]} << 16;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    if (pad) out += "==";
  } else if (rest == 2) {
    const std::uint32_t v = std::uint32_t{bytes[i]} << 16 | std::uint32_t{bytes[i + 1]} << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    if (pad) out += "=";
  }
  return out;
}

// Decodes unpadded base64, refusing non-canonical trailing bits and impossible lengths.
std::optional<std::vector<std::uint8_t>> decodeUnpadded(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::vector<std::uint8_t> out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    const int v = valueOf(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>(acc >> bits));
      acc &= (1u << bits) - 1;
    }
  }
  if (acc != 0) return std::nullopt;  // leftover bits must be zero: one encoding per value
  return out;
}

}  // namespace

std::string base64NoPad(std::span<const std::uint8_t> bytes) { return encodeBase64(bytes, false); }

std::optional<std::vector<std::uint8_t>> decodeBase64NoPad(std::string_view text) {
  return decodeUnpadded(text);
}

std::string base64Padded(std::span<const std::uint8_t> bytes) { return encodeBase64(bytes, true); }

std::optional<std::vector<std::uint8_t>> decodeBase64Padded(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::size_t pad = 0;
  while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=') ++pad;
  return decodeUnpadded(text.substr(0, text.size() - pad));
}

namespace {

constexpr char kBech32Chars[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

std::uint32_t polymod(const std::vector<std::uint8_t>& values) {
  static constexpr std::uint32_t kGen[] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  std::uint32_t chk = 1;
  for (std::uint8_t v : values) {
    const std::uint32_t top = chk >> 25;
    chk = (chk & 0x1ffffff) << 5 ^ v;
    for (int i = 0; i < 5; ++i)
      if ((top >> i) & 1) chk ^= kGen[i];
  }
  return chk;
}

std::vector<std::uint8_t> hrpExpand(std::string_view hrp) {
  std::vector<std::uint8_t> out;
  for (char c : hrp) out.push_back(static_cast<std::uint8_t>(c) >> 5);
  out.push_back(0);
  for (char c : hrp) out.push_back(static_cast<std::uint8_t>(c) & 31);
  return out;
}

// Regroups bits: 8 -> 5 (pad) or 5 -> 8 (no pad, leftover bits must be zero).
std::optional<std::vector<std::uint8_t>> convertBits(std::span<const std::uint8_t> in, int from,
                                                     int to, bool pad) {
  std::uint32_t acc = 0;
  int bits = 0;
  const std::uint32_t maxv = (1u << to) - 1;
  std::vector<std::uint8_t> out;
  for (std::uint8_t v : in) {
    if ((v >> from) != 0) return std::nullopt;
    acc = (acc << from) | v;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push_back(static_cast<std::uint8_t>((acc >> bits) & maxv));
    }
  }
  if (pad) {
    if (bits > 0) out.push_back(static_cast<std::uint8_t>((acc << (to - bits)) & maxv));
  } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
    return std::nullopt;
  }
  return out;
}

}  // namespace

std::string bech32Encode(std::string_view hrp, std::span<const std::uint8_t> data, bool upper) {
  std::string lower_hrp(hrp);
  for (char& c : lower_hrp) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  std::vector<std::uint8_t> values = *convertBits(data, 8, 5, true);
  std::vector<std::uint8_t> check = hrpExpand(lower_hrp);
  check.insert(check.end(), values.begin(), values.end());
  check.insert(check.end(), 6, 0);
  const std::uint32_t mod = polymod(check) ^ 1;
  for (int i = 0; i < 6; ++i) values.push_back(static_cast<std::uint8_t>((mod >> (5 * (5 - i))) & 31));
  std::string out = lower_hrp + "1";
  for (std::uint8_t v : values) out.push_back(kBech32Chars[v]);
  if (upper)
    for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return out;
}

std::optional<Bech32> bech32Decode(std::string_view text) {
  bool has_lower = false, has_upper = false;
  for (char c : text) {
    if (c < 33 || c > 126) return std::nullopt;
    has_lower |= c >= 'a' && c <= 'z';
    has_upper |= c >= 'A' && c <= 'Z';
  }
  if (has_lower && has_upper) return std::nullopt;
  std::string s(text);
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  const auto sep = s.rfind('1');
  if (sep == std::string::npos || sep == 0 || sep + 7 > s.size()) return std::nullopt;
  Bech32 out;
  out.hrp = s.substr(0, sep);
  std::vector<std::uint8_t> values;
  for (std::size_t i = sep + 1; i < s.size(); ++i) {
    const char* p = std::strchr(kBech32Chars, s[i]);
    if (p == nullptr || s[i] == '\0') return std::nullopt;
    values.push_back(static_cast<std::uint8_t>(p - kBech32Chars));
  }
  std::vector<std::uint8_t> check = hrpExpand(out.hrp);
  check.insert(check.end(), values.begin(), values.end());
  if (polymod(check) != 1) return std::nullopt;
  values.resize(values.size() - 6);
  auto data = convertBits(values, 5, 8, false);
  if (!data) return std::nullopt;
  out.data = std::move(*data);
  return out;
}

}  // namespace jamul::crypto::age::detail
