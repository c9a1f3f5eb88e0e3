// SPDX-License-Identifier: Apache-2.0
#include "jamul/crypto/credentials.h"

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

namespace jamul::crypto {
namespace {

BOOST_AUTO_TEST_SUITE(credentials)

BOOST_AUTO_TEST_CASE(a_password_hash_is_argon2id_and_checks_only_its_password) {
  auto hash = hashPassword("correct horse battery");
  BOOST_TEST_REQUIRE(hash.ok());
  BOOST_TEST(hash->starts_with("$argon2id$"));
  BOOST_TEST(hash->find("correct") == std::string::npos);
  BOOST_TEST(verifyPassword(*hash, "correct horse battery"));
  BOOST_TEST(!verifyPassword(*hash, "correct horse batterz"));
  BOOST_TEST(!verifyPassword("", "x"));
  BOOST_TEST(!verifyPassword("$argon2id$garbage", "x"));
  auto again = hashPassword("correct horse battery");
  BOOST_TEST_REQUIRE(again.ok());
  BOOST_TEST(*again != *hash);  // salted
}

BOOST_AUTO_TEST_CASE(tokens_are_random_url_safe_and_stored_as_digests) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string token = randomToken();
    BOOST_TEST(token.size() == 43u);  // 32 bytes, unpadded base64url
    BOOST_TEST(token.find_first_not_of(
                   "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
               std::string::npos);
    seen.insert(token);
  }
  BOOST_TEST(seen.size() == 100u);
  // BLAKE2b-256 of "abc" (RFC 7693 Appendix A gives BLAKE2b-512; this is libsodium's 32-byte output).
  BOOST_TEST(tokenDigest("abc") ==
             "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
  BOOST_TEST(tokenDigest("abc") != tokenDigest("abd"));
}

BOOST_AUTO_TEST_CASE(constant_time_equality_is_equality) {
  BOOST_TEST(constantTimeEquals("secret", "secret"));
  BOOST_TEST(!constantTimeEquals("secret", "secreT"));
  BOOST_TEST(!constantTimeEquals("secret", "secrets"));
  BOOST_TEST(constantTimeEquals("", ""));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::crypto
