// SPDX-License-Identifier: Apache-2.0
// Policy: defaults, every key read and written back, and a refusal that names the key.
#include "jamul/protocol/policy.h"

#include <boost/test/unit_test.hpp>
#include <string>

namespace jamul::protocol {
namespace {

constexpr std::string_view kRules[] = {"kr_rrn", "kr_frn", "kr_phone", "email"};
const PolicyVocabulary kVocabulary{kRules};

std::string refusal(std::string_view json) {
  auto p = parsePolicy(json, kVocabulary);
  if (p.ok()) return "(accepted)";
  BOOST_TEST((p.error().code() == ErrorCode::kInvalidArgument));
  return p.error().message();
}

BOOST_AUTO_TEST_SUITE(policy)

BOOST_AUTO_TEST_CASE(an_empty_document_is_the_default) {
  auto p = parsePolicy("{}", kVocabulary);
  BOOST_REQUIRE(p.ok());
  const Policy d = defaultPolicy();
  BOOST_TEST(p->roots == d.roots, boost::test_tools::per_element());
  BOOST_TEST(p->roots.front() == "~");
  BOOST_TEST(!p->schedule.manual);
  BOOST_TEST(p->media.scan_on_mount);
  BOOST_TEST(p->media.mount_prefixes.size() == 2u);
  BOOST_TEST(p->governor.cpu_percent == 25);
  BOOST_TEST(p->actions.empty());
  const RuleLevel found[] = {{"kr_rrn", Level::kHigh}};
  BOOST_TEST((actionFor(*p, found) == PolicyAction::kReport));
}

BOOST_AUTO_TEST_CASE(every_key_is_read_and_written_back) {
  const std::string json = R"({"version": 7, "roots": ["/home", "~"], "exclude": ["*.iso"],
    "schedule": {"days": ["fri", "mon", "mon"], "start": "22:00", "end": "02:30"},
    "media": {"scan_on_mount": false, "mount_prefixes": ["/mnt/usb"]},
    "governor": {"cpu_percent": 10, "read_mb_per_s": 40, "pause_on_battery": false},
    "ocr": true,
    "actions": [{"rules": ["kr_rrn", "kr_frn"], "min_confidence": "high", "action": "encrypt"},
                {"rules": [], "action": "notify"}],
    "recovery_recipients": ["age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq"]})";
  auto p = parsePolicy(json, kVocabulary);
  BOOST_REQUIRE_MESSAGE(p.ok(), (p.ok() ? "" : p.error().message()));
  BOOST_TEST(p->version == 7);
  BOOST_TEST(p->schedule.days == (std::vector<int>{0, 4}), boost::test_tools::per_element());
  BOOST_TEST(p->schedule.start_minute == 22 * 60);
  BOOST_TEST(p->schedule.end_minute == 2 * 60 + 30);
  BOOST_TEST(!p->media.scan_on_mount);
  BOOST_TEST(p->governor.read_mb_per_s == 40);
  BOOST_TEST(p->ocr);
  BOOST_REQUIRE(p->actions.size() == 2u);
  BOOST_TEST((p->actions[1].min_confidence == Level::kMedium));  // the default
  const RuleLevel rrn_high[] = {{"kr_rrn", Level::kHigh}};
  const RuleLevel rrn_medium[] = {{"kr_rrn", Level::kMedium}};
  const RuleLevel phone_low[] = {{"kr_phone", Level::kLow}};
  BOOST_TEST((actionFor(*p, rrn_high) == PolicyAction::kEncrypt));
  BOOST_TEST((actionFor(*p, rrn_medium) == PolicyAction::kNotify));  // the second entry
  BOOST_TEST((actionFor(*p, phone_low) == PolicyAction::kReport));
  auto again = parsePolicy(policyToJson(*p), kVocabulary);
  BOOST_REQUIRE(again.ok());
  BOOST_TEST(policyToJson(*again) == policyToJson(*p));
  auto manual = parsePolicy(R"({"schedule": "manual"})", kVocabulary);
  BOOST_REQUIRE(manual.ok());
  BOOST_TEST(manual->schedule.manual);
  BOOST_TEST(parsePolicy(policyToJson(*manual), kVocabulary)->schedule.manual);
}

// Issue 17: the console's section. A policy can never send the agent's reports in the clear or
// silence it for longer than a day.
BOOST_AUTO_TEST_CASE(the_console_section_keeps_the_way_back_to_the_console) {
  auto p = parsePolicy(R"({"console": {"url": "https://console.example:8443", "heartbeat_seconds": 30}})",
                       kVocabulary);
  BOOST_TEST_REQUIRE(p.ok());
  BOOST_TEST(p->console.url == "https://console.example:8443");
  BOOST_TEST(p->console.heartbeat_seconds == 30);
  auto again = parsePolicy(policyToJson(*p), kVocabulary);
  BOOST_TEST_REQUIRE(again.ok());
  BOOST_TEST(again->console.url == p->console.url);
  BOOST_TEST(again->console.heartbeat_seconds == 30);
  BOOST_TEST(defaultPolicy().console.url.empty());
  BOOST_TEST(refusal(R"({"console": {"url": "http://console.example"}})")
                 .find("console.url: must start with https://") != std::string::npos);
  BOOST_TEST(refusal(R"({"console": {"heartbeat_seconds": 5}})").find("console.heartbeat_seconds") !=
             std::string::npos);
  BOOST_TEST(refusal(R"({"console": {"heartbeat_seconds": 86401}})")
                 .find("console.heartbeat_seconds") != std::string::npos);
  BOOST_TEST(refusal(R"({"console": {"enabled": false}})").find("console.enabled") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_known_rule_vocabulary_accepts_every_rule_and_no_other) {
  const PolicyVocabulary known = knownRuleVocabulary();
  BOOST_TEST(known.rules.size() == 19u);  // the numeric rules and issue 18's five
  BOOST_TEST(parsePolicy(R"({"actions": [{"rules": ["password", "kr_rrn"], "action": "encrypt"}]})", known).ok());
  BOOST_TEST(!parsePolicy(R"({"actions": [{"rules": ["kr_rnn"], "action": "encrypt"}]})", known).ok());
}

BOOST_AUTO_TEST_CASE(a_bad_policy_is_refused_naming_the_key) {
  BOOST_TEST(refusal("[]").find("must be a JSON object") != std::string::npos);
  BOOST_TEST(refusal("{\"schedul\": \"manual\"}").find("schedul: not a policy setting") !=
             std::string::npos);
  BOOST_TEST(refusal(R"({"schedule": {"start": "25:00"}})").find("schedule.start: must be a time") !=
             std::string::npos);
  BOOST_TEST(refusal(R"({"schedule": {"days": ["moon"]}})").find("schedule.days") !=
             std::string::npos);
  BOOST_TEST(refusal(R"({"schedule": "weekly"})").find("schedule: must be") != std::string::npos);
  BOOST_TEST(refusal(R"({"governor": {"cpu_percent": 0}})")
                 .find("governor.cpu_percent: must be a whole number from 1 to 100") !=
             std::string::npos);
  BOOST_TEST(refusal(R"({"governor": {"cpu_percent": "25"}})").find("governor.cpu_percent") !=
             std::string::npos);
  BOOST_TEST(refusal(R"({"roots": ["relative/path"]})").find("roots") != std::string::npos);
  BOOST_TEST(refusal(R"({"actions": [{"rules": ["kr_rnn"], "action": "encrypt"}]})")
                 .find("actions[0].rules: no rule is called \"kr_rnn\"") != std::string::npos);
  BOOST_TEST(refusal(R"({"actions": [{"action": "delete"}]})")
                 .find("actions[0].action: must be report, notify or encrypt") !=
             std::string::npos);
  BOOST_TEST(refusal(R"({"actions": [{"rules": []}]})").find("actions[0].action: is required") !=
             std::string::npos);
  BOOST_TEST(refusal(R"({"media": {"mount_prefixes": ["media"]}})").find("media.mount_prefixes") !=
             std::string::npos);
  BOOST_TEST(refusal(R"({"recovery_recipients": ["ssh-ed25519 AAAA"]})")
                 .find("recovery_recipients") != std::string::npos);
  BOOST_TEST(refusal("{\"ocr\": 1}").find("ocr: must be true or false, not an integer") !=
             std::string::npos);
  BOOST_TEST(refusal("{\"ocr\": tru}").find("policy: JSON at byte") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::protocol
