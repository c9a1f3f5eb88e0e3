// SPDX-License-Identifier: Apache-2.0
#include "decode/encoding_sniffer.h"

#include <boost/test/unit_test.hpp>
#include <random>

#include "jamul/common/utf8.h"
#include "support/temp_dir.h"

namespace jamul::scanner::decode {
namespace {

using Kind = SniffResult::Kind;

// UTF-16 encodings of `ascii_or_bmp` code units, for building inputs.
std::string utf16(std::u16string_view units, bool little_endian) {
  std::string out;
  for (char16_t u : units) {
    const char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    out.push_back(little_endian ? lo : hi);
    out.push_back(little_endian ? hi : lo);
  }
  return out;
}

BOOST_AUTO_TEST_SUITE(encoding_sniffer)

BOOST_AUTO_TEST_CASE(byte_order_marks_decide_the_encoding) {
  auto r = sniff("\xEF\xBB\xBF주민번호", true);
  BOOST_TEST((r.kind == Kind::kText && r.encoding == TextEncoding::kUtf8 && r.bom_length == 3));
  r = sniff(std::string("\xFF\xFE") + utf16(u"전화 010", true), true);
  BOOST_TEST((r.kind == Kind::kText && r.encoding == TextEncoding::kUtf16Le && r.bom_length == 2));
  r = sniff(std::string("\xFE\xFF") + utf16(u"전화 010", false), true);
  BOOST_TEST((r.kind == Kind::kText && r.encoding == TextEncoding::kUtf16Be && r.bom_length == 2));
  r = sniff(std::string("\xFF\xFE\0\0a\0\0\0", 8), true);
  BOOST_TEST((r.kind == Kind::kBinary));
}

BOOST_AUTO_TEST_CASE(utf16_without_bom_is_recognised_for_latin_and_korean_text) {
  auto r = sniff(utf16(u"Name, Phone\n Hong, 010-2000-0000\n", true), true);
  BOOST_TEST((r.kind == Kind::kText && r.encoding == TextEncoding::kUtf16Le && r.bom_length == 0));
  r = sniff(utf16(u"Name, Phone\n Hong, 010-2000-0000\n", false), true);
  BOOST_TEST((r.kind == Kind::kText && r.encoding == TextEncoding::kUtf16Be));
  // Hangul-only UTF-16 has no zero bytes at all.
  r = sniff(utf16(u"개인정보보호교육자료입니다주민등록번호를암호화하십시오", true), true);
  BOOST_TEST((r.kind == Kind::kText && r.encoding == TextEncoding::kUtf16Le));
  r = sniff(utf16(u"개인정보보호교육자료입니다주민등록번호를암호화하십시오", false), true);
  BOOST_TEST((r.kind == Kind::kText && r.encoding == TextEncoding::kUtf16Be));
}

// Issue 13: ASCII lines with Greek, Cyrillic, Arabic, Thai, box drawing and emoji (surrogate
// pairs) between them, without a BOM, were taken for binary.
BOOST_AUTO_TEST_CASE(issue_13_bomless_utf16_with_many_scripts_is_text) {
  const std::u16string sample =
      u"Greek: \u0395\u03BB\u03BB\u03B7\u03BD\u03B9\u03BA\u03AC\r\n"
      u"Cyrillic: \u041F\u0440\u0438\u0432\u0435\u0442\r\n"
      u"Arabic: \u0645\u0631\u062D\u0628\u0627\r\n"
      u"Thai: \u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35\r\n"
      u"Box: \u250C\u2500\u252C\u2500\u2510\r\n"
      u"Emoji: \xD83D\xDE00 \xD83E\xDD16\r\n"
      u"Phone: 010-2000-0000\r\n";
  auto r = sniff(utf16(sample, true), true);
  BOOST_TEST((r.kind == Kind::kText && r.encoding == TextEncoding::kUtf16Le && r.bom_length == 0));
  r = sniff(utf16(sample, false), true);
  BOOST_TEST((r.kind == Kind::kText && r.encoding == TextEncoding::kUtf16Be));
  // The file the issue names (../shared/corpus/txt), when the shared corpus is there.
  if (const auto dir = test::corpusDir("txt")) {
    const std::string bytes = test::readFile(*dir / "redsal__utf16le-no-bom.txt");
    r = sniff(bytes, true);
    BOOST_TEST((r.kind == Kind::kText && r.encoding == TextEncoding::kUtf16Le && r.bom_length == 0));
  }
}

BOOST_AUTO_TEST_CASE(sixteen_bit_binary_data_is_not_taken_for_utf16) {
  // Little-endian 16-bit samples (a sound or a table of small integers): zero high bytes, but C0
  // controls and lone surrogates among the low ones.
  std::string samples;
  for (int i = 0; i < 600; ++i) {
    const int v = (i * 37) % 300;
    samples.push_back(static_cast<char>(v & 0xFF));
    samples.push_back(static_cast<char>(v >> 8));
  }
  BOOST_TEST((sniff(samples, true).kind == Kind::kBinary));
  std::string surrogates = utf16(u"abc", true);
  for (int i = 0; i < 40; ++i) surrogates += utf16(u"a\xDC00" u"b", true);
  BOOST_TEST(!(sniff(surrogates, true).kind == Kind::kText &&
               sniff(surrogates, true).encoding == TextEncoding::kUtf16Le));
}

BOOST_AUTO_TEST_CASE(cp949_is_recognised_and_utf8_is_preferred_when_valid) {
  // "한글 주민번호" in CP949: C7D1 B1DB 20 C1D6 B9CE B9F8 C8A3.
  const std::string cp949 = "\xC7\xD1\xB1\xDB \xC1\xD6\xB9\xCE\xB9\xF8\xC8\xA3 900101-1234568";
  auto r = sniff(cp949, true);
  BOOST_TEST((r.kind == Kind::kText && r.encoding == TextEncoding::kCp949));
  r = sniff("plain ASCII 123", true);
  BOOST_TEST((r.kind == Kind::kText && r.encoding == TextEncoding::kUtf8));
  r = sniff("한글 텍스트", true);
  BOOST_TEST((r.kind == Kind::kText && r.encoding == TextEncoding::kUtf8));
}

BOOST_AUTO_TEST_CASE(a_sample_cut_inside_a_character_is_still_utf8) {
  const std::string text = "주민번호 900101-1234568 한";
  const std::string cut = text.substr(0, text.size() - 1);  // last syllable cut after 2 of 3 bytes
  const SniffResult r = sniff(cut, false);
  BOOST_TEST((r.kind == Kind::kText && r.encoding == TextEncoding::kUtf8));
}

BOOST_AUTO_TEST_CASE(fast_utf8_validation_agrees_with_the_reference) {
  // Random strings built from bytes around every UTF-8 boundary (overlongs, surrogates, > U+10FFFF,
  // truncations), long enough to cross the 16-byte fast path.
  const unsigned char edges[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1,
                                 0xC2, 0xDF, 0xE0, 0xEC, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
  std::mt19937_64 rng(11);
  int valid = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s(static_cast<std::size_t>(rng() % 40), 'a');
    for (char& c : s) c = static_cast<char>(edges[rng() % std::size(edges)]);
    if (rng() % 2 == 0) s = "한글 text " + s + " 끝";
    BOOST_TEST_REQUIRE(isWellFormedUtf8(s, true) == utf8::isValid(s));
    valid += utf8::isValid(s) ? 1 : 0;
  }
  BOOST_TEST(valid > 100);  // both outcomes were exercised
  BOOST_TEST(isWellFormedUtf8("abc\xED\x95", false));   // cut inside 한: a valid prefix
  BOOST_TEST(!isWellFormedUtf8("abc\xED\xA0", false));  // a surrogate prefix is not
}

BOOST_AUTO_TEST_CASE(binary_formats_and_age_files_are_named) {
  BOOST_TEST(sniff("%PDF-1.7\n...", true).format == "pdf");
  BOOST_TEST(sniff(std::string("PK\x03\x04\x14\0", 6), true).format == "zip");
  BOOST_TEST(sniff(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10), true).format == "ole2");
  BOOST_TEST(sniff("\x89PNG\r\n\x1A\n....", true).format == "png");
  BOOST_TEST(sniff(std::string("\x7F" "ELF\x02\x01\x01\0", 8), true).format == "elf");
  auto r = sniff("age-encryption.org/v1\n-> X25519 abc\n", true);
  BOOST_TEST((r.kind == Kind::kAge));
  r = sniff("-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n", true);
  BOOST_TEST((r.kind == Kind::kAge));
  r = sniff(std::string("\x01\x02\x03\x00\x00\x05\x06garbage", 14), true);
  BOOST_TEST((r.kind == Kind::kBinary && r.format == "binary"));
  BOOST_TEST((sniff("", true).kind == Kind::kEmpty));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::decode
