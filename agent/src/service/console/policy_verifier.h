// SPDX-License-Identifier: Apache-2.0
#pragma once

// The checks a policy pushed by the console passes before the agent applies it
// (docs/console-api.md "GET /api/v1/policy"): the Ed25519 signature over
// protocol::policySigningPayload(body) with the key pinned at enrollment, the body (PolicyBody),
// the policy itself with the agent's vocabulary (an unknown key or a bad value is refused naming
// the key), a version not below the one running, and a console.url that keeps the way back
// (https://). Whether a changed url's console answers is the link's to check (it needs the
// network). The policy's version becomes the body's (the console's counter).
//
// Thread-safety: pure functions.

#include <cstdint>
#include <string_view>

#include "jamul/common/result.h"
#include "jamul/protocol/console_api.h"
#include "jamul/protocol/policy.h"

namespace jamul::agent {

struct VerifiedPolicy {
  protocol::PolicyBody body;
  protocol::Policy policy;
};

// `pinned_key`: the base64 Ed25519 public key from enrollment. `running_version`: the version in
// force (a lower one is refused; the same one is accepted, as a re-send). kPermissionDenied (a
// bad signature), kInvalidArgument (malformed, invalid, lower version, a url that is not https).
Result<VerifiedPolicy> verifyPolicy(const protocol::SignedPolicy& signed_policy,
                                    std::string_view pinned_key, std::int64_t running_version,
                                    const protocol::PolicyVocabulary& vocabulary);

}  // namespace jamul::agent
