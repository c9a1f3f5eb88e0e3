// SPDX-License-Identifier: Apache-2.0
// RandomStream: the bytes that overwrite files. They must never repeat within a stream or across
// streams, whatever the sizes asked for, and must look uniformly random.
#include "jamul/crypto/random_stream.h"

#include <array>
#include <boost/test/unit_test.hpp>
#include <set>
#include <string>
#include <vector>

namespace jamul::crypto {
namespace {

std::vector<std::uint8_t> take(RandomStream& stream, std::size_t n) {
  std::vector<std::uint8_t> out(n);
  stream.fill(out);
  return out;
}

BOOST_AUTO_TEST_SUITE(random_stream)

BOOST_AUTO_TEST_CASE(no_16_byte_window_repeats_within_or_across_streams) {
  auto a = RandomStream::create();
  auto b = RandomStream::create();
  BOOST_TEST_REQUIRE(a.ok());
  BOOST_TEST_REQUIRE(b.ok());
  std::set<std::string> seen;
  // Odd sizes: each call must start on a fresh keystream block, never reuse the rest of one.
  for (const std::size_t n : {1u, 63u, 64u, 65u, 1000u, 4096u, 17u}) {
    for (RandomStream* s : {&*a, &*b}) {
      const auto bytes = take(*s, n);
      for (std::size_t i = 0; i + 16 <= bytes.size(); i += 16)
        BOOST_TEST(seen.insert(std::string(bytes.begin() + i, bytes.begin() + i + 16)).second);
      if (n < 16) BOOST_TEST(seen.insert(std::string(bytes.begin(), bytes.end())).second);
    }
  }
}

BOOST_AUTO_TEST_CASE(bytes_are_spread_evenly) {
  auto s = RandomStream::create();
  BOOST_TEST_REQUIRE(s.ok());
  const auto bytes = take(*s, 1 << 20);
  std::array<std::size_t, 256> counts{};
  for (std::uint8_t byte : bytes) ++counts[byte];
  // 4096 expected per value; 5 standard deviations (sqrt(4096) = 64) either way.
  for (std::size_t v = 0; v < counts.size(); ++v)
    BOOST_TEST((counts[v] > 4096 - 320 && counts[v] < 4096 + 320),
               "value " << v << ": " << counts[v]);
}

BOOST_AUTO_TEST_CASE(a_moved_stream_goes_on_where_it_was) {
  auto s = RandomStream::create();
  BOOST_TEST_REQUIRE(s.ok());
  const auto first = take(*s, 64);
  RandomStream moved = std::move(*s);
  const auto second = take(moved, 64);
  BOOST_TEST(first != second);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::crypto
