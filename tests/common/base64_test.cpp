// SPDX-License-Identifier: Apache-2.0
#include "jamul/common/base64.h"

#include <boost/test/unit_test.hpp>

namespace jamul {
namespace {

BOOST_AUTO_TEST_SUITE(base64_codec)

BOOST_AUTO_TEST_CASE(rfc_4648_vectors_round_trip) {
  // RFC 4648 §10.
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    BOOST_TEST(base64::encode(plain) == encoded);
    BOOST_TEST(base64::decode(encoded).value() == plain);
  }
  const std::string bytes("\xFF\x00\xFE", 3);
  BOOST_TEST(base64::decode(base64::encode(bytes)).value() == bytes);
}

BOOST_AUTO_TEST_CASE(malformed_input_is_rejected) {
  BOOST_TEST(!base64::decode("Zg=").has_value());    // length
  BOOST_TEST(!base64::decode("Z!==").has_value());   // alphabet
  BOOST_TEST(!base64::decode("Zh==").has_value());   // non-zero padding bits
  BOOST_TEST(!base64::decode("Zg==Zg==").has_value());  // data after padding
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul
