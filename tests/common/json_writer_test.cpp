// SPDX-License-Identifier: Apache-2.0
#include "jamul/common/json_writer.h"

#include <boost/test/unit_test.hpp>
#include <string_view>

namespace jamul {
namespace {

BOOST_AUTO_TEST_SUITE(json_writer)

BOOST_AUTO_TEST_CASE(objects_arrays_and_scalars) {
  std::string out;
  JsonWriter w(out);
  w.beginObject()
      .key("path")
      .value("문서/a.csv")
      .key("n")
      .value(std::uint64_t{18446744073709551615ull})
      .key("neg")
      .value(std::int64_t{-3})
      .key("ok")
      .value(true)
      .key("none")
      .null()
      .key("list")
      .beginArray()
      .value(1)
      .value("two")
      .beginObject()
      .endObject()
      .endArray()
      .key("empty")
      .beginArray()
      .endArray()
      .endObject();
  BOOST_TEST(w.complete());
  BOOST_TEST(out ==
             R"({"path":"문서/a.csv","n":18446744073709551615,"neg":-3,"ok":true,"none":null,)"
             R"("list":[1,"two",{}],"empty":[]})");
}

BOOST_AUTO_TEST_CASE(strings_are_escaped_and_always_valid_utf8) {
  std::string out;
  BOOST_TEST(appendJsonString(out, "q\"b\\n\n\t\x01\x7F"));  // escaped, but valid UTF-8
  BOOST_TEST(out == R"("q\"b\\n\n\t\u0001\u007f")");
  out.clear();
  BOOST_TEST(!appendJsonString(out, "bad \xFF\xC3 end"));  // invalid bytes become U+FFFD
  BOOST_TEST(out == "\"bad \xEF\xBF\xBD\xEF\xBF\xBD end\"");
  out.clear();
  BOOST_TEST(appendJsonString(out, "민원/대장.csv"));
  JsonWriter w(out);
  w.beginArray().value("한글");
  BOOST_TEST(w.lastStringValid());
  w.value("\xED\xA0\x80");  // a surrogate: not UTF-8
  BOOST_TEST(!w.lastStringValid());
  w.endArray();
  // restart(): the same writer, a new document in the (cleared) output.
  out.clear();
  w.restart();
  w.beginObject().key("a").value(1).endObject();
  BOOST_TEST(out == R"({"a":1})");
  BOOST_TEST(w.complete());
}

BOOST_AUTO_TEST_CASE(keys_are_escaped_like_strings) {
  std::string out;
  JsonWriter w(out);
  w.beginObject().key("plain").value(1).key("a\"b\\").value(2).key("한\n").value(3).endObject();
  BOOST_TEST(out == R"({"plain":1,"a\"b\\":2,"한\n":3})");
}

// Runs of non-ASCII bytes are validated whole: a bad byte anywhere in a long Hangul run must still
// become U+FFFD on its own, with every valid character around it kept.
BOOST_AUTO_TEST_CASE(bad_bytes_inside_long_hangul_runs_are_replaced_alone) {
  const std::string hangul = "주민등록번호개인정보";  // 10 characters, 30 bytes
  for (const std::string_view bad :
       {std::string_view("\xFF"), std::string_view("\xED\x95"), std::string_view("\x80")}) {
    for (std::size_t cut = 0; cut <= hangul.size(); cut += 3) {
      const std::string text =
          "a" + hangul.substr(0, cut) + std::string(bad) + hangul.substr(cut) + "b";
      std::string out;
      appendJsonString(out, text);
      std::string replaced;
      for (std::size_t n = 0; n < bad.size(); ++n) replaced += "\xEF\xBF\xBD";  // one per bad byte
      const std::string expected =
          "\"a" + hangul.substr(0, cut) + replaced + hangul.substr(cut) + "b\"";
      BOOST_TEST(out == expected, "bad run at byte " << cut);
    }
  }
}

// The escaper reads eight bytes at a time where it can: a byte that needs escaping must be caught
// at every position relative to those words, and at every distance from the end of the text.
BOOST_AUTO_TEST_CASE(escapes_are_found_at_every_position) {
  const std::string_view specials[] = {"\"",   "\\",   "\n",           "\x01", "\x1F",
                                       "\x7F", "\xFF", "\xED\xA0\x80", "한",   "\xC3"};
  const std::string_view escaped[] = {
      "\\\"",    "\\\\",        "\\n",          "\\u0001",
      "\\u001f", "\\u007f",     "\xEF\xBF\xBD", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
      "한",      "\xEF\xBF\xBD"};
  for (std::size_t k = 0; k < std::size(specials); ++k) {
    for (std::size_t before = 0; before <= 17; ++before) {
      for (std::size_t after = 0; after <= 9; ++after) {
        const std::string text =
            std::string(before, 'a') + std::string(specials[k]) + std::string(after, 'z');
        std::string out;
        appendJsonString(out, text);
        const std::string expected = "\"" + std::string(before, 'a') + std::string(escaped[k]) +
                                     std::string(after, 'z') + "\"";
        BOOST_TEST(out == expected, "special " << k << " after " << before << " bytes");
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul
