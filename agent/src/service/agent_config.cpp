// SPDX-License-Identifier: Apache-2.0
#include "service/agent_config.h"

#include <array>
#include <fstream>
#include <sstream>
#include <vector>

#include "jamul/crypto/age_keys.h"
#include "jamul/protocol/json_value.h"
#include "jamul/scanner/rule.h"

namespace jamul::agent {
namespace {

using protocol::JsonValue;

Error invalid(std::string_view key, std::string_view why) {
  return Error(ErrorCode::kInvalidArgument,
               "agent config: " + std::string(key) + ": " + std::string(why));
}

Result<std::string> absolutePath(std::string_view key, const JsonValue& v) {
  if (!v.isString()) return invalid(key, "must be a string");
  const std::string& path = v.asString();
  if (path.empty() || path.front() != '/') return invalid(key, "must be an absolute path");
  return path;
}

Result<std::string> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    return errorFromErrno(err, "cannot read", path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

Result<AgentConfig> parseAgentConfig(std::string_view json) {
  auto doc = JsonValue::parse(json);
  if (!doc) return Error(ErrorCode::kInvalidArgument, "agent config: " + doc.error().message());
  if (!doc->isObject()) return invalid("(document)", "must be a JSON object");
  AgentConfig config;
  for (const auto& [key, value] : doc->members()) {
    if (key == "data_dir") {
      JAMUL_ASSIGN_OR_RETURN(config.data_dir, absolutePath(key, value));
    } else if (key == "socket") {
      JAMUL_ASSIGN_OR_RETURN(config.socket, absolutePath(key, value));
    } else if (key == "policy") {
      if (value.isObject()) {
        config.policy_json = value.toJson();
      } else {
        JAMUL_ASSIGN_OR_RETURN(config.policy_file, absolutePath(key, value));
      }
    } else if (key == "threads") {
      if (!value.isInteger() || value.asInteger() < 0 || value.asInteger() > 256)
        return invalid(key, "must be a whole number from 0 to 256");
      config.threads = static_cast<unsigned>(value.asInteger());
    } else if (key == "log") {
      if (value.isString() && value.asString() == "syslog")
        config.log = AgentConfig::Log::kSyslog;
      else if (value.isString() && value.asString() == "console")
        config.log = AgentConfig::Log::kConsole;
      else
        return invalid(key, "must be \"syslog\" or \"console\"");
    } else {
      return invalid(key, "not an agent setting (data_dir, socket, policy, threads, log)");
    }
  }
  return config;
}

Result<AgentConfig> loadAgentConfig(const std::string& path, bool explicitly_named) {
  auto text = readFile(path);
  if (!text) {
    if (text.error().code() == ErrorCode::kNotFound && !explicitly_named) return AgentConfig{};
    return text.error();
  }
  JAMUL_ASSIGN_OR_RETURN(AgentConfig config, parseAgentConfig(*text));
  if (!config.policy_file.empty()) {
    auto policy = readFile(config.policy_file);
    if (!policy) return policy.error();
    config.policy_json = std::move(*policy);
  }
  return config;
}

protocol::PolicyVocabulary policyVocabulary() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (scanner::RuleId rule : scanner::kAllRules) out.push_back(scanner::ruleName(rule));
    return out;
  }();
  return {names};
}

Result<protocol::Policy> policyOf(const AgentConfig& config) {
  if (config.policy_json.empty()) return protocol::defaultPolicy();
  JAMUL_ASSIGN_OR_RETURN(protocol::Policy policy,
                         protocol::parsePolicy(config.policy_json, policyVocabulary()));
  // The protocol checks the shape ("age1..."); a key that does not decode would be dropped at
  // encryption time, and files would silently lack the organisation's recovery key.
  for (std::size_t i = 0; i < policy.recovery_recipients.size(); ++i)
    if (auto r = crypto::age::X25519Recipient::parse(policy.recovery_recipients[i]); !r)
      return Error(ErrorCode::kInvalidArgument, "policy: recovery_recipients[" +
                                                    std::to_string(i) + "]: " +
                                                    r.error().message());
  return policy;
}

}  // namespace jamul::agent
