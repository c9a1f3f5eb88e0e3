// SPDX-License-Identifier: Apache-2.0
#include "service/console/policy_verifier.h"

#include "jamul/common/base64.h"
#include "jamul/crypto/signing_key.h"

namespace jamul::agent {

Result<VerifiedPolicy> verifyPolicy(const protocol::SignedPolicy& signed_policy,
                                    std::string_view pinned_key, std::int64_t running_version,
                                    const protocol::PolicyVocabulary& vocabulary) {
  const auto key = base64::decode(pinned_key);
  if (!key || key->size() != crypto::kSigningPublicKeyBytes)
    return Error(ErrorCode::kPermissionDenied, "no valid policy key is pinned (enroll again)");
  const auto signature = base64::decode(signed_policy.signature);
  if (!signature ||
      !crypto::verifySignature(*key, protocol::policySigningPayload(signed_policy.body), *signature))
    return Error(ErrorCode::kPermissionDenied,
                 "the policy's signature is not the pinned console key's");
  JAMUL_ASSIGN_OR_RETURN(protocol::PolicyBody body, protocol::parsePolicyBody(signed_policy.body));
  if (!body.policy.isObject())
    return Error(ErrorCode::kInvalidArgument, "policy: the signed body holds no policy object");
  auto policy = protocol::policyFromJson(body.policy, vocabulary);
  if (!policy) return Error(ErrorCode::kInvalidArgument, "policy: " + policy.error().message());
  if (body.version < running_version)
    return Error(ErrorCode::kInvalidArgument,
                 "policy version " + std::to_string(body.version) + " is older than version " +
                     std::to_string(running_version) + " in force");
  const std::string& url = policy->console.url;
  if (!url.empty() && !url.starts_with("https://"))
    return Error(ErrorCode::kInvalidArgument,
                 "console.url: must be https:// (the policy would cut the way back to the console)");
  policy->version = body.version;
  return VerifiedPolicy{std::move(body), std::move(*policy)};
}

}  // namespace jamul::agent
