// SPDX-License-Identifier: Apache-2.0
// X25519 keys and stanzas (age-encryption.org/v1, "The X25519 recipient type"), on libsodium's
// crypto_scalarmult (RFC 7748 X25519, clamping included).
#include <sodium.h>

#include <algorithm>
#include <cstring>

#include "age/base64_strict.h"
#include "age/file_key.h"
#include "age/hkdf.h"
#include "age/recipient_stanzas.h"
#include "jamul/crypto/age_keys.h"
#include "jamul/crypto/bech32.h"
#include "sodium_init.h"

namespace jamul::crypto::age {
namespace {

constexpr std::string_view kRecipientHrp = "age";
constexpr std::string_view kIdentityHrp = "AGE-SECRET-KEY-";
constexpr std::string_view kLabel = "age-encryption.org/v1/X25519";

Error headerError(std::string what) { return Error(ErrorCode::kCorrupt, "age header: " + what); }

X25519Recipient publicOf(const SecretBytes& scalar) {
  std::array<std::uint8_t, 32> key{};
  crypto_scalarmult_base(key.data(), scalar.bytes().data());
  return X25519Recipient::fromKey(key);
}

// wrap key = HKDF-SHA-256(ikm = shared secret, salt = ephemeral share || recipient, info = label)
Result<SecretBytes> wrapKey(const SecretBytes& shared, std::span<const std::uint8_t, 32> share,
                            const X25519Recipient& recipient) {
  std::array<std::uint8_t, 64> salt{};
  std::copy(share.begin(), share.end(), salt.begin());
  std::copy(recipient.key().begin(), recipient.key().end(), salt.begin() + 32);
  JAMUL_ASSIGN_OR_RETURN(SecretBytes key, SecretBytes::allocate(32));
  detail::hkdfSha256(shared.bytes(), salt, kLabel, key.bytes());
  return key;
}

}  // namespace

// --- keys ---------------------------------------------------------------------------------------

Result<X25519Recipient> X25519Recipient::parse(std::string_view text) {
  auto decoded = bech32::decode(text);
  if (!decoded || decoded->hrp != kRecipientHrp ||
      decoded->letter_case != bech32::LetterCase::kLower || decoded->data.size() != kKeyBytes)
    return Error(ErrorCode::kInvalidArgument, "not an age X25519 recipient (age1...)");
  X25519Recipient r;
  std::copy(decoded->data.begin(), decoded->data.end(), r.key_.begin());
  return r;
}

X25519Recipient X25519Recipient::fromKey(const std::array<std::uint8_t, kKeyBytes>& key) {
  X25519Recipient r;
  r.key_ = key;
  return r;
}

std::string X25519Recipient::encode() const { return bech32::encode(kRecipientHrp, key_); }

Result<X25519Identity> X25519Identity::generate() {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  JAMUL_ASSIGN_OR_RETURN(SecretBytes scalar, SecretBytes::random(kScalarBytes));
  return fromScalar(std::move(scalar));
}

Result<X25519Identity> X25519Identity::parse(std::string_view text) {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  auto decoded = bech32::decode(text);
  const auto wipe = [&] {
    if (decoded) sodium_memzero(decoded->data.data(), decoded->data.size());
  };
  // age compares the HRP case-sensitively: a lower-case secret key is not one.
  if (!decoded || decoded->hrp != "age-secret-key-" ||
      decoded->letter_case != bech32::LetterCase::kUpper || decoded->data.size() != kScalarBytes) {
    wipe();
    return Error(ErrorCode::kInvalidArgument, "not an age X25519 identity (AGE-SECRET-KEY-1...)");
  }
  auto scalar = SecretBytes::allocate(kScalarBytes);
  if (scalar) std::copy(decoded->data.begin(), decoded->data.end(), scalar->bytes().begin());
  wipe();
  if (!scalar) return scalar.error();
  return fromScalar(std::move(*scalar));
}

Result<X25519Identity> X25519Identity::fromScalar(SecretBytes scalar) {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  if (scalar.size() != kScalarBytes)
    return Error(ErrorCode::kInvalidArgument, "an X25519 scalar is 32 bytes");
  const X25519Recipient recipient = publicOf(scalar);
  return X25519Identity(std::move(scalar), recipient);
}

Result<SecretBytes> X25519Identity::encode() const {
  JAMUL_ASSIGN_OR_RETURN(SecretBytes text, SecretBytes::allocate(bech32::encodedLength(
                                               kIdentityHrp.size(), kScalarBytes)));
  bech32::encodeTo(kIdentityHrp, scalar_.bytes(), bech32::LetterCase::kUpper,
                   {reinterpret_cast<char*>(text.bytes().data()), text.size()});
  return text;
}

std::string X25519Identity::toString() const { return "X25519 identity " + public_.encode(); }

// --- stanzas ------------------------------------------------------------------------------------

namespace detail {

Result<Stanza> wrapX25519(const X25519Recipient& recipient, const SecretBytes& file_key) {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  // A fresh ephemeral secret for each stanza and file (spec: MUST).
  JAMUL_ASSIGN_OR_RETURN(SecretBytes ephemeral, SecretBytes::random(32));
  std::array<std::uint8_t, 32> share{};
  crypto_scalarmult_base(share.data(), ephemeral.bytes().data());
  JAMUL_ASSIGN_OR_RETURN(SecretBytes shared, SecretBytes::allocate(32));
  // libsodium fails on an all-zero result: the recipient is a low-order point, not a real key.
  if (crypto_scalarmult(shared.bytes().data(), ephemeral.bytes().data(), recipient.key().data()) !=
      0)
    return Error(ErrorCode::kInvalidArgument, "the X25519 recipient is not a usable public key");
  JAMUL_ASSIGN_OR_RETURN(SecretBytes key, wrapKey(shared, share, recipient));
  Stanza s;
  s.type = kX25519StanzaType;
  s.args = {base64NoPad(share)};
  s.body = wrapFileKey(key, file_key);
  return s;
}

Result<std::optional<SecretBytes>> unwrapX25519(const X25519Identity& identity,
                                                const Stanza& stanza) {
  if (stanza.args.size() != 1) return headerError("an X25519 stanza has exactly one argument");
  std::array<std::uint8_t, 32> share{};
  if (!decodeBase64NoPadTo(stanza.args[0], share))
    return headerError("the X25519 share is not canonical base64 of 32 bytes");
  if (stanza.body.size() != kWrappedFileKeyBytes)
    return headerError("an X25519 stanza body is 32 bytes");
  JAMUL_ASSIGN_OR_RETURN(SecretBytes shared, SecretBytes::allocate(32));
  // The spec: "If the shared secret is all 0x00 bytes, the identity implementation MUST abort";
  // libsodium's crypto_scalarmult returns -1 exactly then.
  if (crypto_scalarmult(shared.bytes().data(), identity.scalar().bytes().data(), share.data()) != 0)
    return headerError("the X25519 share is a low-order point (all-zero shared secret)");
  JAMUL_ASSIGN_OR_RETURN(SecretBytes key, wrapKey(shared, share, identity.recipient()));
  return unwrapFileKey(key, stanza.body);
}

}  // namespace detail
}  // namespace jamul::crypto::age
