// SPDX-License-Identifier: Apache-2.0
#include "decode/text_decoder.h"

#include <boost/test/unit_test.hpp>

namespace jamul::scanner::decode {
namespace {

// Decodes `input` fed in pieces of `piece` bytes.
std::string decodeInPieces(TextEncoding encoding, std::string_view input, std::size_t piece) {
  auto decoder = makeDecoder(encoding);
  BOOST_REQUIRE(decoder.ok());
  std::string out;
  for (std::size_t i = 0; i < input.size(); i += piece) {
    const bool last = i + piece >= input.size();
    (*decoder)->decode(input.substr(i, piece), last, out);
  }
  if (input.empty()) (*decoder)->decode({}, true, out);
  return out;
}

std::string utf16le(std::u16string_view units) {
  std::string out;
  for (char16_t u : units) {
    out.push_back(static_cast<char>(u & 0xFF));
    out.push_back(static_cast<char>(u >> 8));
  }
  return out;
}

BOOST_AUTO_TEST_SUITE(text_decoder)

BOOST_AUTO_TEST_CASE(utf16_pieces_split_anywhere_give_the_same_text) {
  // Includes a surrogate pair (U+1F600) so a split can fall inside it.
  const std::u16string units = u"주민번호 900101-1234568 \U0001F600 끝";
  const std::string bytes = utf16le(units);
  const std::string expected = "주민번호 900101-1234568 \xF0\x9F\x98\x80 끝";
  for (std::size_t piece : {1u, 2u, 3u, 5u, 7u, 1000u})
    BOOST_TEST(decodeInPieces(TextEncoding::kUtf16Le, bytes, piece) == expected);
}

BOOST_AUTO_TEST_CASE(utf16_big_endian_and_broken_surrogates) {
  std::string be;
  for (char16_t u : std::u16string(u"전화 010")) {
    be.push_back(static_cast<char>(u >> 8));
    be.push_back(static_cast<char>(u & 0xFF));
  }
  BOOST_TEST(decodeInPieces(TextEncoding::kUtf16Be, be, 3) == "전화 010");
  // A lone high surrogate, a lone low surrogate and an odd trailing byte each become U+FFFD.
  const std::string broken = utf16le(u"a") + std::string("\x00\xD8", 2) + utf16le(u"b") +
                             std::string("\x00\xDC", 2) + "z";
  BOOST_TEST(decodeInPieces(TextEncoding::kUtf16Le, broken, 2) ==
             "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD");
}

BOOST_AUTO_TEST_CASE(cp949_decodes_ks_x_1001_and_the_uhc_extension_across_pieces) {
  // "한글" (KS X 1001: C7D1 B1DB) and "똠" (UHC extension: 8C63 = U+B620), then ASCII.
  const std::string cp949 = "\xC7\xD1\xB1\xDB \x8C\x63 900101-1234568";
  const std::string expected = "한글 똠 900101-1234568";
  for (std::size_t piece : {1u, 2u, 3u, 64u})
    BOOST_TEST(decodeInPieces(TextEncoding::kCp949, cp949, piece) == expected);
}

BOOST_AUTO_TEST_CASE(cp949_invalid_pairs_become_one_replacement_per_lead_byte) {
  // Lead bytes followed by bytes that make no character: each lead byte is one U+FFFD (three
  // output bytes per input byte, the worst case the output buffer must hold).
  auto decoder = makeDecoder(TextEncoding::kCp949);
  BOOST_REQUIRE(decoder.ok());
  const std::string input(999, '\xFF');  // 0xFF is neither a lead nor a trail byte
  std::string out;
  (*decoder)->decode(input, true, out);
  std::string expected;
  for (int i = 0; i < 999; ++i) expected += "\xEF\xBF\xBD";
  BOOST_TEST(out == expected);
}

BOOST_AUTO_TEST_CASE(utf8_passes_through_byte_for_byte) {
  const std::string bytes = "ok \xFF\xFE 그대로";
  BOOST_TEST(decodeInPieces(TextEncoding::kUtf8, bytes, 4) == bytes);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::decode
