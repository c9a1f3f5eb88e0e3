// SPDX-License-Identifier: Apache-2.0
// X25519 keys and passphrases: the spec's example key pair, round trips, the case and HRP rules,
// and that no string meant for logs carries a secret.
#include "jamul/crypto/age_keys.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "crypto/age_test_util.h"
#include "jamul/crypto/age.h"
#include "jamul/crypto/bech32.h"

namespace jamul::crypto::age {
namespace {

using test_util::textOf;

// age-encryption.org/v1, "The X25519 recipient type".
constexpr std::string_view kSpecIdentity =
    "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";
constexpr std::string_view kSpecRecipient =
    "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";

BOOST_AUTO_TEST_SUITE(age_keys)

BOOST_AUTO_TEST_CASE(the_spec_example_key_pair) {
  auto id = X25519Identity::parse(kSpecIdentity);
  BOOST_REQUIRE(id.ok());
  BOOST_TEST(id->recipient().encode() == kSpecRecipient);
  auto encoded = id->encode();
  BOOST_REQUIRE(encoded.ok());
  BOOST_TEST(textOf(*encoded) == kSpecIdentity);
  auto recipient = X25519Recipient::parse(kSpecRecipient);
  BOOST_REQUIRE(recipient.ok());
  BOOST_TEST((*recipient == id->recipient()));
}

BOOST_AUTO_TEST_CASE(generated_keys_round_trip_and_differ) {
  auto a = X25519Identity::generate(), b = X25519Identity::generate();
  BOOST_REQUIRE(a.ok() && b.ok());
  BOOST_TEST(a->recipient().encode() != b->recipient().encode());
  auto text = a->encode();
  BOOST_REQUIRE(text.ok());
  BOOST_TEST(textOf(*text).starts_with("AGE-SECRET-KEY-1"));
  BOOST_TEST(text->size() == 74u);
  auto again = X25519Identity::parse(textOf(*text));
  BOOST_REQUIRE(again.ok());
  BOOST_TEST((again->recipient() == a->recipient()));
  const std::string r = a->recipient().encode();
  BOOST_TEST(r.starts_with("age1"));
  BOOST_TEST(r.size() == 62u);
  auto parsed = X25519Recipient::parse(r);
  BOOST_REQUIRE(parsed.ok());
  BOOST_TEST((*parsed == a->recipient()));
}

BOOST_AUTO_TEST_CASE(case_and_hrp_rules) {
  std::string lower_identity(kSpecIdentity), upper_recipient(kSpecRecipient);
  for (char& c : lower_identity) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char& c : upper_recipient)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  // Valid Bech32 both, but age accepts identities in upper case and recipients in lower case only.
  BOOST_TEST(!X25519Identity::parse(lower_identity).ok());
  BOOST_TEST(!X25519Recipient::parse(upper_recipient).ok());
  // Each HRP names its kind.
  BOOST_TEST(!X25519Identity::parse(kSpecRecipient).ok());
  BOOST_TEST(!X25519Recipient::parse(kSpecIdentity).ok());
  // Wrong lengths: 31 and 33 bytes under the right HRP.
  BOOST_TEST(!X25519Recipient::parse(bech32::encode("age", std::vector<std::uint8_t>(31, 1))).ok());
  BOOST_TEST(!X25519Recipient::parse(bech32::encode("age", std::vector<std::uint8_t>(33, 1))).ok());
  BOOST_TEST(
      !X25519Identity::parse(bech32::encode("AGE-SECRET-KEY-", std::vector<std::uint8_t>(31, 1),
                                            bech32::LetterCase::kUpper))
           .ok());
  BOOST_TEST(!X25519Recipient::parse(std::string(kSpecRecipient) + " ").ok());
  BOOST_TEST(!X25519Recipient::parse("").ok());
  auto e = X25519Recipient::parse("age1nope");
  BOOST_REQUIRE(!e.ok());
  BOOST_TEST((e.error().code() == ErrorCode::kInvalidArgument));
}

BOOST_AUTO_TEST_CASE(from_scalar_checks_the_size) {
  auto scalar = SecretBytes::allocate(31);
  BOOST_REQUIRE(scalar.ok());
  BOOST_TEST(!X25519Identity::fromScalar(std::move(*scalar)).ok());
  auto spec = SecretBytes::allocate(32);
  BOOST_REQUIRE(spec.ok());
  std::fill(spec->bytes().begin(), spec->bytes().end(), std::uint8_t{0x42});
  auto id = X25519Identity::fromScalar(std::move(*spec));
  BOOST_REQUIRE(id.ok());
  BOOST_TEST(id->recipient().encode() == kSpecRecipient);
}

BOOST_AUTO_TEST_CASE(log_strings_and_errors_never_hold_the_secret) {
  auto id = X25519Identity::parse(kSpecIdentity);
  BOOST_REQUIRE(id.ok());
  const std::string secret_part(kSpecIdentity.substr(16, 40));
  BOOST_TEST(id->toString() == "X25519 identity " + std::string(kSpecRecipient));
  BOOST_TEST(id->toString().find(secret_part) == std::string::npos);
  // A key with one character changed: the error says what, never the text.
  std::string broken(kSpecIdentity);
  broken[30] = broken[30] == 'Q' ? 'P' : 'Q';
  auto bad = X25519Identity::parse(broken);
  BOOST_REQUIRE(!bad.ok());
  BOOST_TEST(bad.error().toString().find(secret_part.substr(0, 12)) == std::string::npos);
  BOOST_TEST(bad.error().toString().find("GFPYYSJZ") == std::string::npos);
  // Identity files: the line number, not the line.
  auto file = parseIdentityFile("# comment\n" + broken + "\n");
  BOOST_REQUIRE(!file.ok());
  BOOST_TEST(file.error().message().find("line 2") != std::string::npos);
  BOOST_TEST(file.error().toString().find("GFPYYSJZ") == std::string::npos);
  // A wrong passphrase: nothing of it in the error.
  auto right = Passphrase::from("hunter2-correct", 4);
  auto wrong = Passphrase::from("hunter2-wrong", 4);
  BOOST_REQUIRE(right.ok() && wrong.ok());
  const Recipient to[] = {&*right};
  const std::string sealed = test_util::encryptOrDie("x", to);
  const Identity with[] = {&*wrong};
  auto opened = decryptBytes(sealed, with);
  BOOST_REQUIRE(!opened.ok());
  BOOST_TEST((opened.error().code() == ErrorCode::kWrongKey));
  BOOST_TEST(opened.error().toString().find("hunter2") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(passphrase_settings) {
  BOOST_TEST(!Passphrase::from("").ok());
  BOOST_TEST(!Passphrase::from("pw", 0).ok());
  BOOST_TEST(!Passphrase::from("pw", Passphrase::kMaxWorkFactor + 1).ok());
  auto p = Passphrase::from("pw");
  BOOST_REQUIRE(p.ok());
  BOOST_TEST(p->work_factor == 18);
  BOOST_TEST(p->max_work_factor == 22);
  BOOST_TEST(textOf(p->bytes) == "pw");
}

BOOST_AUTO_TEST_CASE(low_order_recipient_is_refused) {
  // The all-zero point: every shared secret with it is zero, so it protects nothing.
  const Recipient to[] = {X25519Recipient::fromKey({})};
  auto sealed = encryptBytes("secret", to);
  BOOST_REQUIRE(!sealed.ok());
  BOOST_TEST((sealed.error().code() == ErrorCode::kInvalidArgument));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::crypto::age
