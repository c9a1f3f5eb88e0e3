// SPDX-License-Identifier: Apache-2.0
// Identity files as `age -i` reads them, plain and passphrase-encrypted (`age -p` over a keys
// file).
#include "jamul/crypto/age_identity_file.h"

#include <boost/test/unit_test.hpp>
#include <optional>
#include <string>

#include "crypto/age_test_util.h"
#include "jamul/crypto/age.h"
#include "support/temp_dir.h"

namespace jamul::crypto::age {
namespace {

using test_util::textOf;

struct Keys {
  Keys() {
    for (auto* k : {&a, &b}) {
      auto id = X25519Identity::generate();
      BOOST_REQUIRE(id.ok());
      k->emplace(std::move(*id));
    }
    text = "# created: 2026-12-02T10:00:00Z\r\n# public key: " + a->recipient().encode() + "\r\n" +
           std::string(textOf(*a->encode())) + "\r\n\n   \n  " + std::string(textOf(*b->encode())) +
           "  \n";
  }
  std::optional<X25519Identity> a, b;
  std::string text;
};

BOOST_AUTO_TEST_SUITE(age_identity_file)

BOOST_AUTO_TEST_CASE(keygen_format_with_comments_blank_lines_and_crlf) {
  Keys keys;
  BOOST_TEST(!isEncryptedIdentityFile(keys.text));
  auto ids = parseIdentityFile(keys.text);
  BOOST_REQUIRE(ids.ok());
  BOOST_REQUIRE(ids->size() == 2u);
  BOOST_TEST(((*ids)[0].recipient() == keys.a->recipient()));
  BOOST_TEST(((*ids)[1].recipient() == keys.b->recipient()));
}

BOOST_AUTO_TEST_CASE(what_is_not_an_identity_file) {
  const auto code = [](std::string_view text) { return parseIdentityFile(text).error().code(); };
  BOOST_TEST((code("") == ErrorCode::kInvalidArgument));
  BOOST_TEST((code("# only a comment\n\n") == ErrorCode::kInvalidArgument));
  BOOST_TEST((code("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj\n") ==
              ErrorCode::kInvalidArgument));  // a recipient file given as identities
  BOOST_TEST((code("AGE-PLUGIN-YUBIKEY-1QQQQQQ\n") == ErrorCode::kUnsupportedFormat));
  BOOST_TEST((code("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n") ==
              ErrorCode::kUnsupportedFormat));
  BOOST_TEST((code(std::string(kMaxIdentityFileBytes + 1, '#')) == ErrorCode::kTooLarge));
  auto bad = parseIdentityFile("# a\n\nAGE-SECRET-KEY-1QQQQ\n");
  BOOST_REQUIRE(!bad.ok());
  BOOST_TEST(bad.error().message() == "identity file line 3: not an age X25519 identity");
}

BOOST_AUTO_TEST_CASE(passphrase_encrypted_identity_files_binary_and_armored) {
  Keys keys;
  auto pass = Passphrase::from("correct horse battery staple", 10);
  BOOST_REQUIRE(pass.ok());
  const Recipient to[] = {&*pass};
  for (bool armor : {false, true}) {
    const std::string locked = test_util::encryptOrDie(keys.text, to, armor);
    BOOST_TEST(isEncryptedIdentityFile(locked), "armor " << armor);
    auto without = parseIdentityFile(locked);
    BOOST_REQUIRE(!without.ok());
    BOOST_TEST((without.error().code() == ErrorCode::kWrongKey));
    BOOST_TEST(without.error().message().find("passphrase") != std::string::npos);
    auto wrong = Passphrase::from("wrong horse", 10);
    auto bad = parseIdentityFile(locked, &*wrong);
    BOOST_REQUIRE(!bad.ok());
    BOOST_TEST((bad.error().code() == ErrorCode::kWrongKey));
    auto ids = parseIdentityFile(locked, &*pass);
    BOOST_REQUIRE_MESSAGE(ids.ok(), (ids.ok() ? "" : ids.error().message()));
    BOOST_REQUIRE(ids->size() == 2u);
    BOOST_TEST(((*ids)[1].recipient() == keys.b->recipient()));
    // Damage is kCorrupt, not a wrong passphrase.
    std::string damaged = locked;
    damaged[damaged.size() - (armor ? 40 : 5)] ^= 0x01;
    auto broken = parseIdentityFile(damaged, &*pass);
    BOOST_REQUIRE(!broken.ok());
    BOOST_TEST((broken.error().code() == ErrorCode::kCorrupt));
  }
  // An encrypted file holding no identities.
  const std::string empty = test_util::encryptOrDie("# nothing\n", to);
  BOOST_TEST((parseIdentityFile(empty, &*pass).error().code() == ErrorCode::kInvalidArgument));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::crypto::age
