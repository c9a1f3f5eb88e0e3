// SPDX-License-Identifier: Apache-2.0
// The header grammar: the spec's example, wrapping at 64 columns, and the strict rules (the
// testkit covers more of them through decrypt(); these name each rule on its own).
#include "jamul/crypto/age_header.h"

#include <boost/test/unit_test.hpp>
#include <string>

namespace jamul::crypto::age {
namespace {

// age-encryption.org/v1, "Header".
const std::string kSpecHeader =
    "age-encryption.org/v1\n"
    "-> X25519 XEl0dJ6y3C7KZkgmgWUicg63EyXJiwBJW8PdYJ/cYBE\n"
    "qRS0AMjdjPvZ/WT08U2KL4G+PIooA3hy38SvLpvaC1E\n"
    "--- HK2NmOBN9Dpq0Gw6xMCuhFcQlQLvZ/wQUi/2scLG75s\n";

std::string messageOf(std::string_view header) {
  auto r = parseHeader(header);
  return r.ok() ? "ok" : r.error().message();
}

BOOST_AUTO_TEST_SUITE(age_header)

BOOST_AUTO_TEST_CASE(the_spec_example_parses_and_serialises_back) {
  const std::string file = kSpecHeader + "payload bytes follow";
  auto parsed = parseHeader(file);
  BOOST_REQUIRE_MESSAGE(parsed.ok(), messageOf(file));
  BOOST_TEST(parsed->size == kSpecHeader.size());
  BOOST_TEST(parsed->mac_input_size == kSpecHeader.size() - 45);  // up to and including "---"
  BOOST_REQUIRE(parsed->header.stanzas.size() == 1u);
  const Stanza& s = parsed->header.stanzas[0];
  BOOST_TEST(s.type == "X25519");
  BOOST_REQUIRE(s.args.size() == 1u);
  BOOST_TEST(s.args[0] == "XEl0dJ6y3C7KZkgmgWUicg63EyXJiwBJW8PdYJ/cYBE");
  BOOST_TEST(s.body.size() == 32u);
  BOOST_TEST(serializeHeader(parsed->header) == kSpecHeader);
  BOOST_TEST(serializeHeaderWithoutMac(parsed->header.stanzas) ==
             kSpecHeader.substr(0, parsed->mac_input_size));
}

BOOST_AUTO_TEST_CASE(bodies_wrap_at_64_columns_and_end_with_a_short_line) {
  Header h;
  for (std::size_t size : {0u, 1u, 47u, 48u, 49u, 96u, 100u}) {
    Stanza s;
    s.type = "example.com/test";
    s.args = {"a", "b-c"};
    s.body.assign(size, 0xA5);
    h.stanzas.push_back(s);
  }
  const std::string text = serializeHeader(h);
  auto parsed = parseHeader(text);
  BOOST_REQUIRE_MESSAGE(parsed.ok(), messageOf(text));
  BOOST_REQUIRE(parsed->header.stanzas.size() == h.stanzas.size());
  for (std::size_t i = 0; i < h.stanzas.size(); ++i) {
    BOOST_TEST(parsed->header.stanzas[i].body == h.stanzas[i].body,
               boost::test_tools::per_element());
    BOOST_TEST(parsed->header.stanzas[i].args == h.stanzas[i].args,
               boost::test_tools::per_element());
  }
  BOOST_TEST(serializeHeader(parsed->header) == text);
  // The 48-byte body: one 64-column line, then an empty one.
  Header one;
  one.stanzas.push_back(h.stanzas[3]);
  const std::string t = serializeHeader(one);
  const auto arg_end = t.find('\n', t.find("->")) + 1;
  BOOST_TEST(t.substr(arg_end + 64, 2) == "\n\n");
}

BOOST_AUTO_TEST_CASE(each_rule_of_the_grammar) {
  const auto with = [](std::string_view from, std::string_view to) {
    std::string h = kSpecHeader;
    const auto at = h.find(from);
    BOOST_REQUIRE(at != std::string::npos);
    return h.replace(at, from.size(), to);
  };
  const std::string body = "qRS0AMjdjPvZ/WT08U2KL4G+PIooA3hy38SvLpvaC1E";
  BOOST_TEST(messageOf("PK\3\4 not age") == "not an age file");
  BOOST_TEST(messageOf("") == "not an age file");
  BOOST_TEST(messageOf("age-encr") == "age header: truncated");
  BOOST_TEST(messageOf(with("v1", "v2")) == "age header: unsupported version (not v1)");
  BOOST_TEST((parseHeader(with("v1", "v2")).error().code() == ErrorCode::kUnsupportedFormat));
  BOOST_TEST(messageOf(with("v1\n", "v1\r\n")) == "age header: unsupported version (not v1)");
  BOOST_TEST(messageOf(with("-> X25519 ", "-> X25519  ")) == "age header: empty stanza argument");
  BOOST_TEST(messageOf(with("-> X25519 ", "->  X25519 ")) == "age header: empty stanza argument");
  BOOST_TEST(messageOf(with("-> X25519 ", "->X25519 ")) ==
             "age header: expected a stanza or the MAC line");
  BOOST_TEST(messageOf(with("YBE\n", "YBE\r\n")) ==
             "age header: invalid character in a stanza argument");
  BOOST_TEST(messageOf(with(body, body + "=")) == "age header: invalid character in a stanza body");
  BOOST_TEST(messageOf(with(body, "qRS0AMjdjPvZ/WT08U2KL4G+PIooA3hy38SvLpvaC1F")) ==
             "age header: stanza body is not canonical base64");
  BOOST_TEST(messageOf(with(body + "\n", "")) ==
             "age header: stanza without its final (short) body line");
  BOOST_TEST(messageOf(with(body, std::string(65, 'A'))) ==
             "age header: stanza body line longer than 64 columns");
  // A full 64-column line must be followed by another line.
  BOOST_TEST(messageOf(with(body, std::string(64, 'A'))) ==
             "age header: stanza without its final (short) body line");
  BOOST_TEST(messageOf(with(body, std::string(64, 'A') + "\n")) == "ok");
  BOOST_TEST(messageOf(with("--- ", "---")) == "age header: malformed MAC line");
  BOOST_TEST(messageOf(with("--- ", "---  ")) == "age header: malformed MAC line");
  BOOST_TEST(messageOf(with("G75s\n", "G75s \n")) == "age header: malformed MAC line");
  BOOST_TEST(messageOf(with("G75s\n", "G75t\n")) == "age header: MAC is not canonical base64");
  BOOST_TEST(messageOf(with("G75s\n", "G75s")) == "age header: truncated");
  BOOST_TEST(
      messageOf("age-encryption.org/v1\n--- HK2NmOBN9Dpq0Gw6xMCuhFcQlQLvZ/wQUi/2scLG75s\n") ==
      "age header: no recipient stanza");
}

BOOST_AUTO_TEST_CASE(every_prefix_is_truncated) {
  for (std::size_t n = 1; n < kSpecHeader.size(); ++n) {
    auto r = parseHeader(std::string_view(kSpecHeader).substr(0, n));
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST((r.error().code() == ErrorCode::kCorrupt),
               "prefix " << n << ": " << r.error().message());
  }
}

BOOST_AUTO_TEST_CASE(a_header_beyond_the_limit_is_refused) {
  Header h;
  Stanza s;
  s.type = "big";
  s.body.assign(kMaxHeaderBytes, 0);
  h.stanzas.push_back(s);
  auto r = parseHeader(serializeHeader(h));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().message() == "age header: longer than the limit of 1 MiB");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::crypto::age
