// SPDX-License-Identifier: Apache-2.0
// age's two base64 dialects: canonical only (RFC 4648 §3.5), unpadded in headers, padded in armor.
#include "age/base64_strict.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace jamul::crypto::age::detail {
namespace {

std::vector<std::uint8_t> bytes(std::string_view s) { return {s.begin(), s.end()}; }

BOOST_AUTO_TEST_SUITE(base64_strict)

BOOST_AUTO_TEST_CASE(rfc4648_vectors_both_dialects) {
  const std::vector<std::pair<std::string, std::string>> vectors = {
      {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},         {"foo", "Zm9v"},
      {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, unpadded] : vectors) {
    BOOST_TEST(base64NoPad(bytes(plain)) == unpadded);
    auto back = decodeBase64NoPad(unpadded);
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST(*back == bytes(plain), boost::test_tools::per_element());
    std::string padded;
    appendBase64Padded(bytes(plain), padded);
    BOOST_TEST(padded == unpadded + std::string((4 - unpadded.size() % 4) % 4, '='));
    std::vector<std::uint8_t> decoded;
    BOOST_TEST(decodeBase64PaddedTo(padded, decoded));
    BOOST_TEST(decoded == bytes(plain), boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_CASE(unpadded_refuses_all_but_the_canonical_form) {
  BOOST_TEST(!decodeBase64NoPad("Zg==").has_value());    // padding
  BOOST_TEST(!decodeBase64NoPad("Zh").has_value());      // trailing bits set: "f" is only "Zg"
  BOOST_TEST(!decodeBase64NoPad("Zm9").has_value());     // "fo" is "Zm8"
  BOOST_TEST(!decodeBase64NoPad("Z").has_value());       // impossible length
  BOOST_TEST(!decodeBase64NoPad("Zm9v\n").has_value());  // whitespace
  BOOST_TEST(!decodeBase64NoPad("Zm-v").has_value());    // URL-safe alphabet
  BOOST_TEST(!decodeBase64NoPad("Zm_v").has_value());
  std::array<std::uint8_t, 3> three{};
  BOOST_TEST(decodeBase64NoPadTo("Zm9v", three));
  std::array<std::uint8_t, 2> two{};
  BOOST_TEST(!decodeBase64NoPadTo("Zm9v", two));  // wrong size
}

BOOST_AUTO_TEST_CASE(padded_refuses_missing_or_misplaced_padding) {
  std::vector<std::uint8_t> out;
  BOOST_TEST(!decodeBase64PaddedTo("Zg", out));        // missing
  BOOST_TEST(!decodeBase64PaddedTo("Zg=", out));       // short
  BOOST_TEST(!decodeBase64PaddedTo("Zh==", out));      // not canonical
  BOOST_TEST(!decodeBase64PaddedTo("Z===", out));      // too much
  BOOST_TEST(!decodeBase64PaddedTo("Zg==Zg==", out));  // padding in the middle
  BOOST_TEST(!decodeBase64PaddedTo("====", out));
  BOOST_TEST(out.empty());
}

BOOST_AUTO_TEST_CASE(round_trips_every_length) {
  for (std::size_t n = 0; n < 200; ++n) {
    std::vector<std::uint8_t> data(n);
    for (std::size_t i = 0; i < n; ++i) data[i] = static_cast<std::uint8_t>(i * 131 + n);
    auto back = decodeBase64NoPad(base64NoPad(data));
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST(*back == data, boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::crypto::age::detail
