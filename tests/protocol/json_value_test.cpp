// SPDX-License-Identifier: Apache-2.0
// JsonValue: the strict reader of what other processes send (local API) and policies say.
#include "jamul/protocol/json_value.h"

#include <boost/test/unit_test.hpp>
#include <string>

namespace jamul::protocol {
namespace {

std::string errorOf(std::string_view text, const JsonLimits& limits = {}) {
  auto r = JsonValue::parse(text, limits);
  return r.ok() ? std::string("(parsed)") : r.error().message();
}

BOOST_AUTO_TEST_SUITE(json_value)

BOOST_AUTO_TEST_CASE(reads_every_kind_of_value) {
  auto doc = JsonValue::parse(
      R"( {"s":"a\"b\\c\/\n\u00e9\ud83d\ude00가","i":-42,"big":9223372036854775807,)"
      R"("f":1.5e2,"t":true,"n":null,"a":[1,[2,{}],[]],"o":{"k":false}} )");
  BOOST_REQUIRE_MESSAGE(doc.ok(), (doc.ok() ? "" : doc.error().message()));
  BOOST_TEST(doc->find("s")->asString() == "a\"b\\c/\n\xC3\xA9\xF0\x9F\x98\x80가");
  BOOST_TEST(doc->find("i")->asInteger() == -42);
  BOOST_TEST(doc->find("big")->asInteger() == INT64_MAX);
  BOOST_TEST(!doc->find("f")->isInteger());
  BOOST_TEST(doc->find("f")->asNumber() == 150.0);
  BOOST_TEST(doc->find("t")->asBool());
  BOOST_TEST(doc->find("n")->isNull());
  BOOST_TEST(doc->find("a")->asArray().size() == 3u);
  BOOST_TEST(doc->find("a")->asArray()[1].asArray()[1].isObject());
  BOOST_TEST(!doc->find("o")->find("k")->asBool());
  BOOST_TEST(doc->find("missing") == nullptr);
  // Written back compactly, and read back the same.
  auto again = JsonValue::parse(doc->toJson());
  BOOST_REQUIRE(again.ok());
  BOOST_TEST(again->toJson() == doc->toJson());
}

BOOST_AUTO_TEST_CASE(refuses_what_is_not_strict_json) {
  for (const char* bad :
       {"", "{", "[1,]", "{\"a\":1,}", "{'a':1}", "{\"a\" 1}", "[1 2]", "01", "1.", ".5", "+1",
        "NaN", "Infinity", "[tru]", "\"\\x\"", "\"a", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00x\"",
        "\"tab\there\"", "// c\n{}", "{} {}", "\"\xC3\x28\"", "\"\xED\xA0\x80\""}) {
    auto r = JsonValue::parse(bad);
    BOOST_TEST(!r.ok(), "accepted: " << bad);
    if (!r.ok()) BOOST_TEST((r.error().code() == ErrorCode::kInvalidArgument), bad);
  }
  BOOST_TEST(errorOf(R"({"a":1,"a":2})").find("duplicate member name \"a\"") != std::string::npos);
  BOOST_TEST(errorOf("[1, x]").find("at byte 4") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_hostile_document_costs_bounded_work) {
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  auto nested = JsonValue::parse(deep);
  BOOST_REQUIRE(!nested.ok());
  BOOST_TEST((nested.error().code() == ErrorCode::kTooLarge));
  std::string many = "[";
  for (int i = 0; i < 2000; ++i) many += "0,";
  many += "0]";
  JsonLimits small;
  small.max_values = 1000;
  auto wide = JsonValue::parse(many, small);
  BOOST_REQUIRE(!wide.ok());
  BOOST_TEST((wide.error().code() == ErrorCode::kTooLarge));
  BOOST_TEST(JsonValue::parse(many).ok());
}

BOOST_AUTO_TEST_CASE(numbers_beyond_int64_stay_numbers) {
  // Found by fuzz_local_api: 1e40 once went through an undefined double -> int64 cast.
  auto doc = JsonValue::parse("[1e40, -1e300, 9223372036854775808, 1.5]");
  BOOST_REQUIRE(doc.ok());
  for (const JsonValue& v : doc->asArray()) {
    BOOST_TEST(v.isNumber());
    BOOST_TEST(!v.isInteger());
  }
  BOOST_TEST(doc->asArray()[0].asNumber() == 1e40);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::protocol
