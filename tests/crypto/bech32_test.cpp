// SPDX-License-Identifier: Apache-2.0
// Bech32: the test vectors of BIP 173 ("Test vectors"), age's lifted length limit, round trips.
#include "jamul/crypto/bech32.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace jamul::crypto::bech32 {
namespace {

BOOST_AUTO_TEST_SUITE(bech32)

BOOST_AUTO_TEST_CASE(bip173_valid_checksums) {
  const std::vector<std::string> valid = {
      "A12UEL5L",
      "a12uel5l",
      "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
      "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
      "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
      "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
      "?1ezyfcl",
  };
  for (const std::string& s : valid) {
    auto words = decodeWords(s);
    BOOST_TEST(words.ok(), s);
    if (!words) continue;
    BOOST_TEST((words->letter_case == (s == "A12UEL5L" ? LetterCase::kUpper : LetterCase::kLower)),
               s);
    // Re-encoding the words under the lower-case HRP gives back the lower-case string.
    std::string lower = s;
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    BOOST_TEST(encodeWords(words->hrp, words->words) == lower);
  }
}

BOOST_AUTO_TEST_CASE(bip173_invalid_strings) {
  const std::vector<std::pair<std::string, std::string>> invalid = {
      {std::string(1, '\x20') + "1nwldj5", "HRP character out of range"},
      {std::string(1, '\x7f') + "1axkwrx", "HRP character out of range"},
      {std::string(1, '\x80') + "1eym55h", "HRP character out of range"},
      {"an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pv"
       "x",
       "HRP longer than 83"},
      {"pzry9x0s0muk", "no separator"},
      {"1pzry9x0s0muk", "empty HRP"},
      {"x1b4n0q5v", "invalid data character"},
      {"li1dgmt3", "too short checksum"},
      {"de1lg7wt" + std::string(1, '\xff'), "invalid character in checksum"},
      {"A1G7SGD8", "checksum calculated with uppercase form of HRP"},
      {"10a06t8", "empty HRP"},
      {"1qzzfhee", "empty HRP"},
      {"a12UEL5L", "mixed case"},
      {"A12uEL5L", "mixed case"},
  };
  for (const auto& [s, why] : invalid) {
    auto r = decodeWords(s);
    BOOST_TEST(!r.ok(), why);
    if (!r) {
      BOOST_TEST((r.error().code() == ErrorCode::kInvalidArgument));
      BOOST_TEST(r.error().message().starts_with("Bech32: "));
    }
  }
}

BOOST_AUTO_TEST_CASE(bytes_of_a_bip173_vector) {
  // "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw": the data part is every character once, i.e.
  // the 5-bit values 0..31, which are 20 whole bytes.
  auto d = decode("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw");
  BOOST_REQUIRE(d.ok());
  BOOST_TEST(d->hrp == "abcdef");
  const std::vector<std::uint8_t> expected = {0x00, 0x44, 0x32, 0x14, 0xc7, 0x42, 0x54,
                                              0xb6, 0x35, 0xcf, 0x84, 0x65, 0x3a, 0x56,
                                              0xd7, 0xc6, 0x75, 0xbe, 0x77, 0xdf};
  BOOST_TEST(d->data == expected, boost::test_tools::per_element());
  BOOST_TEST(encode("abcdef", d->data) == "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw");
  // 51 zero bytes under HRP "1": the 90-character vector.
  const std::vector<std::uint8_t> zeros(51, 0);
  BOOST_TEST(
      encode("1", zeros) ==
      "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j");
}

BOOST_AUTO_TEST_CASE(round_trips_in_both_cases_beyond_90_characters) {
  for (std::size_t size : {0u, 1u, 2u, 5u, 31u, 32u, 33u, 64u, 200u, 1249u}) {
    std::vector<std::uint8_t> data(size);
    for (std::size_t i = 0; i < size; ++i) data[i] = static_cast<std::uint8_t>(i * 37 + 11);
    for (LetterCase c : {LetterCase::kLower, LetterCase::kUpper}) {
      const std::string text = encode(c == LetterCase::kUpper ? "AGE-SECRET-KEY-" : "age", data, c);
      BOOST_TEST(text.size() == encodedLength(c == LetterCase::kUpper ? 15 : 3, size));
      auto back = decode(text);
      BOOST_REQUIRE_MESSAGE(back.ok(), "size " << size);
      BOOST_TEST(back->hrp == (c == LetterCase::kUpper ? "age-secret-key-" : "age"));
      BOOST_TEST((back->letter_case == c || size == 0));
      BOOST_TEST(back->data == data, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(every_single_character_change_is_caught) {
  const std::vector<std::uint8_t> key(32, 0x42);
  const std::string text = encode("age", key);
  const std::string alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  for (std::size_t i = 4; i < text.size(); ++i) {
    for (char c : alphabet) {
      if (c == text[i]) continue;
      std::string changed = text;
      changed[i] = c;
      BOOST_TEST(!decode(changed).ok(), "position " << i);
    }
  }
}

BOOST_AUTO_TEST_CASE(padding_must_be_short_and_zero) {
  // One byte is two 5-bit groups with 2 bits of padding: {31, 28} is 0xff, {31, 29} sets a
  // padding bit. The words are a valid Bech32 string either way; only the first is bytes.
  const std::vector<std::uint8_t> clean = {31, 28}, dirty = {31, 29}, excess = {31};
  auto ok = decode(encodeWords("age", clean));
  BOOST_REQUIRE(ok.ok());
  BOOST_TEST(ok->data == std::vector<std::uint8_t>{0xff}, boost::test_tools::per_element());
  BOOST_TEST(decodeWords(encodeWords("age", dirty)).ok());
  BOOST_TEST(!decode(encodeWords("age", dirty)).ok());
  // One group alone is 5 bits of padding, more than BIP 173's 4.
  BOOST_TEST(decodeWords(encodeWords("age", excess)).ok());
  BOOST_TEST(!decode(encodeWords("age", excess)).ok());
  // encodeWords reproduces BIP 173's vectors from their words.
  auto words = decodeWords("split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w");
  BOOST_REQUIRE(words.ok());
  BOOST_TEST(encodeWords("split", words->words) ==
             "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w");
}

BOOST_AUTO_TEST_CASE(the_age_spec_x25519_example_keys) {
  // age-encryption.org/v1, "The X25519 recipient type": both strings decode to 32 bytes.
  auto id = decode("AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX");
  BOOST_REQUIRE(id.ok());
  BOOST_TEST(id->hrp == "age-secret-key-");
  BOOST_TEST((id->letter_case == LetterCase::kUpper));
  BOOST_TEST(id->data == std::vector<std::uint8_t>(32, 0x42), boost::test_tools::per_element());
  auto recipient = decode("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj");
  BOOST_REQUIRE(recipient.ok());
  BOOST_TEST(recipient->data.size() == 32u);
}

BOOST_AUTO_TEST_CASE(messages_never_quote_the_input) {
  const std::string secret =
      "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEY";
  auto r = decode(secret);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().toString().find("GFPYYSJZ") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::crypto::bech32
