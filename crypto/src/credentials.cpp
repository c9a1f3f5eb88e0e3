// SPDX-License-Identifier: Apache-2.0
#include "jamul/crypto/credentials.h"

#include <sodium.h>

#include <array>
#include <string>

#include "sodium_init.h"

namespace jamul::crypto {
namespace {

// Argon2id at twice libsodium's interactive costs: ~0.1 s and 128 MiB on this class of machine.
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE * 2;
constexpr std::size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE * 2;

}  // namespace

Result<std::string> hashPassword(std::string_view password) {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(), kOpsLimit, kMemLimit) != 0)
    return Error(ErrorCode::kUnavailable, "not enough memory to hash a password");
  return std::string(out.data());
}

bool verifyPassword(std::string_view hash, std::string_view password) {
  if (!ensureSodium() || hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

std::string randomToken(std::size_t bytes) {
  (void)ensureSodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(raw.data(), raw.size());
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::string tokenDigest(std::string_view text) {
  (void)ensureSodium();
  std::array<unsigned char, 32> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr, 0);
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace jamul::crypto
