// SPDX-License-Identifier: Apache-2.0
// Passphrases and scrypt stanzas (age-encryption.org/v1, "The scrypt recipient type"), on
// libsodium's raw scrypt (crypto_pwhash_scryptsalsa208sha256_ll: RFC 7914 with N, r, p given).
#include <sodium.h>

#include <algorithm>
#include <cstring>

#include "age/base64_strict.h"
#include "age/file_key.h"
#include "age/recipient_stanzas.h"
#include "jamul/crypto/age_keys.h"
#include "sodium_init.h"

namespace jamul::crypto::age {
namespace {

constexpr std::string_view kSaltLabel = "age-encryption.org/v1/scrypt";
constexpr std::size_t kSaltBytes = 16;

Error headerError(ErrorCode code, std::string what) { return Error(code, "age header: " + what); }

bool validWorkFactor(int wf, int highest) { return wf >= 1 && wf <= highest; }

// wrap key = scrypt(N = 2^work_factor, r = 8, p = 1, dkLen = 32, S = label || salt, P = passphrase)
Result<SecretBytes> wrapKey(const Passphrase& passphrase,
                            std::span<const std::uint8_t, kSaltBytes> salt, int work_factor) {
  JAMUL_ASSIGN_OR_RETURN(SecretBytes key, SecretBytes::allocate(32));
  std::array<std::uint8_t, kSaltLabel.size() + kSaltBytes> s{};
  std::copy(kSaltLabel.begin(), kSaltLabel.end(), s.begin());
  std::copy(salt.begin(), salt.end(), s.begin() + kSaltLabel.size());
  if (crypto_pwhash_scryptsalsa208sha256_ll(
          passphrase.bytes.bytes().data(), passphrase.bytes.size(), s.data(), s.size(),
          std::uint64_t{1} << work_factor, 8, 1, key.bytes().data(), key.size()) != 0)
    return Error(ErrorCode::kUnavailable, "scrypt failed (out of memory?)");
  return key;
}

}  // namespace

Result<Passphrase> Passphrase::from(std::string_view text, int work_factor) {
  if (text.empty()) return Error(ErrorCode::kInvalidArgument, "empty passphrase");
  if (!validWorkFactor(work_factor, kMaxWorkFactor))
    return Error(ErrorCode::kInvalidArgument,
                 "scrypt work factor must be 1 to " + std::to_string(kMaxWorkFactor));
  JAMUL_ASSIGN_OR_RETURN(SecretBytes bytes, SecretBytes::allocate(text.size()));
  std::memcpy(bytes.bytes().data(), text.data(), text.size());
  return Passphrase{std::move(bytes), work_factor, kMaxWorkFactor};
}

namespace detail {

Result<Stanza> wrapScrypt(const Passphrase& passphrase, const SecretBytes& file_key) {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  if (!validWorkFactor(passphrase.work_factor, Passphrase::kMaxWorkFactor))
    return Error(ErrorCode::kInvalidArgument, "scrypt work factor out of range");
  if (passphrase.bytes.size() == 0) return Error(ErrorCode::kInvalidArgument, "empty passphrase");
  // A fresh salt for each stanza and file (spec: MUST).
  std::array<std::uint8_t, kSaltBytes> salt{};
  randombytes_buf(salt.data(), salt.size());
  JAMUL_ASSIGN_OR_RETURN(SecretBytes key, wrapKey(passphrase, salt, passphrase.work_factor));
  Stanza s;
  s.type = kScryptStanzaType;
  s.args = {base64NoPad(salt), std::to_string(passphrase.work_factor)};
  s.body = wrapFileKey(key, file_key);
  return s;
}

Result<std::optional<SecretBytes>> unwrapScrypt(const Passphrase& passphrase,
                                                const Stanza& stanza) {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  if (stanza.args.size() != 2)
    return headerError(ErrorCode::kCorrupt, "an scrypt stanza has a salt and a work factor");
  std::array<std::uint8_t, kSaltBytes> salt{};
  if (!decodeBase64NoPadTo(stanza.args[0], salt))
    return headerError(ErrorCode::kCorrupt, "the scrypt salt is not canonical base64 of 16 bytes");
  // `^[1-9][0-9]*$`; more than two digits is beyond any limit, and would overflow an int.
  const std::string& wf_text = stanza.args[1];
  if (wf_text.empty() || wf_text[0] < '1' || wf_text[0] > '9' ||
      !std::all_of(wf_text.begin(), wf_text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return headerError(ErrorCode::kCorrupt, "malformed scrypt work factor");
  const int limit = std::clamp(passphrase.max_work_factor, 1, Passphrase::kHighestWorkFactor);
  if (wf_text.size() > 2 || std::stoi(wf_text) > limit)
    return headerError(ErrorCode::kTooLarge,
                       "scrypt work factor beyond the limit of " + std::to_string(limit));
  const int work_factor = std::stoi(wf_text);
  if (stanza.body.size() != kWrappedFileKeyBytes)
    return headerError(ErrorCode::kCorrupt, "an scrypt stanza body is 32 bytes");
  JAMUL_ASSIGN_OR_RETURN(SecretBytes key, wrapKey(passphrase, salt, work_factor));
  return unwrapFileKey(key, stanza.body);
}

}  // namespace detail
}  // namespace jamul::crypto::age
