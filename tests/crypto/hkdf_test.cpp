// SPDX-License-Identifier: Apache-2.0
// HKDF-SHA-256 against RFC 5869 Appendix A (test cases 1-3, the SHA-256 ones), and HMAC-SHA-256
// against RFC 4231 test case 2.
#include "age/hkdf.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace jamul::crypto::age::detail {
namespace {

std::vector<std::uint8_t> range(int from, int to) {
  std::vector<std::uint8_t> out;
  for (int i = from; i < to; ++i) out.push_back(static_cast<std::uint8_t>(i));
  return out;
}

std::string hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

std::string hkdfHex(const std::vector<std::uint8_t>& ikm, const std::vector<std::uint8_t>& salt,
                    const std::vector<std::uint8_t>& info, std::size_t length) {
  std::vector<std::uint8_t> out(length);
  hkdfSha256(ikm, salt, std::string_view(reinterpret_cast<const char*>(info.data()), info.size()),
             out);
  return hex(out);
}

BOOST_AUTO_TEST_SUITE(hkdf)

BOOST_AUTO_TEST_CASE(rfc5869_test_case_1_basic) {
  BOOST_TEST(
      hkdfHex(std::vector<std::uint8_t>(22, 0x0b), range(0x00, 0x0d), range(0xf0, 0xfa), 42) ==
      "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
}

BOOST_AUTO_TEST_CASE(rfc5869_test_case_2_long_inputs_and_output) {
  BOOST_TEST(
      hkdfHex(range(0x00, 0x50), range(0x60, 0xb0), range(0xb0, 0x100), 82) ==
      "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c6"
      "5e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87");
}

BOOST_AUTO_TEST_CASE(rfc5869_test_case_3_empty_salt_and_info) {
  // age's header key uses an empty salt: HKDF then uses 32 zero bytes.
  BOOST_TEST(
      hkdfHex(std::vector<std::uint8_t>(22, 0x0b), {}, {}, 42) ==
      "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  BOOST_TEST(hkdfHex(std::vector<std::uint8_t>(22, 0x0b), std::vector<std::uint8_t>(32, 0), {},
                     42) == hkdfHex(std::vector<std::uint8_t>(22, 0x0b), {}, {}, 42));
}

BOOST_AUTO_TEST_CASE(rfc4231_hmac_sha256_test_case_2) {
  const std::string key = "Jefe", data = "what do ya want for nothing?";
  std::array<std::uint8_t, 32> mac{};
  hmacSha256({reinterpret_cast<const std::uint8_t*>(key.data()), key.size()},
             {reinterpret_cast<const std::uint8_t*>(data.data()), data.size()}, mac);
  BOOST_TEST(hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::crypto::age::detail
