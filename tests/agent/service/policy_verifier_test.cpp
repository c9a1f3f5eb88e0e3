// SPDX-License-Identifier: Apache-2.0
// verifyPolicy (issue 17): a policy from the console is applied only when the pinned key signed
// exactly its body, it parses with the agent's vocabulary, its version is not lower than the one
// in force, and its console.url keeps the way back (https://).
#include "service/console/policy_verifier.h"

#include <boost/test/unit_test.hpp>

#include "agent/service/fake_console.h"
#include "service/agent_config.h"

namespace jamul::agent {
namespace {

protocol::SignedPolicy signedOf(const std::string& encoded) {
  auto p = protocol::parseSignedPolicy(encoded);
  BOOST_TEST_REQUIRE(p.ok());
  return *p;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(policy_verifier)

BOOST_AUTO_TEST_CASE(a_good_signature_gives_the_policy_at_the_console_version) {
  test::FakeConsole console;
  const auto sp = signedOf(console.sign(R"({"ocr":true,"version":1})", 12));
  auto v = verifyPolicy(sp, console.key.publicKeyBase64(), 11, policyVocabulary());
  BOOST_TEST_REQUIRE(v.ok(), (v.ok() ? "" : v.error().message()));
  BOOST_TEST(v->policy.version == 12);  // the console's counter, not the document's
  BOOST_TEST(v->policy.ocr);
  BOOST_TEST(v->body.group == "default");
  // The same version again is accepted (a re-send).
  BOOST_TEST(verifyPolicy(sp, console.key.publicKeyBase64(), 12, policyVocabulary()).ok());
}

BOOST_AUTO_TEST_CASE(a_bad_signature_a_lower_version_and_a_way_cut_are_refused) {
  test::FakeConsole console;
  const std::string key = console.key.publicKeyBase64();
  // Another key.
  const crypto::SigningKey other = test::FakeConsole::makeKey(3);
  auto bad = verifyPolicy(signedOf(console.sign("{}", 5, &other)), key, 0, policyVocabulary());
  BOOST_TEST_REQUIRE(!bad.ok());
  BOOST_TEST((bad.error().code() == ErrorCode::kPermissionDenied));
  // A body changed after signing.
  auto sp = signedOf(console.sign(R"({"ocr":false})", 5));
  sp.body.replace(sp.body.find("false"), 5, "true ");
  BOOST_TEST(!verifyPolicy(sp, key, 0, policyVocabulary()).ok());
  // No key pinned.
  BOOST_TEST(!verifyPolicy(signedOf(console.sign("{}", 5)), "", 0, policyVocabulary()).ok());
  // Lower than the one in force.
  auto lower = verifyPolicy(signedOf(console.sign("{}", 4)), key, 5, policyVocabulary());
  BOOST_TEST_REQUIRE(!lower.ok());
  BOOST_TEST(lower.error().message().find("older") != std::string::npos);
  // Not https.
  auto http = verifyPolicy(signedOf(console.sign(R"({"console":{"url":"http://c:80"}})", 6)),
                           key, 0, policyVocabulary());
  BOOST_TEST_REQUIRE(!http.ok());
  BOOST_TEST(http.error().message().find("console.url") != std::string::npos);
  // Unknown rule: named.
  auto unknown = verifyPolicy(
      signedOf(console.sign(R"({"actions":[{"rules":["nope"],"action":"encrypt"}]})", 6)), key,
      0, policyVocabulary());
  BOOST_TEST_REQUIRE(!unknown.ok());
  BOOST_TEST(unknown.error().message().find("actions") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace jamul::agent
