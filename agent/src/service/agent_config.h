// SPDX-License-Identifier: Apache-2.0
#pragma once

// The agent's configuration file (`jamul-agent --config FILE`, default /etc/jamul/agent.json):
// where it keeps its data and listens, and the local policy it follows until a console pushes one.
//
//   {"data_dir": "/var/lib/jamul",          inventory, device key, journals (created 0700)
//    "socket": "/run/jamul/agent.sock",     the local API
//    "policy": "/etc/jamul/policy.json",    a policy file (docs/policy.md), or the policy itself
//                                           as an object; absent: the built-in default
//    "threads": 0,                          scanning threads (0: one; the budget is of one core)
//    "log": "syslog"}                       syslog (journald) or "console" (standard error)
//
// Keys are checked as a policy's are: an unknown key or a wrong type is refused, naming the key.
//
// Thread-safety: value types and pure functions (loadAgentConfig reads files).

#include <optional>
#include <string>
#include <string_view>

#include "jamul/common/result.h"
#include "jamul/protocol/policy.h"

namespace jamul::agent {

inline constexpr std::string_view kDefaultConfigPath = "/etc/jamul/agent.json";

struct AgentConfig {
  std::string data_dir = "/var/lib/jamul";
  std::string socket = "/run/jamul/agent.sock";
  // The policy file named by the config (empty: inline or default); re-read on SIGHUP.
  std::string policy_file;
  // The policy text (from the file, or the inline object); empty: the built-in default.
  std::string policy_json;
  unsigned threads = 0;
  enum class Log { kSyslog, kConsole };
  Log log = Log::kSyslog;
};

// Parses a configuration document. Relative paths are refused (a service has no meaningful
// working folder). Does not read the policy file (loadAgentConfig does).
Result<AgentConfig> parseAgentConfig(std::string_view json);

// Reads the file at `path` and the policy file it names. A missing config file at the default
// path gives the defaults; a missing file named explicitly is kNotFound.
Result<AgentConfig> loadAgentConfig(const std::string& path, bool explicitly_named);

// The rule names a policy may use (the detector's catalogue).
protocol::PolicyVocabulary policyVocabulary();

// Parses the policy of `config` (the default policy when it names none).
Result<protocol::Policy> policyOf(const AgentConfig& config);

}  // namespace jamul::agent
