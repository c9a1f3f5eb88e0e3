// SPDX-License-Identifier: Apache-2.0
// The agent's configuration file (issue 15): defaults, what is refused and how the error names it,
// the policy inline or in a file of its own, and the default path that may be missing.
#include "service/agent_config.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "support/temp_dir.h"

namespace jamul::agent {
namespace {

// The error parseAgentConfig gives for `json`; fails the test if it gives none.
Error refusal(std::string_view json) {
  auto config = parseAgentConfig(json);
  BOOST_TEST_REQUIRE(!config.ok(), "accepted: " << json);
  return config.error();
}

bool mentions(const Error& error, std::string_view words) {
  return error.message().find(words) != std::string::npos;
}

BOOST_AUTO_TEST_SUITE(agent_config)

BOOST_AUTO_TEST_CASE(an_empty_document_gives_the_defaults) {
  auto config = parseAgentConfig("{}");
  BOOST_TEST_REQUIRE(config.ok());
  BOOST_TEST(config->data_dir == "/var/lib/jamul");
  BOOST_TEST(config->socket == "/run/jamul/agent.sock");
  BOOST_TEST(config->policy_file.empty());
  BOOST_TEST(config->policy_json.empty());
  BOOST_TEST(config->threads == 0u);
  BOOST_TEST((config->log == AgentConfig::Log::kSyslog));
}

BOOST_AUTO_TEST_CASE(every_setting_is_read) {
  auto config = parseAgentConfig(R"({"data_dir": "/srv/jamul", "socket": "/tmp/j/a.sock",
      "policy": "/etc/jamul/p.json", "threads": 3, "log": "console"})");
  BOOST_TEST_REQUIRE(config.ok());
  BOOST_TEST(config->data_dir == "/srv/jamul");
  BOOST_TEST(config->socket == "/tmp/j/a.sock");
  BOOST_TEST(config->policy_file == "/etc/jamul/p.json");
  BOOST_TEST(config->policy_json.empty());  // parse does not read the file
  BOOST_TEST(config->threads == 3u);
  BOOST_TEST((config->log == AgentConfig::Log::kConsole));
}

BOOST_AUTO_TEST_CASE(relative_paths_are_refused_naming_the_key) {
  for (const char* key : {"data_dir", "socket", "policy"}) {
    for (const char* path : {"var/lib/jamul", "./agent.sock", ""}) {
      const std::string json = std::string("{\"") + key + "\": \"" + path + "\"}";
      const Error e = refusal(json);
      BOOST_TEST((e.code() == ErrorCode::kInvalidArgument));
      BOOST_TEST(mentions(e, key), e.message());
      BOOST_TEST(mentions(e, "absolute"), e.message());
    }
  }
}

BOOST_AUTO_TEST_CASE(an_unknown_key_is_refused_naming_it) {
  const Error e = refusal(R"({"data_dir": "/srv/jamul", "datadir": "/srv/other"})");
  BOOST_TEST((e.code() == ErrorCode::kInvalidArgument));
  BOOST_TEST(mentions(e, "datadir:"), e.message());
}

BOOST_AUTO_TEST_CASE(wrong_types_are_refused_naming_the_key) {
  const struct {
    const char* json;
    const char* key;
  } cases[] = {
      {R"({"data_dir": 5})", "data_dir"}, {R"({"socket": ["/run/a.sock"]})", "socket"},
      {R"({"policy": true})", "policy"},  {R"({"policy": ["/etc/p.json"]})", "policy"},
      {R"({"threads": "4"})", "threads"}, {R"({"threads": -1})", "threads"},
      {R"({"threads": 257})", "threads"}, {R"({"threads": 1.5})", "threads"},
      {R"({"log": "file"})", "log"},      {R"({"log": 1})", "log"},
  };
  for (const auto& c : cases) {
    const Error e = refusal(c.json);
    BOOST_TEST((e.code() == ErrorCode::kInvalidArgument), c.json);
    BOOST_TEST(mentions(e, std::string(c.key) + ":"), c.json << " -> " << e.message());
  }
  BOOST_TEST(parseAgentConfig(R"({"threads": 256})").ok());
}

BOOST_AUTO_TEST_CASE(a_document_that_is_not_an_object_is_refused) {
  for (const char* json : {"", "[]", "\"/etc/jamul\"", "{\"data_dir\": ", "{} {}"}) {
    const Error e = refusal(json);
    BOOST_TEST((e.code() == ErrorCode::kInvalidArgument), json);
    BOOST_TEST(mentions(e, "agent config"), e.message());
  }
}

BOOST_AUTO_TEST_CASE(an_inline_policy_is_kept_as_text_and_parsed_by_policy_of) {
  auto config = parseAgentConfig(
      R"({"policy": {"version": 7, "schedule": "manual", "governor": {"cpu_percent": 10}}})");
  BOOST_TEST_REQUIRE(config.ok());
  BOOST_TEST(config->policy_file.empty());
  BOOST_TEST(!config->policy_json.empty());
  auto policy = policyOf(*config);
  BOOST_TEST_REQUIRE(policy.ok(), (policy.ok() ? "" : policy.error().message()));
  BOOST_TEST(policy->version == 7);
  BOOST_TEST(policy->schedule.manual);
  BOOST_TEST(policy->governor.cpu_percent == 10);
}

BOOST_AUTO_TEST_CASE(no_policy_means_the_default_policy) {
  auto policy = policyOf(AgentConfig{});
  BOOST_TEST_REQUIRE(policy.ok());
  BOOST_TEST(policy->version == 0);
  BOOST_TEST(policy->governor.cpu_percent == protocol::defaultPolicy().governor.cpu_percent);
}

BOOST_AUTO_TEST_CASE(an_invalid_policy_is_refused_naming_its_key) {
  const struct {
    const char* policy;
    const char* key;
  } cases[] = {
      {R"({"schedule": {"days": ["mon"], "start": "25:00", "end": "13:00"}})", "schedule.start"},
      {R"({"governor": {"cpu_percent": 0}})", "governor.cpu_percent"},
      {R"({"colour": "blue"})", "colour"},
      {R"({"actions": [{"rules": ["no_such_rule"], "action": "encrypt"}]})", "no_such_rule"},
      // The right prefix, but not a key: refused, not dropped at encryption time.
      {R"({"recovery_recipients": ["age1qqqqqqqqqqqqqqqqqqqq"]})", "recovery_recipients[0]"},
  };
  for (const auto& c : cases) {
    AgentConfig config;
    config.policy_json = c.policy;
    auto policy = policyOf(config);
    BOOST_TEST_REQUIRE(!policy.ok(), c.policy);
    BOOST_TEST((policy.error().code() == ErrorCode::kInvalidArgument));
    BOOST_TEST(mentions(policy.error(), c.key), c.policy << " -> " << policy.error().message());
  }
}

BOOST_AUTO_TEST_CASE(the_vocabulary_is_the_detectors_rules) {
  const protocol::PolicyVocabulary vocabulary = policyVocabulary();
  BOOST_TEST(!vocabulary.rules.empty());
  bool has_rrn = false;
  for (std::string_view rule : vocabulary.rules) has_rrn = has_rrn || rule == "kr_rrn";
  BOOST_TEST(has_rrn);
  AgentConfig config;
  config.policy_json = R"({"actions": [{"rules": ["kr_rrn"], "action": "encrypt"}]})";
  BOOST_TEST(policyOf(config).ok());
}

BOOST_AUTO_TEST_CASE(load_reads_the_config_and_the_policy_file_it_names) {
  test::TempDir dir;
  const std::string policy = dir.write("policy.json", R"({"version": 4})").string();
  const std::string path =
      dir.write("agent.json", R"({"policy": ")" + policy + R"(", "threads": 2})").string();
  auto config = loadAgentConfig(path, true);
  BOOST_TEST_REQUIRE(config.ok(), (config.ok() ? "" : config.error().message()));
  BOOST_TEST(config->policy_file == policy);
  BOOST_TEST(config->policy_json == R"({"version": 4})");
  BOOST_TEST(config->threads == 2u);
  auto parsed = policyOf(*config);
  BOOST_TEST_REQUIRE(parsed.ok());
  BOOST_TEST(parsed->version == 4);
}

BOOST_AUTO_TEST_CASE(a_missing_config_is_the_defaults_only_at_the_default_path) {
  test::TempDir dir;
  const std::string missing = (dir.path() / "agent.json").string();
  auto defaults = loadAgentConfig(missing, false);
  BOOST_TEST_REQUIRE(defaults.ok());
  BOOST_TEST(defaults->data_dir == AgentConfig{}.data_dir);
  BOOST_TEST(defaults->policy_json.empty());
  auto named = loadAgentConfig(missing, true);
  BOOST_TEST_REQUIRE(!named.ok());
  BOOST_TEST((named.error().code() == ErrorCode::kNotFound));
  BOOST_TEST(named.error().subject() == missing);
}

BOOST_AUTO_TEST_CASE(load_fails_on_a_bad_config_or_a_missing_policy_file) {
  test::TempDir dir;
  // A config that is there but wrong is never replaced by the defaults, named or not.
  const std::string bad = dir.write("bad.json", R"({"socket": "agent.sock"})").string();
  for (bool named : {false, true}) {
    auto config = loadAgentConfig(bad, named);
    BOOST_TEST_REQUIRE(!config.ok());
    BOOST_TEST(mentions(config.error(), "socket"), config.error().message());
  }
  const std::string gone = (dir.path() / "gone.json").string();
  const std::string path = dir.write("agent.json", R"({"policy": ")" + gone + R"("})").string();
  auto config = loadAgentConfig(path, false);
  BOOST_TEST_REQUIRE(!config.ok());
  BOOST_TEST((config.error().code() == ErrorCode::kNotFound));
  BOOST_TEST(config.error().subject() == gone);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
