// SPDX-License-Identifier: Apache-2.0
#pragma once

// A console in memory behind the console link's transport seam (console_transport.h), speaking
// the agent API of docs/console-api.md with the protocol codec: enrollment, heartbeats with token
// rotation and decisions, signed policies with ETags, and report batches applied idempotently by
// sequence number (events at or below the acknowledged seq skipped, a gap refused with 409).
// Faults on demand: down (no connection), a reply lost after the batch was applied, revocation,
// events refused as invalid (the whole batch answered 400 and nothing of it applied).
// Test-only.

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "jamul/common/base64.h"
#include "jamul/crypto/signing_key.h"
#include "jamul/protocol/console_api.h"
#include "service/console/console_transport.h"

namespace jamul::agent::test {

class FakeConsole : public std::enable_shared_from_this<FakeConsole> {
 public:
  std::string url = "https://console.test:8443";
  std::string secret = "jes_secret";
  std::string certificate_sha256 = std::string(64, 'c');
  crypto::SigningKey key = makeKey(7);

  // What the console holds (guarded by mutex).
  std::mutex mutex;
  std::int64_t agent_id = 17;
  std::string token = "token-1";
  std::string previous_token;
  std::string rotate_to;  // the next heartbeat hands this out
  std::int64_t acked_seq = 0;
  std::vector<protocol::ReportEvent> applied;  // each event once
  int batches = 0, heartbeats = 0, policy_fetches = 0, requests = 0;
  std::size_t max_batch_bytes = 0;
  std::int64_t policy_version = 0;
  std::string signed_policy;  // the encoded SignedPolicy
  std::vector<protocol::ExceptionDecision> decisions;  // until confirmed
  std::vector<std::int64_t> confirmed;
  protocol::EnrollRequest enrolled_with;
  bool down = false;
  bool lose_next_reply = false;  // apply the next batch, then fail as if the reply were lost
  bool revoked = false;
  bool force_409 = false;  // the next batch is answered 409 with acked_seq
  // A message for an event the console holds invalid (empty: valid). As the real console, it
  // checks every event of a batch, those at or below acked_seq too, before applying any.
  std::function<std::string(const protocol::ReportEvent&)> refuse;
  int refused_batches = 0;

  static crypto::SigningKey makeKey(std::uint8_t fill) {
    auto seed = crypto::SecretBytes::allocate(32);
    for (std::uint8_t& b : seed->bytes()) b = fill;
    auto key = crypto::SigningKey::fromSeed(std::move(*seed));
    return std::move(*key);
  }

  // Signs `policy_json` (an object) as version `version` with `with` (default: the console's key).
  std::string sign(const std::string& policy_json, std::int64_t version,
                   const crypto::SigningKey* with = nullptr) {
    protocol::PolicyBody body;
    body.group = "default";
    body.version = version;
    body.issued_at_ms = 1;
    body.policy = *protocol::JsonValue::parse(policy_json);
    protocol::SignedPolicy sp;
    sp.body = protocol::encodePolicyBody(body);
    sp.signature =
        base64::encode((with ? *with : key).sign(protocol::policySigningPayload(sp.body)));
    return protocol::encodeSignedPolicy(sp);
  }
  void publish(const std::string& policy_json, std::int64_t version,
               const crypto::SigningKey* with = nullptr) {
    std::lock_guard lock(mutex);
    signed_policy = sign(policy_json, version, with);
    policy_version = version;
  }

  std::vector<std::int64_t> seqs() {
    std::lock_guard lock(mutex);
    std::vector<std::int64_t> out;
    for (const auto& e : applied) out.push_back(e.seq);
    return out;
  }
  std::vector<protocol::ReportEvent> eventsOf(std::string_view kind) {
    std::lock_guard lock(mutex);
    std::vector<protocol::ReportEvent> out;
    for (const auto& e : applied)
      if (protocol::eventKindName(e.kind) == kind) out.push_back(e);
    return out;
  }

  TransportFactory factory() {
    return [self = shared_from_this()](const std::string& to, const ConsolePin& pin,
                                       std::shared_ptr<PeerCertificate> presented)
               -> Result<std::unique_ptr<ConsoleTransport>> {
      return std::unique_ptr<ConsoleTransport>(new Transport(self, to, pin, presented));
    };
  }

 private:
  class Transport final : public ConsoleTransport {
   public:
    Transport(std::shared_ptr<FakeConsole> console, std::string url, ConsolePin pin,
              std::shared_ptr<PeerCertificate> presented)
        : c_(std::move(console)), url_(std::move(url)), pin_(std::move(pin)),
          presented_(std::move(presented)) {}

    Result<HttpReply> send(const HttpCall& call) override {
      FakeConsole& c = *c_;
      std::lock_guard lock(c.mutex);
      ++c.requests;
      if (c.down || url_ != c.url) return Error(ErrorCode::kUnavailable, "connection refused");
      if (pin_.mode == ConsolePin::Mode::kCertificate &&
          pin_.certificate_sha256 != c.certificate_sha256)
        return Error(ErrorCode::kPermissionDenied, "another certificate");
      if (presented_) {
        presented_->sha256 = c.certificate_sha256;
        presented_->pem = "-----BEGIN CERTIFICATE-----\nfake\n-----END CERTIFICATE-----\n";
      }
      if (call.path == "/api/v1/enroll") return enroll(call);
      // Authentication.
      std::string agent, bearer;
      for (const auto& [k, v] : call.headers) {
        if (k == "X-Jamul-Agent") agent = v;
        if (k == "Authorization") bearer = v;
      }
      if (agent != std::to_string(c.agent_id)) return reply(401, error("permission_denied", "who"));
      if (c.revoked) return reply(403, error("permission_denied", "agent revoked"));
      if (bearer == "Bearer " + c.token) {
        c.previous_token.clear();
      } else if (!c.previous_token.empty() && bearer == "Bearer " + c.previous_token) {
      } else {
        return reply(401, error("permission_denied", "bad token"));
      }
      if (call.path == "/api/v1/heartbeat") return heartbeat(call);
      if (call.path == "/api/v1/policy") return policy(call);
      if (call.path == "/api/v1/reports") return reports(call);
      return reply(404, error("not_found", "no such path"));
    }

   private:
    static HttpReply reply(int status, std::string body, std::string etag = {}) {
      return HttpReply{status, std::move(body), std::move(etag)};
    }
    static std::string error(const std::string& code, const std::string& message) {
      return R"({"error":{"code":")" + code + R"(","message":")" + message + R"("}})";
    }

    Result<HttpReply> enroll(const HttpCall& call) {
      FakeConsole& c = *c_;
      auto r = protocol::parseEnrollRequest(call.body);
      if (!r) return reply(400, error("invalid_argument", "bad"));
      if (r->secret != c.secret) return reply(401, error("permission_denied", "bad secret"));
      c.enrolled_with = *r;
      protocol::EnrollResponse out;
      out.agent_id = c.agent_id;
      out.token = c.token;
      out.policy_key = c.key.publicKeyBase64();
      out.heartbeat_seconds = 60;
      return reply(200, protocol::encodeEnrollResponse(out));
    }

    Result<HttpReply> heartbeat(const HttpCall& call) {
      FakeConsole& c = *c_;
      auto hb = protocol::parseHeartbeat(call.body);
      if (!hb) return reply(400, error("invalid_argument", "bad"));
      ++c.heartbeats;
      for (std::int64_t id : hb->decisions_applied) {
        c.confirmed.push_back(id);
        std::erase_if(c.decisions, [&](const auto& d) { return d.request_id == id; });
      }
      protocol::HeartbeatResponse out;
      out.policy_version = c.policy_version;
      out.server_time_ms = 1;
      out.decisions = c.decisions;
      if (!c.rotate_to.empty()) {
        out.token = c.rotate_to;
        c.previous_token = c.token;
        c.token = c.rotate_to;
        c.rotate_to.clear();
      }
      return reply(200, protocol::encodeHeartbeatResponse(out));
    }

    Result<HttpReply> policy(const HttpCall& call) {
      FakeConsole& c = *c_;
      ++c.policy_fetches;
      const std::string etag = "\"" + std::to_string(c.policy_version) + "\"";
      for (const auto& [k, v] : call.headers)
        if (k == "If-None-Match" && v == etag) return reply(304, "", etag);
      if (c.signed_policy.empty()) return reply(404, error("not_found", "no policy"));
      return reply(200, c.signed_policy, etag);
    }

    Result<HttpReply> reports(const HttpCall& call) {
      FakeConsole& c = *c_;
      auto batch = protocol::parseReportBatch(call.body);
      if (!batch) return reply(400, error("invalid_argument", batch.error().message()));
      ++c.batches;
      c.max_batch_bytes = std::max(c.max_batch_bytes, call.body.size());
      for (std::size_t i = 0; c.refuse && i < batch->events.size(); ++i) {
        const std::string why = c.refuse(batch->events[i]);
        if (why.empty()) continue;
        ++c.refused_batches;
        return reply(400, error("invalid_argument", "events[" + std::to_string(i) + "]." + why));
      }
      if (c.force_409) {
        c.force_409 = false;
        return reply(409, protocol::encodeReportAck({c.acked_seq}));
      }
      for (const protocol::ReportEvent& e : batch->events) {
        if (e.seq <= c.acked_seq) continue;  // sent again: counted once
        if (e.seq != c.acked_seq + 1) return reply(409, protocol::encodeReportAck({c.acked_seq}));
        c.applied.push_back(e);
        c.acked_seq = e.seq;
      }
      if (c.lose_next_reply) {
        c.lose_next_reply = false;
        return Error(ErrorCode::kUnavailable, "the reply was lost");
      }
      return reply(200, protocol::encodeReportAck({c.acked_seq}));
    }

    std::shared_ptr<FakeConsole> c_;
    std::string url_;
    ConsolePin pin_;
    std::shared_ptr<PeerCertificate> presented_;
  };
};

}  // namespace jamul::agent::test
