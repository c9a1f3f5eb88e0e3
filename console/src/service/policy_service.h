// SPDX-License-Identifier: Apache-2.0
#pragma once

// Setting a group's policy: validate the document (protocol::policyFromJson: an unknown key or a
// bad value is refused naming the key), then sign its body once with the console's key and store
// body and signature, so that every agent is served the same bytes.
//
// Signed body: protocol::encodePolicyBody({group, version, issued_at_ms, policy}), signature:
// base64(SigningKey::sign(policySigningPayload(body))). The policy's own "version" member is set
// to the console's version (the agent uses the body's).
//
// Rule ids are checked against protocol::knownRuleVocabulary() (the detector's catalogue, the
// same the agents check), so an unknown rule is refused here, naming it.
//
// Thread-safety: pure functions over the store.

#include <cstdint>
#include <string>
#include <vector>

#include "jamul/common/result.h"
#include "jamul/crypto/signing_key.h"
#include "store/store.h"

namespace jamul::console {

// A group name: 1-100 bytes of valid UTF-8 without control characters.
Status validateGroupName(const std::string& group);

// Validates the policy text (a JSON object). kInvalidArgument naming the key.
Status validatePolicyText(const std::string& policy_json);

// Validates, signs and stores; returns the new version. kInvalidArgument (named), store errors.
Result<std::int64_t> setGroupPolicy(Store& store, const crypto::SigningKey& key,
                                    const std::string& group, const std::string& policy_json,
                                    std::int64_t now_ms, const std::string& actor);

// The heartbeat interval an agent applying `policy_json` uses: its console.heartbeat_seconds,
// else the protocol's default (60 s), as protocol::parsePolicy reads it.
int policyHeartbeatSeconds(const std::string& policy_json);

// When each group's agents count as offline (three heartbeat intervals of their policy, see
// records.h OfflineThresholds) from the stored `policies`; `console_heartbeat_seconds` (what
// agents are told at enrollment) where no policy applies.
OfflineThresholds offlineThresholds(const std::vector<StoredPolicy>& policies,
                                    int console_heartbeat_seconds);

}  // namespace jamul::console
