// SPDX-License-Identifier: Apache-2.0
#include "service/policy_service.h"

#include <chrono>
#include <string_view>
#include <vector>

#include "jamul/common/base64.h"
#include "jamul/common/utf8.h"
#include "jamul/protocol/console_api.h"
#include "jamul/protocol/json_value.h"
#include "jamul/protocol/policy.h"

namespace jamul::console {
namespace {

Result<protocol::JsonValue> parseAndValidate(const std::string& policy_json) {
  auto doc = protocol::JsonValue::parse(policy_json);
  if (!doc) return Error(ErrorCode::kInvalidArgument, "policy: " + doc.error().message());
  if (!doc->isObject()) return Error(ErrorCode::kInvalidArgument, "policy: must be an object");
  // The detector's catalogue, as the agents check it: a policy the console accepts is one every
  // agent of this version applies.
  auto policy = protocol::policyFromJson(*doc, protocol::knownRuleVocabulary());
  if (!policy) return policy.error();
  return std::move(doc).value();
}

// The document with its "version" member set to `version`.
protocol::JsonValue withVersion(const protocol::JsonValue& doc, std::int64_t version) {
  std::vector<protocol::JsonValue::Member> members;
  members.emplace_back("version", protocol::JsonValue::integer(version));
  for (const auto& member : doc.members()) {
    if (member.first != "version") members.push_back(member);
  }
  return protocol::JsonValue::object(std::move(members));
}

}  // namespace

Status validateGroupName(const std::string& group) {
  if (group.empty() || group.size() > 100 || !utf8::isValid(group)) {
    return Error(ErrorCode::kInvalidArgument, "group: must be 1-100 bytes of UTF-8");
  }
  for (unsigned char c : group) {
    if (c < 0x20 || c == 0x7f) return Error(ErrorCode::kInvalidArgument, "group: control character");
  }
  return okStatus();
}

Status validatePolicyText(const std::string& policy_json) {
  auto doc = parseAndValidate(policy_json);
  if (!doc) return doc.error();
  return okStatus();
}

Result<std::int64_t> setGroupPolicy(Store& store, const crypto::SigningKey& key,
                                    const std::string& group, const std::string& policy_json,
                                    std::int64_t now_ms, const std::string& actor) {
  JAMUL_RETURN_IF_ERROR(validateGroupName(group));
  JAMUL_ASSIGN_OR_RETURN(protocol::JsonValue doc, parseAndValidate(policy_json));
  const std::string stored = doc.toJson();
  auto sign = [&](std::int64_t version) -> Result<std::pair<std::string, std::string>> {
    protocol::PolicyBody body{group, version, now_ms, withVersion(doc, version)};
    std::string text = protocol::encodePolicyBody(body);
    std::string signature = base64::encode(key.sign(protocol::policySigningPayload(text)));
    return std::make_pair(std::move(text), std::move(signature));
  };
  return store.setPolicy(group, stored, sign, now_ms, actor);
}

int policyHeartbeatSeconds(const std::string& policy_json) {
  // The stored document passed policyFromJson when it was set; only the one member is read here,
  // so that the list pages need not validate every group's policy on each request.
  const int fallback = protocol::ConsolePolicy{}.heartbeat_seconds;
  auto doc = protocol::JsonValue::parse(policy_json);
  if (!doc || !doc->isObject()) return fallback;
  const protocol::JsonValue* console = doc->find("console");
  if (console == nullptr || !console->isObject()) return fallback;
  const protocol::JsonValue* seconds = console->find("heartbeat_seconds");
  if (seconds == nullptr || !seconds->isInteger()) return fallback;
  const std::int64_t n = seconds->asInteger();
  return n >= 10 && n <= 86'400 ? static_cast<int>(n) : fallback;
}

OfflineThresholds offlineThresholds(const std::vector<StoredPolicy>& policies,
                                    int console_heartbeat_seconds) {
  auto three_beats = [](int seconds) { return 3LL * seconds * 1000; };
  OfflineThresholds out;
  out.fallback_ms = three_beats(console_heartbeat_seconds);
  for (const StoredPolicy& p : policies) {
    if (p.group == "default") out.fallback_ms = three_beats(policyHeartbeatSeconds(p.policy));
  }
  for (const StoredPolicy& p : policies) {
    if (p.group == "default") continue;
    const std::int64_t ms = three_beats(policyHeartbeatSeconds(p.policy));
    if (ms != out.fallback_ms) out.by_department.emplace(p.group, ms);
  }
  return out;
}

}  // namespace jamul::console
