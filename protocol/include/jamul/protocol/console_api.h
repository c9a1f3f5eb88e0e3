// SPDX-License-Identifier: Apache-2.0
#pragma once

// The console API between jamul-agent and jamul-console: the agent API's messages and their JSON
// form (docs/console-api.md is the reference). This is the codec only, with no sockets and no
// keys: the agent's console link and the console's handlers share it, so the two cannot disagree
// on a field.
//
//   agent -> console  POST /api/v1/enroll     EnrollRequest      -> EnrollResponse
//                     POST /api/v1/heartbeat  Heartbeat          -> HeartbeatResponse
//                     GET  /api/v1/policy                        -> SignedPolicy (body: PolicyBody)
//                     POST /api/v1/reports    ReportBatch        -> ReportAck
//
// Parsing is strict (protocol/json_value.h): a required field that is missing or of the wrong type
// fails with kInvalidArgument naming it; unknown fields are ignored, so that a newer peer can add
// some (the major version is in the URL). Event data (ReportEvent::data) is checked by the console
// per kind, not here.
//
// Thread-safety: pure functions and value types.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/common/result.h"
#include "jamul/protocol/json_value.h"
#include "jamul/protocol/versions.h"

namespace jamul::protocol {

inline constexpr std::size_t kMaxReportBodyBytes = std::size_t{4} << 20;
inline constexpr std::size_t kMaxConsoleRequestBytes = std::size_t{64} << 10;
inline constexpr std::size_t kMaxEventsPerBatch = 1000;
inline constexpr std::size_t kMaxExcerptsPerFileEvent = 20;

struct EnrollRequest {
  std::string secret;
  std::string machine_id;  // /etc/machine-id: the same machine enrolling again keeps its id
  std::string host;
  std::string user;
  std::string department;  // the agent's policy group; empty: "default"
  std::string version;     // the agent's version
  std::string os;
};

struct EnrollResponse {
  std::int64_t agent_id = 0;
  std::string token;       // the agent's bearer token (base64url)
  std::string policy_key;  // the console's Ed25519 public key (base64), to pin
  int heartbeat_seconds = 60;
  int api = kConsoleApiVersion;
};

struct Heartbeat {
  std::int64_t policy_version = 0;  // the version the agent runs (0: built-in default)
  std::int64_t outbox_depth = 0;    // events not yet acknowledged
  std::string version;
  std::string state;  // idle | scanning | paused
  std::int64_t last_scan_ms = 0;
  std::vector<std::int64_t> decisions_applied;  // request ids of decisions applied since
};

// An admin's decision on an exception request, bound to the file's path and content digest.
struct ExceptionDecision {
  std::int64_t request_id = 0;  // the agent's own id of the request
  std::string state;            // approved | denied
  std::int64_t decided_at_ms = 0;
  std::int64_t expires_at_ms = 0;  // approved: when the exception ends
  std::string path;
  std::string content_digest;
};

struct HeartbeatResponse {
  std::int64_t policy_version = 0;  // the version assigned to the agent's group
  int heartbeat_seconds = 60;
  std::int64_t server_time_ms = 0;
  std::string token;  // a rotated token, or empty
  std::vector<ExceptionDecision> decisions;
};

// What GET /api/v1/policy returns: the signed body, exactly as signed, and the signature.
struct SignedPolicy {
  std::string body;       // a PolicyBody's JSON text
  std::string signature;  // base64 Ed25519 over policySigningPayload(body)
};

struct PolicyBody {
  std::string group;
  std::int64_t version = 0;
  std::int64_t issued_at_ms = 0;
  JsonValue policy;  // the policy document (docs/policy.md), an object
};

enum class EventKind : std::uint8_t {
  kFile,              // a file with findings (or encrypted): the console upserts its row
  kFileRemoved,       // the file left the inventory (or lost its findings)
  kScan,              // a complete scan's totals
  kVolume,            // a removable volume the agent has seen
  kExceptionRequest,  // an employee's request that a file stay in plaintext
  kAction,            // an in-place action ended (encrypt, decrypt, shred)
};
std::string_view eventKindName(EventKind kind);
std::optional<EventKind> eventKindFromName(std::string_view name);

struct ReportEvent {
  std::int64_t seq = 0;  // from 1 per agent, no gaps
  std::int64_t at_ms = 0;
  EventKind kind = EventKind::kFile;
  JsonValue data = JsonValue::object({});  // per kind: docs/console-api.md
};

struct ReportBatch {
  std::vector<ReportEvent> events;  // in seq order, at most kMaxEventsPerBatch
};

struct ReportAck {
  std::int64_t acked_seq = 0;
};

// The bytes the console signs and the agent verifies: the domain separator "jamul policy v1\n"
// followed by the body's bytes exactly as sent.
std::string policySigningPayload(std::string_view body);

std::string encodeEnrollRequest(const EnrollRequest& request);
Result<EnrollRequest> parseEnrollRequest(std::string_view json);
std::string encodeEnrollResponse(const EnrollResponse& response);
Result<EnrollResponse> parseEnrollResponse(std::string_view json);

std::string encodeHeartbeat(const Heartbeat& heartbeat);
Result<Heartbeat> parseHeartbeat(std::string_view json);
std::string encodeHeartbeatResponse(const HeartbeatResponse& response);
Result<HeartbeatResponse> parseHeartbeatResponse(std::string_view json);

std::string encodeSignedPolicy(const SignedPolicy& policy);
Result<SignedPolicy> parseSignedPolicy(std::string_view json);
std::string encodePolicyBody(const PolicyBody& body);
// REQUIRES nothing of the policy's content: that is parsePolicy()'s (policy.h) to check.
Result<PolicyBody> parsePolicyBody(std::string_view json);

// Fails with kInvalidArgument (a malformed event, an unknown kind, seqs not strictly rising) or
// kTooLarge (more than kMaxEventsPerBatch events).
std::string encodeReportBatch(const ReportBatch& batch);
Result<ReportBatch> parseReportBatch(std::string_view json);
std::string encodeReportAck(const ReportAck& ack);
Result<ReportAck> parseReportAck(std::string_view json);

// {"error":{"code":"…","message":"…"}}: the body of every error reply, and its reading (an error
// body that cannot be read gives kUnavailable with the HTTP status in the message).
std::string encodeConsoleError(const Error& error);
Error parseConsoleError(std::string_view json, int http_status);

}  // namespace jamul::protocol
