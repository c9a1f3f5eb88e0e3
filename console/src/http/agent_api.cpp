// SPDX-License-Identifier: Apache-2.0
#include "http/agent_api.h"

#include "jamul/common/utf8.h"
#include "jamul/crypto/credentials.h"
#include "jamul/protocol/console_api.h"
#include "service/event_validation.h"

namespace jamul::console {
namespace {

constexpr std::size_t kMaxFieldBytes = 256;

HttpReply denied(const std::string& message, int status = 401) {
  return errorReply(Error(ErrorCode::kPermissionDenied, message), status);
}

Status checkEnrollFields(const protocol::EnrollRequest& r) {
  if (r.machine_id.empty()) return Error(ErrorCode::kInvalidArgument, "machine_id: must not be empty");
  const std::pair<const char*, const std::string*> fields[] = {
      {"machine_id", &r.machine_id}, {"host", &r.host}, {"user", &r.user},
      {"department", &r.department}, {"version", &r.version}, {"os", &r.os}};
  for (const auto& [name, value] : fields) {
    if (value->size() > kMaxFieldBytes) {
      return Error(ErrorCode::kInvalidArgument, std::string(name) + ": longer than 256 bytes");
    }
  }
  return okStatus();
}

std::int64_t parseAgentId(const std::string& text) {
  if (text.empty() || text.size() > 18) return 0;
  std::int64_t id = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    id = id * 10 + (c - '0');
  }
  return id;
}

std::string bearerToken(const std::string& authorization) {
  static const std::string kPrefix = "Bearer ";
  if (authorization.compare(0, kPrefix.size(), kPrefix) != 0) return {};
  return authorization.substr(kPrefix.size());
}

}  // namespace

AgentApi::AgentApi(ConsoleContext& context, LogFn log)
    : context_(context),
      log_(std::move(log)),
      enroll_limiter_(context.settings.enroll_failures_per_address,
                      context.settings.enroll_window_ms) {}

std::size_t AgentApi::maxBody(const std::string& path) {
  return path == "/api/v1/reports" ? protocol::kMaxReportBodyBytes
                                   : protocol::kMaxConsoleRequestBytes;
}

HttpReply AgentApi::handle(const ApiRequest& request) {
  const std::string& p = request.path;
  const bool post = request.method == "POST";
  if (p == "/api/v1/enroll") {
    return post ? enroll(request) : errorReply(Error(ErrorCode::kInvalidArgument, "use POST"), 405);
  }
  const bool known = (p == "/api/v1/heartbeat" && post) || (p == "/api/v1/reports" && post) ||
                     (p == "/api/v1/policy" && request.method == "GET");
  if (!known) return errorReply(Error(ErrorCode::kNotFound, "no such request"), 404);
  HttpReply refusal;
  auto auth = authenticate(request, refusal);
  if (!auth) return refusal;
  if (p == "/api/v1/heartbeat") return heartbeat(request, *auth);
  if (p == "/api/v1/reports") return reports(request, *auth);
  return policy(request, *auth);
}

Result<AgentAuth> AgentApi::authenticate(const ApiRequest& request, HttpReply& refusal) {
  const std::int64_t id = parseAgentId(request.header("x-jamul-agent"));
  const std::string token = bearerToken(request.header("authorization"));
  if (id == 0 || token.empty()) {
    refusal = denied("X-Jamul-Agent and a bearer token are required");
    return Error(ErrorCode::kPermissionDenied, "no credentials");
  }
  auto auth = context_.store.authenticate(id, crypto::tokenDigest(token), context_.now_ms(),
                                          context_.settings.token_max_age_ms);
  if (!auth) {
    refusal = errorReply(auth.error());
    return auth.error();
  }
  if (auth->result == AuthResult::kRevoked) {
    refusal = denied("revoked: this agent was revoked by the console", 403);
    return Error(ErrorCode::kPermissionDenied, "revoked");
  }
  if (auth->result != AuthResult::kOk) {
    log_("agent " + std::to_string(id) + ": refused a bad token");
    refusal = denied("bad agent credentials");
    return Error(ErrorCode::kPermissionDenied, "bad token");
  }
  return auth;
}

HttpReply AgentApi::enroll(const ApiRequest& request) {
  const std::int64_t now = context_.now_ms();
  if (enroll_limiter_.blocked(request.client_address, now)) {
    return errorReply(Error(ErrorCode::kUnavailable, "too many wrong enrollment secrets; wait"), 429);
  }
  auto in = protocol::parseEnrollRequest(request.body);
  if (!in) return errorReply(in.error(), 400);
  if (!crypto::constantTimeEquals(in->secret, context_.enrollment_secret)) {
    enroll_limiter_.recordFailure(request.client_address, now);
    log_("enroll: wrong secret from " + request.client_address);
    return denied("wrong enrollment secret");
  }
  if (auto s = checkEnrollFields(*in); !s) return errorReply(s.error(), 400);
  const std::string token = crypto::randomToken(32);
  EnrollInput input{in->machine_id, in->host, in->user, in->department, in->version, in->os,
                    crypto::tokenDigest(token), now};
  auto id = context_.store.enroll(input);
  if (!id) return errorReply(id.error());
  log_("agent " + std::to_string(*id) + ": enrolled");
  protocol::EnrollResponse reply{*id, token, context_.signing_key.publicKeyBase64(),
                                 context_.settings.heartbeat_seconds, protocol::kConsoleApiVersion};
  return jsonReply(protocol::encodeEnrollResponse(reply));
}

Result<std::int64_t> AgentApi::assignedVersion(const std::string& department) {
  JAMUL_ASSIGN_OR_RETURN(auto policy, context_.store.policyFor(department));
  return policy ? policy->version : std::int64_t{0};
}

HttpReply AgentApi::heartbeat(const ApiRequest& request, const AgentAuth& auth) {
  auto hb = protocol::parseHeartbeat(request.body);
  if (!hb) return errorReply(hb.error(), 400);
  if (hb->version.size() > kMaxFieldBytes || hb->state.size() > 32) {
    return errorReply(Error(ErrorCode::kInvalidArgument, "version/state: too long"), 400);
  }
  const std::int64_t now = context_.now_ms();
  HeartbeatInput input{auth.id, hb->policy_version, hb->outbox_depth, hb->version, hb->state,
                       hb->last_scan_ms, hb->decisions_applied, now};
  auto decisions = context_.store.heartbeat(input);
  if (!decisions) return errorReply(decisions.error());
  auto version = assignedVersion(auth.department);
  if (!version) return errorReply(version.error());
  protocol::HeartbeatResponse reply;
  reply.policy_version = *version;
  reply.heartbeat_seconds = context_.settings.heartbeat_seconds;
  reply.server_time_ms = now;
  if (auth.rotation_due) {
    std::string token = crypto::randomToken(32);
    if (auto s = context_.store.rotateToken(auth.id, crypto::tokenDigest(token), now); !s) {
      return errorReply(s.error());
    }
    log_("agent " + std::to_string(auth.id) + ": token rotated");
    reply.token = std::move(token);
  }
  for (const ExceptionRecord& e : *decisions) {
    reply.decisions.push_back(protocol::ExceptionDecision{e.request_id, e.state, e.decided_at_ms,
                                                          e.expires_at_ms, e.path, e.content_digest});
  }
  return jsonReply(protocol::encodeHeartbeatResponse(reply));
}

HttpReply AgentApi::policy(const ApiRequest& request, const AgentAuth& auth) {
  auto stored = context_.store.policyFor(auth.department);
  if (!stored) return errorReply(stored.error());
  if (!*stored) return errorReply(Error(ErrorCode::kNotFound, "no policy is assigned"), 404);
  const std::string etag = "\"" + std::to_string((*stored)->version) + "\"";
  HttpReply reply;
  if (request.header("if-none-match") == etag) {
    reply.status = 304;
  } else {
    reply = jsonReply(protocol::encodeSignedPolicy({(*stored)->body, (*stored)->signature}));
  }
  reply.headers.emplace_back("ETag", etag);
  reply.headers.emplace_back("Cache-Control", "no-cache");
  return reply;
}

HttpReply AgentApi::reports(const ApiRequest& request, const AgentAuth& auth) {
  auto batch = protocol::parseReportBatch(request.body);
  if (!batch) return errorReply(batch.error());
  auto events = validateEvents(*batch);
  if (!events) return errorReply(events.error(), 400);
  auto outcome = context_.store.ingest(auth.id, *events, context_.now_ms());
  if (!outcome) {
    log_("agent " + std::to_string(auth.id) + ": report not stored: " + outcome.error().message());
    return errorReply(outcome.error(), 500);
  }
  const std::string ack = protocol::encodeReportAck({outcome->acked_seq});
  if (outcome->gap) {
    // The ack with the error: the agent reads acked_seq and sends again from the next one.
    std::string body = ack.substr(0, ack.size() - 1) +
                       ",\"error\":{\"code\":\"corrupt\",\"message\":\"sequence gap: send from " +
                       std::to_string(outcome->acked_seq + 1) + "\"}}";
    return jsonReply(std::move(body), 409);
  }
  return jsonReply(ack);
}

}  // namespace jamul::console
