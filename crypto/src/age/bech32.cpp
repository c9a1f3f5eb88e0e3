// SPDX-License-Identifier: Apache-2.0
// Bech32 from the text of BIP 173 ("Bech32", "Checksum design"), with age's lifted length limit.
#include "jamul/crypto/bech32.h"

#include <sodium.h>

#include <array>

#include "jamul/common/check.h"

namespace jamul::crypto::bech32 {
namespace {

constexpr char kAlphabet[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

// The value of a lower-case data character, or -1.
int valueOf(char c) {
  static const auto kTable = [] {
    std::array<signed char, 128> t{};
    t.fill(-1);
    for (int i = 0; i < 32; ++i)
      t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<signed char>(i);
    return t;
  }();
  const auto u = static_cast<unsigned char>(c);
  return u < 128 ? kTable[u] : -1;
}

char toLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
char toUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }

// BIP 173's polymod, fed one 5-bit value at a time so that no buffer of the (possibly secret)
// data is needed.
class Checksum {
 public:
  void feed(std::uint8_t value) {
    static constexpr std::uint32_t kGenerator[] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd,
                                                   0x2a1462b3};
    const std::uint32_t top = state_ >> 25;
    state_ = ((state_ & 0x1ffffff) << 5) ^ value;
    for (int i = 0; i < 5; ++i)
      if ((top >> i) & 1) state_ ^= kGenerator[i];
  }
  // The HRP expansion: high bits of each character, a zero, low bits of each character.
  void feedHrp(std::string_view lower_hrp) {
    for (char c : lower_hrp) feed(static_cast<std::uint8_t>(static_cast<unsigned char>(c) >> 5));
    feed(0);
    for (char c : lower_hrp) feed(static_cast<std::uint8_t>(static_cast<unsigned char>(c) & 31));
  }
  std::uint32_t value() const { return state_; }

 private:
  std::uint32_t state_ = 1;
};

Error invalid(const char* why) {
  return Error(ErrorCode::kInvalidArgument, std::string("Bech32: ") + why);
}

bool validHrp(std::string_view hrp) {
  if (hrp.empty() || hrp.size() > kMaxHrpLength) return false;
  for (char c : hrp)
    if (c < 33 || c > 126) return false;
  return true;
}

}  // namespace

std::size_t encodedLength(std::size_t hrp_size, std::size_t data_size) {
  return hrp_size + 1 + (data_size * 8 + 4) / 5 + kChecksumLength;
}

namespace {

// Writes HRP, separator, the groups `emit` produces (through the callback it is given) and the
// checksum into `out`, which must be exactly the right size.
template <typename Emit>
void encodeGroups(std::string_view hrp, LetterCase letter_case, std::span<char> out, Emit&& emit) {
  JAMUL_CHECK(validHrp(hrp));
  const auto cased = [&](char c) {
    return letter_case == LetterCase::kUpper ? toUpper(c) : toLower(c);
  };
  Checksum checksum;
  std::size_t at = 0;
  char lower[kMaxHrpLength];
  for (std::size_t i = 0; i < hrp.size(); ++i) {
    lower[i] = toLower(hrp[i]);
    out[at++] = cased(hrp[i]);
  }
  // The checksum runs over the lower-case HRP whatever case is written.
  checksum.feedHrp(std::string_view(lower, hrp.size()));
  out[at++] = '1';
  emit([&](std::uint8_t value) {
    JAMUL_CHECK(value < 32 && at < out.size());
    checksum.feed(value);
    out[at++] = cased(kAlphabet[value]);
  });
  for (std::size_t i = 0; i < kChecksumLength; ++i) checksum.feed(0);
  const std::uint32_t mod = checksum.value() ^ 1;
  for (std::size_t i = 0; i < kChecksumLength; ++i)
    out[at++] = cased(kAlphabet[(mod >> (5 * (5 - i))) & 31]);
  JAMUL_CHECK(at == out.size());
}

}  // namespace

void encodeTo(std::string_view hrp, std::span<const std::uint8_t> data, LetterCase letter_case,
              std::span<char> out) {
  JAMUL_CHECK(out.size() == encodedLength(hrp.size(), data.size()));
  encodeGroups(hrp, letter_case, out, [&](auto&& put) {
    // 8-bit bytes regrouped into 5-bit groups, the last one zero-padded.
    std::uint32_t acc = 0;
    int bits = 0;
    for (std::uint8_t byte : data) {
      acc = (acc << 8) | byte;
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        put(static_cast<std::uint8_t>((acc >> bits) & 31));
      }
      acc &= (1u << bits) - 1;
    }
    if (bits > 0) put(static_cast<std::uint8_t>((acc << (5 - bits)) & 31));
  });
}

std::string encodeWords(std::string_view hrp, std::span<const std::uint8_t> words,
                        LetterCase letter_case) {
  std::string out(hrp.size() + 1 + words.size() + kChecksumLength, '\0');
  encodeGroups(hrp, letter_case, out, [&](auto&& put) {
    for (std::uint8_t w : words) put(w);
  });
  return out;
}

std::string encode(std::string_view hrp, std::span<const std::uint8_t> data,
                   LetterCase letter_case) {
  std::string out(encodedLength(hrp.size(), data.size()), '\0');
  encodeTo(hrp, data, letter_case, out);
  return out;
}

Result<DecodedWords> decodeWords(std::string_view text) {
  bool has_lower = false, has_upper = false;
  for (char c : text) {
    has_lower |= c >= 'a' && c <= 'z';
    has_upper |= c >= 'A' && c <= 'Z';
  }
  if (has_lower && has_upper) return invalid("mixed case");
  const auto separator = text.rfind('1');
  if (separator == std::string_view::npos) return invalid("no separator");
  DecodedWords out;
  out.letter_case = has_upper ? LetterCase::kUpper : LetterCase::kLower;
  const std::string_view hrp = text.substr(0, separator);
  if (!validHrp(hrp)) return invalid("invalid human-readable part");
  if (text.size() - separator - 1 < kChecksumLength) return invalid("checksum too short");
  out.hrp.reserve(hrp.size());
  for (char c : hrp) out.hrp.push_back(toLower(c));
  Checksum checksum;
  checksum.feedHrp(out.hrp);
  const std::string_view data = text.substr(separator + 1);
  out.words.reserve(data.size());
  for (char c : data) {
    const int v = valueOf(toLower(c));
    if (v < 0) {
      sodium_memzero(out.words.data(), out.words.size());
      return invalid("invalid data character");
    }
    checksum.feed(static_cast<std::uint8_t>(v));
    out.words.push_back(static_cast<std::uint8_t>(v));
  }
  if (checksum.value() != 1) {
    sodium_memzero(out.words.data(), out.words.size());
    return invalid("invalid checksum");
  }
  sodium_memzero(out.words.data() + out.words.size() - kChecksumLength, kChecksumLength);
  // erase, not resize: the words are at least kChecksumLength (checked above), but GCC 12 cannot
  // see it and, under ASan, warns that a resize could grow the vector by 2^64 - 7 bytes.
  out.words.erase(out.words.end() - kChecksumLength, out.words.end());
  return out;
}

Result<Decoded> decode(std::string_view text) {
  JAMUL_ASSIGN_OR_RETURN(DecodedWords words, decodeWords(text));
  Decoded out;
  out.hrp = std::move(words.hrp);
  out.letter_case = words.letter_case;
  out.data.reserve(words.words.size() * 5 / 8);
  std::uint32_t acc = 0;
  int bits = 0;
  for (std::uint8_t w : words.words) {
    acc = (acc << 5) | w;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.data.push_back(static_cast<std::uint8_t>(acc >> bits));
      acc &= (1u << bits) - 1;
    }
  }
  sodium_memzero(words.words.data(), words.words.size());
  // BIP 173: at most 4 bits of padding, all zero (one string per byte sequence).
  if (bits > 4 || acc != 0) {
    sodium_memzero(out.data.data(), out.data.size());
    return invalid("non-zero or excess padding");
  }
  return out;
}

}  // namespace jamul::crypto::bech32
