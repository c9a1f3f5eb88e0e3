// SPDX-License-Identifier: Apache-2.0
#pragma once

// Policy: what the agent does on a PC — which folders it scans and when, removable media, how much
// of the machine it may use, and what it does with what it finds. One JSON document, the same the
// console will sign and push (docs/policy.md is its reference); until then the agent reads it from
// the file its configuration names.
//
//   {"version": 3,
//    "roots": ["~"], "exclude": ["*.iso", "node_modules/"],
//    "schedule": {"days": ["mon", "wed", "fri"], "start": "12:00", "end": "13:30"},
//    "media": {"scan_on_mount": true, "mount_prefixes": ["/media", "/run/media"]},
//    "governor": {"cpu_percent": 25, "read_mb_per_s": 50, "pause_on_battery": true},
//    "ocr": false,
//    "actions": [{"rules": ["kr_rrn", "kr_frn"], "min_confidence": "high", "action": "encrypt"},
//                {"rules": [], "min_confidence": "medium", "action": "notify"}],
//    "recovery_recipients": ["age1..."],
//    "console": {"url": "https://console.example.go.kr:8443", "heartbeat_seconds": 60}}
//
// Every key is optional; what is missing takes its default (defaultPolicy()). A key the schema
// does not know, a value of the wrong type or out of range is refused, and the error names the key
// ("schedule.start: must be HH:MM ..."): the agent then keeps the last good policy.
//
// Thread-safety: value types and pure functions.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/common/result.h"
#include "jamul/protocol/json_value.h"

namespace jamul::protocol {

// Confidence levels by their stable names (the scanner's, without depending on it).
enum class Level : std::uint8_t { kLow, kMedium, kHigh };
std::string_view levelName(Level level);

enum class PolicyAction : std::uint8_t {
  kReport,   // record it; the employee sees it in the tray
  kNotify,   // the tray asks the employee what to do with the file
  kEncrypt,  // the agent encrypts the file in place, to the device and recovery keys
};
std::string_view policyActionName(PolicyAction action);

// Files whose findings match one of `rules` (empty: any rule) at `min_confidence` or above get
// `action`. The first matching entry of Policy::actions decides; no match: report.
struct ActionRule {
  std::vector<std::string> rules;
  Level min_confidence = Level::kMedium;
  PolicyAction action = PolicyAction::kReport;
};

struct Schedule {
  bool manual = false;  // scans only when asked (tray, `jamul agent scan`, the console)
  // Days of the week the window is open, 0 = Monday ... 6 = Sunday.
  std::vector<int> days = {0, 1, 2, 3, 4};
  int start_minute = 12 * 60;  // minutes after local midnight; the window opens
  int end_minute = 13 * 60;    // ... and closes (end < start: the window runs past midnight)
};

struct MediaPolicy {
  bool scan_on_mount = true;
  std::vector<std::string> mount_prefixes = {"/media", "/run/media"};
};

struct GovernorPolicy {
  int cpu_percent = 25;         // of one core, 1-100
  int read_mb_per_s = 0;        // 0: no cap
  bool pause_on_battery = true;
};

// The agent's way back to its console (docs/console-api.md). The agent refuses a policy that would
// cut it: a url that is not https://, or whose console does not answer with the pinned certificate.
struct ConsolePolicy {
  std::string url;            // empty: the console the agent enrolled with
  int heartbeat_seconds = 60;  // 10-86400
};

struct Policy {
  std::int64_t version = 0;  // 0: the built-in default; a console's policies count up from 1
  // Absolute folders; "~" stands for every user's home folder.
  std::vector<std::string> roots = {"~"};
  std::vector<std::string> exclude;  // globs, as `jamul scan --exclude`
  Schedule schedule;
  MediaPolicy media;
  GovernorPolicy governor;
  bool ocr = false;
  std::vector<ActionRule> actions;
  std::vector<std::string> recovery_recipients;  // age1... public keys
  ConsolePolicy console;
};

Policy defaultPolicy();

// What a policy may name: the rule ids the detector knows (`jamul rules`).
struct PolicyVocabulary {
  std::span<const std::string_view> rules;
};

// The detection rules this version of Jamul knows, by id ("kr_rrn", ...): the scanner's catalogue,
// repeated here for the console, which validates policies without linking the scanner
// (tests/integration/rule_vocabulary_test.cpp holds the two lists equal).
PolicyVocabulary knownRuleVocabulary();

// Parses and validates a policy document. kInvalidArgument with the key and the reason.
Result<Policy> parsePolicy(std::string_view json, const PolicyVocabulary& vocabulary);
Result<Policy> policyFromJson(const JsonValue& document, const PolicyVocabulary& vocabulary);
// The policy as a JSON document that parsePolicy() reads back to the same policy.
std::string policyToJson(const Policy& policy);

// The action for a file whose findings are, per rule name, at these levels: the first entry of
// policy.actions that names one of them (or any rule) at its level or above; report otherwise.
struct RuleLevel {
  std::string_view rule;
  Level level;
};
PolicyAction actionFor(const Policy& policy, std::span<const RuleLevel> findings);

}  // namespace jamul::protocol
