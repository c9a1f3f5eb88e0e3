// SPDX-License-Identifier: Apache-2.0
#include "jamul/crypto/signing_key.h"

#include <sys/stat.h>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>

#include "jamul/common/base64.h"
#include "support/temp_dir.h"

namespace jamul::crypto {
namespace {

BOOST_AUTO_TEST_SUITE(signing_key)

// RFC 8032 §7.1, TEST 1: the empty message under the all-known secret key.
BOOST_AUTO_TEST_CASE(signs_as_rfc_8032_test_1) {
  const std::string seed_hex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  auto seed = SecretBytes::allocate(32);
  BOOST_TEST_REQUIRE(seed.ok());
  for (std::size_t i = 0; i < 32; ++i)
    seed->bytes()[i] = static_cast<std::uint8_t>(std::stoi(seed_hex.substr(2 * i, 2), nullptr, 16));
  auto key = SigningKey::fromSeed(std::move(*seed));
  BOOST_TEST_REQUIRE(key.ok());
  std::string public_hex;
  for (std::uint8_t b : key->publicKey()) {
    static const char* kHex = "0123456789abcdef";
    public_hex += kHex[b >> 4];
    public_hex += kHex[b & 15];
  }
  BOOST_TEST(public_hex == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  const std::string signature = key->sign("");
  BOOST_TEST(signature.size() == kSignatureBytes);
  BOOST_TEST(static_cast<unsigned char>(signature[0]) == 0xe5);
  BOOST_TEST(static_cast<unsigned char>(signature[63]) == 0x0b);
}

BOOST_AUTO_TEST_CASE(a_signature_verifies_only_for_its_message_and_key) {
  test::TempDir dir;
  auto key = SigningKey::loadOrCreate((dir.path() / "policy-signing.key").string());
  BOOST_TEST_REQUIRE(key.ok());
  const std::string pub(reinterpret_cast<const char*>(key->publicKey().data()), kSigningPublicKeyBytes);
  const std::string signature = key->sign("jamul policy v1\n{\"version\":3}");
  BOOST_TEST(verifySignature(pub, "jamul policy v1\n{\"version\":3}", signature));
  BOOST_TEST(!verifySignature(pub, "jamul policy v1\n{\"version\":4}", signature));
  std::string flipped = signature;
  flipped[10] = static_cast<char>(flipped[10] ^ 1);
  BOOST_TEST(!verifySignature(pub, "jamul policy v1\n{\"version\":3}", flipped));
  BOOST_TEST(!verifySignature(pub.substr(1), "x", signature));
  BOOST_TEST(base64::decode(key->publicKeyBase64()).value_or("") == pub);
}

BOOST_AUTO_TEST_CASE(the_key_file_is_private_and_loads_the_same_key_again) {
  test::TempDir dir;
  const std::string path = (dir.path() / "policy-signing.key").string();
  auto first = SigningKey::loadOrCreate(path);
  BOOST_TEST_REQUIRE(first.ok());
  struct stat st {};
  BOOST_TEST_REQUIRE(::stat(path.c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0600u);
  auto second = SigningKey::loadOrCreate(path);
  BOOST_TEST_REQUIRE(second.ok());
  BOOST_TEST((first->publicKey() == second->publicKey()));
  ::chmod(path.c_str(), 0644);
  auto exposed = SigningKey::loadOrCreate(path);
  BOOST_TEST_REQUIRE(!exposed.ok());
  BOOST_TEST((exposed.error().code() == ErrorCode::kPermissionDenied));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::crypto
