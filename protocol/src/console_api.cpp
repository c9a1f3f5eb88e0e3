// SPDX-License-Identifier: Apache-2.0
#include "jamul/protocol/console_api.h"

#include <array>
#include <utility>

namespace jamul::protocol {
namespace {

using Member = JsonValue::Member;

constexpr std::array<std::string_view, 6> kEventKindNames = {
    "file", "file_removed", "scan", "volume", "exception_request", "action"};

Error fieldError(std::string_view field, std::string_view what) {
  return Error(ErrorCode::kInvalidArgument, std::string(field) + ": " + std::string(what));
}

Result<JsonValue> parseObject(std::string_view json, std::size_t max_bytes) {
  if (json.size() > max_bytes) {
    return Error(ErrorCode::kTooLarge, "message exceeds " + std::to_string(max_bytes) + " bytes");
  }
  auto doc = JsonValue::parse(json);
  if (!doc) return doc.error();
  if (!doc->isObject()) return Error(ErrorCode::kInvalidArgument, "the message must be an object");
  return std::move(*doc);
}

// Field readers: `required` fields must be present; absent optional ones keep the default.
Status readString(const JsonValue& object, std::string_view key, std::string& out,
                  bool required = true) {
  const JsonValue* value = object.find(key);
  if (value == nullptr) {
    return required ? Status(fieldError(key, "is missing")) : Status();
  }
  if (!value->isString()) return fieldError(key, "must be a string");
  out = value->asString();
  return {};
}

Status readInteger(const JsonValue& object, std::string_view key, std::int64_t& out,
                   bool required = true) {
  const JsonValue* value = object.find(key);
  if (value == nullptr) {
    return required ? Status(fieldError(key, "is missing")) : Status();
  }
  if (!value->isInteger()) return fieldError(key, "must be an integer");
  out = value->asInteger();
  return {};
}

Status readInt(const JsonValue& object, std::string_view key, int& out, bool required = true) {
  std::int64_t wide = out;
  if (auto status = readInteger(object, key, wide, required); !status) return status;
  if (wide < 0 || wide > 1'000'000'000) return fieldError(key, "is out of range");
  out = static_cast<int>(wide);
  return {};
}

JsonValue str(std::string_view s) { return JsonValue::string(std::string(s)); }
JsonValue num(std::int64_t n) { return JsonValue::integer(n); }

JsonValue decisionToJson(const ExceptionDecision& d) {
  return JsonValue::object({{"request_id", num(d.request_id)},
                            {"state", str(d.state)},
                            {"decided_at_ms", num(d.decided_at_ms)},
                            {"expires_at_ms", num(d.expires_at_ms)},
                            {"path", str(d.path)},
                            {"content_digest", str(d.content_digest)}});
}

Result<ExceptionDecision> decisionFromJson(const JsonValue& object) {
  if (!object.isObject()) return fieldError("decisions", "must hold objects");
  ExceptionDecision d;
  JAMUL_RETURN_IF_ERROR(readInteger(object, "request_id", d.request_id));
  JAMUL_RETURN_IF_ERROR(readString(object, "state", d.state));
  if (d.state != "approved" && d.state != "denied") {
    return fieldError("state", "must be approved or denied");
  }
  JAMUL_RETURN_IF_ERROR(readInteger(object, "decided_at_ms", d.decided_at_ms));
  JAMUL_RETURN_IF_ERROR(readInteger(object, "expires_at_ms", d.expires_at_ms, false));
  JAMUL_RETURN_IF_ERROR(readString(object, "path", d.path));
  JAMUL_RETURN_IF_ERROR(readString(object, "content_digest", d.content_digest, false));
  return d;
}

}  // namespace

std::string_view eventKindName(EventKind kind) {
  return kEventKindNames[static_cast<std::size_t>(kind)];
}

std::optional<EventKind> eventKindFromName(std::string_view name) {
  for (std::size_t i = 0; i < kEventKindNames.size(); ++i) {
    if (kEventKindNames[i] == name) return static_cast<EventKind>(i);
  }
  return std::nullopt;
}

std::string policySigningPayload(std::string_view body) {
  std::string payload = "jamul policy v1\n";
  payload.append(body);
  return payload;
}

std::string encodeEnrollRequest(const EnrollRequest& r) {
  return JsonValue::object({{"secret", str(r.secret)},
                            {"machine_id", str(r.machine_id)},
                            {"host", str(r.host)},
                            {"user", str(r.user)},
                            {"department", str(r.department)},
                            {"version", str(r.version)},
                            {"os", str(r.os)}})
      .toJson();
}

Result<EnrollRequest> parseEnrollRequest(std::string_view json) {
  auto doc = parseObject(json, kMaxConsoleRequestBytes);
  if (!doc) return doc.error();
  EnrollRequest r;
  JAMUL_RETURN_IF_ERROR(readString(*doc, "secret", r.secret));
  JAMUL_RETURN_IF_ERROR(readString(*doc, "machine_id", r.machine_id));
  JAMUL_RETURN_IF_ERROR(readString(*doc, "host", r.host));
  JAMUL_RETURN_IF_ERROR(readString(*doc, "user", r.user, false));
  JAMUL_RETURN_IF_ERROR(readString(*doc, "department", r.department, false));
  JAMUL_RETURN_IF_ERROR(readString(*doc, "version", r.version, false));
  JAMUL_RETURN_IF_ERROR(readString(*doc, "os", r.os, false));
  if (r.machine_id.empty() || r.machine_id.size() > 128) {
    return fieldError("machine_id", "must be 1-128 bytes");
  }
  for (const std::string* text : {&r.host, &r.user, &r.department, &r.version, &r.os}) {
    if (text->size() > 256) return fieldError("host/user/department/version/os", "over 256 bytes");
  }
  return r;
}

std::string encodeEnrollResponse(const EnrollResponse& r) {
  return JsonValue::object({{"agent_id", num(r.agent_id)},
                            {"token", str(r.token)},
                            {"policy_key", str(r.policy_key)},
                            {"heartbeat_seconds", num(r.heartbeat_seconds)},
                            {"api", num(r.api)}})
      .toJson();
}

Result<EnrollResponse> parseEnrollResponse(std::string_view json) {
  auto doc = parseObject(json, kMaxConsoleRequestBytes);
  if (!doc) return doc.error();
  EnrollResponse r;
  JAMUL_RETURN_IF_ERROR(readInteger(*doc, "agent_id", r.agent_id));
  JAMUL_RETURN_IF_ERROR(readString(*doc, "token", r.token));
  JAMUL_RETURN_IF_ERROR(readString(*doc, "policy_key", r.policy_key));
  JAMUL_RETURN_IF_ERROR(readInt(*doc, "heartbeat_seconds", r.heartbeat_seconds, false));
  JAMUL_RETURN_IF_ERROR(readInt(*doc, "api", r.api, false));
  if (r.agent_id <= 0) return fieldError("agent_id", "must be positive");
  if (r.token.empty()) return fieldError("token", "is empty");
  return r;
}

std::string encodeHeartbeat(const Heartbeat& h) {
  std::vector<JsonValue> applied;
  for (std::int64_t id : h.decisions_applied) applied.push_back(num(id));
  return JsonValue::object({{"policy_version", num(h.policy_version)},
                            {"outbox_depth", num(h.outbox_depth)},
                            {"version", str(h.version)},
                            {"state", str(h.state)},
                            {"last_scan_ms", num(h.last_scan_ms)},
                            {"decisions_applied", JsonValue::array(std::move(applied))}})
      .toJson();
}

Result<Heartbeat> parseHeartbeat(std::string_view json) {
  auto doc = parseObject(json, kMaxConsoleRequestBytes);
  if (!doc) return doc.error();
  Heartbeat h;
  JAMUL_RETURN_IF_ERROR(readInteger(*doc, "policy_version", h.policy_version));
  JAMUL_RETURN_IF_ERROR(readInteger(*doc, "outbox_depth", h.outbox_depth, false));
  JAMUL_RETURN_IF_ERROR(readString(*doc, "version", h.version, false));
  JAMUL_RETURN_IF_ERROR(readString(*doc, "state", h.state, false));
  JAMUL_RETURN_IF_ERROR(readInteger(*doc, "last_scan_ms", h.last_scan_ms, false));
  if (const JsonValue* applied = doc->find("decisions_applied")) {
    if (!applied->isArray()) return fieldError("decisions_applied", "must be an array");
    if (applied->asArray().size() > 10'000) return fieldError("decisions_applied", "too long");
    for (const JsonValue& id : applied->asArray()) {
      if (!id.isInteger()) return fieldError("decisions_applied", "must hold integers");
      h.decisions_applied.push_back(id.asInteger());
    }
  }
  return h;
}

std::string encodeHeartbeatResponse(const HeartbeatResponse& r) {
  std::vector<JsonValue> decisions;
  for (const ExceptionDecision& d : r.decisions) decisions.push_back(decisionToJson(d));
  std::vector<Member> members = {{"policy_version", num(r.policy_version)},
                                 {"heartbeat_seconds", num(r.heartbeat_seconds)},
                                 {"server_time_ms", num(r.server_time_ms)}};
  if (!r.token.empty()) members.emplace_back("token", str(r.token));
  members.emplace_back("decisions", JsonValue::array(std::move(decisions)));
  return JsonValue::object(std::move(members)).toJson();
}

Result<HeartbeatResponse> parseHeartbeatResponse(std::string_view json) {
  auto doc = parseObject(json, kMaxReportBodyBytes);
  if (!doc) return doc.error();
  HeartbeatResponse r;
  JAMUL_RETURN_IF_ERROR(readInteger(*doc, "policy_version", r.policy_version));
  JAMUL_RETURN_IF_ERROR(readInt(*doc, "heartbeat_seconds", r.heartbeat_seconds, false));
  JAMUL_RETURN_IF_ERROR(readInteger(*doc, "server_time_ms", r.server_time_ms, false));
  JAMUL_RETURN_IF_ERROR(readString(*doc, "token", r.token, false));
  if (const JsonValue* decisions = doc->find("decisions")) {
    if (!decisions->isArray()) return fieldError("decisions", "must be an array");
    for (const JsonValue& item : decisions->asArray()) {
      auto decision = decisionFromJson(item);
      if (!decision) return decision.error();
      r.decisions.push_back(std::move(*decision));
    }
  }
  return r;
}

std::string encodeSignedPolicy(const SignedPolicy& p) {
  return JsonValue::object({{"body", str(p.body)}, {"signature", str(p.signature)}}).toJson();
}

Result<SignedPolicy> parseSignedPolicy(std::string_view json) {
  auto doc = parseObject(json, kMaxReportBodyBytes);
  if (!doc) return doc.error();
  SignedPolicy p;
  JAMUL_RETURN_IF_ERROR(readString(*doc, "body", p.body));
  JAMUL_RETURN_IF_ERROR(readString(*doc, "signature", p.signature));
  return p;
}

std::string encodePolicyBody(const PolicyBody& b) {
  return JsonValue::object({{"group", str(b.group)},
                            {"version", num(b.version)},
                            {"issued_at_ms", num(b.issued_at_ms)},
                            {"policy", b.policy}})
      .toJson();
}

Result<PolicyBody> parsePolicyBody(std::string_view json) {
  auto doc = parseObject(json, kMaxConsoleRequestBytes);
  if (!doc) return doc.error();
  PolicyBody b;
  JAMUL_RETURN_IF_ERROR(readString(*doc, "group", b.group));
  JAMUL_RETURN_IF_ERROR(readInteger(*doc, "version", b.version));
  JAMUL_RETURN_IF_ERROR(readInteger(*doc, "issued_at_ms", b.issued_at_ms, false));
  const JsonValue* policy = doc->find("policy");
  if (policy == nullptr || !policy->isObject()) return fieldError("policy", "must be an object");
  if (b.version <= 0) return fieldError("version", "must be positive");
  b.policy = *policy;
  return b;
}

std::string encodeReportBatch(const ReportBatch& batch) {
  std::vector<JsonValue> events;
  events.reserve(batch.events.size());
  for (const ReportEvent& e : batch.events) {
    events.push_back(JsonValue::object({{"seq", num(e.seq)},
                                        {"at_ms", num(e.at_ms)},
                                        {"kind", str(eventKindName(e.kind))},
                                        {"data", e.data}}));
  }
  return JsonValue::object({{"events", JsonValue::array(std::move(events))}}).toJson();
}

Result<ReportBatch> parseReportBatch(std::string_view json) {
  auto doc = parseObject(json, kMaxReportBodyBytes);
  if (!doc) return doc.error();
  const JsonValue* events = doc->find("events");
  if (events == nullptr || !events->isArray()) return fieldError("events", "must be an array");
  if (events->asArray().size() > kMaxEventsPerBatch) {
    return Error(ErrorCode::kTooLarge,
                 "events: more than " + std::to_string(kMaxEventsPerBatch) + " in one batch");
  }
  ReportBatch batch;
  batch.events.reserve(events->asArray().size());
  for (const JsonValue& item : events->asArray()) {
    if (!item.isObject()) return fieldError("events", "must hold objects");
    ReportEvent e;
    JAMUL_RETURN_IF_ERROR(readInteger(item, "seq", e.seq));
    JAMUL_RETURN_IF_ERROR(readInteger(item, "at_ms", e.at_ms, false));
    std::string kind;
    JAMUL_RETURN_IF_ERROR(readString(item, "kind", kind));
    auto parsed_kind = eventKindFromName(kind);
    if (!parsed_kind) return fieldError("kind", "unknown event kind");
    e.kind = *parsed_kind;
    const JsonValue* data = item.find("data");
    if (data == nullptr || !data->isObject()) return fieldError("data", "must be an object");
    e.data = *data;
    if (e.seq <= 0) return fieldError("seq", "must be positive");
    if (!batch.events.empty() && e.seq <= batch.events.back().seq) {
      return fieldError("seq", "must rise strictly within a batch");
    }
    batch.events.push_back(std::move(e));
  }
  return batch;
}

std::string encodeReportAck(const ReportAck& ack) {
  return JsonValue::object({{"acked_seq", num(ack.acked_seq)}}).toJson();
}

Result<ReportAck> parseReportAck(std::string_view json) {
  auto doc = parseObject(json, kMaxConsoleRequestBytes);
  if (!doc) return doc.error();
  ReportAck ack;
  JAMUL_RETURN_IF_ERROR(readInteger(*doc, "acked_seq", ack.acked_seq));
  return ack;
}

std::string encodeConsoleError(const Error& error) {
  return JsonValue::object(
             {{"error", JsonValue::object({{"code", str(errorCodeName(error.code()))},
                                           {"message", str(error.message())}})}})
      .toJson();
}

Error parseConsoleError(std::string_view json, int http_status) {
  const std::string fallback = "console answered HTTP " + std::to_string(http_status);
  auto doc = JsonValue::parse(json);
  if (!doc || !doc->isObject()) return Error(ErrorCode::kUnavailable, fallback);
  const JsonValue* error = doc->find("error");
  if (error == nullptr || !error->isObject()) return Error(ErrorCode::kUnavailable, fallback);
  const JsonValue* code = error->find("code");
  const JsonValue* message = error->find("message");
  std::optional<ErrorCode> parsed =
      code != nullptr && code->isString() ? errorCodeFromName(code->asString()) : std::nullopt;
  std::string text = message != nullptr && message->isString() ? message->asString() : fallback;
  return Error(parsed.value_or(ErrorCode::kUnavailable), std::move(text));
}

}  // namespace jamul::protocol
