// SPDX-License-Identifier: Apache-2.0
// The agent API over real HTTPS on 127.0.0.1 (http/console_server.h, http/agent_api.h), on SQLite
// and, as console.server_postgres, on PostgreSQL.
#include <atomic>
#include <filesystem>
#include <chrono>
#include <thread>

#include <boost/test/unit_test.hpp>

#include "console/console_fixture.h"
#include "jamul/common/base64.h"
#include "jamul/protocol/policy.h"
#include "service/policy_service.h"

namespace jamul::console {
namespace {

using test::ServerFixture;

const std::string kHeartbeat =
    R"({"policy_version":0,"outbox_depth":3,"version":"0.1.0","state":"idle","last_scan_ms":0,"decisions_applied":[]})";

std::string fileBatch(std::int64_t first_seq, int count, const std::string& extra_data = "") {
  std::string body = R"({"events":[)";
  for (int i = 0; i < count; ++i) {
    if (i > 0) body += ",";
    body += R"({"seq":)" + std::to_string(first_seq + i) + R"(,"at_ms":1,"kind":"file","data":{"path":"/home/kim/f)" +
            std::to_string(first_seq + i) + R"(.xlsx","counts":{"kr_rrn":2},"encrypted":false)" +
            extra_data + "}}";
  }
  return body + "]}";
}

struct Server : ServerFixture {
  Server() { start(); }
};

BOOST_AUTO_TEST_SUITE(server)

BOOST_FIXTURE_TEST_CASE(enrollment_needs_the_secret_and_is_rate_limited, Server) {
  auto bad = request("POST", "/api/v1/enroll",
                     R"({"secret":"wrong","machine_id":"m","host":"h","user":"u","department":"","version":"1","os":"o"})");
  BOOST_TEST(bad.status == 401);
  BOOST_TEST(bad.body.find("permission_denied") != std::string::npos);
  auto [id, token] = enroll("m1");
  BOOST_TEST(id > 0);
  BOOST_TEST(token.size() >= 40u);
  auto [again, token2] = enroll("m1");
  BOOST_TEST(again == id);
  BOOST_TEST(token2 != token);
  for (int i = 0; i < 9; ++i) {
    (void)request("POST", "/api/v1/enroll",
                  R"({"secret":"wrong","machine_id":"m","host":"h","user":"u","department":"","version":"1","os":"o"})");
  }
  // Ten wrong secrets from this address: even the right one waits out the window.
  auto limited = request("POST", "/api/v1/enroll",
                         R"({"secret":"jes_test-secret","machine_id":"m9","host":"h","user":"u","department":"","version":"1","os":"o"})");
  BOOST_TEST(limited.status == 429);
  now += 11 * 60'000;
  auto later = request("POST", "/api/v1/enroll",
                       R"({"secret":"jes_test-secret","machine_id":"m9","host":"h","user":"u","department":"","version":"1","os":"o"})");
  BOOST_TEST(later.status == 200);
  BOOST_TEST(log.find("jes_test-secret") == std::string::npos);
  BOOST_TEST(log.find(token) == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(reports_are_counted_once_and_a_gap_is_409, Server) {
  auto [id, token] = enroll("m1");
  auto headers = agentHeaders(id, token);
  auto first = request("POST", "/api/v1/reports", fileBatch(1, 3), headers);
  BOOST_TEST(first.status == 200);
  BOOST_TEST(first.body == R"({"acked_seq":3})");
  auto again = request("POST", "/api/v1/reports", fileBatch(1, 3), headers);
  BOOST_TEST(again.status == 200);
  BOOST_TEST(again.body == R"({"acked_seq":3})");
  BOOST_TEST(store->agent(id)->items == 6);
  auto gap = request("POST", "/api/v1/reports", fileBatch(5, 1), headers);
  BOOST_TEST(gap.status == 409);
  auto ack = protocol::parseReportAck(gap.body);
  BOOST_TEST_REQUIRE(ack.ok());
  BOOST_TEST(ack->acked_seq == 3);
  BOOST_TEST(request("POST", "/api/v1/reports", fileBatch(4, 2), headers).status == 200);
  BOOST_TEST(store->agent(id)->items == 10);
}

BOOST_FIXTURE_TEST_CASE(the_same_batch_sent_concurrently_counts_once, Server) {
  auto [id, token] = enroll("m1");
  auto headers = agentHeaders(id, token);
  std::vector<std::thread> senders;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    senders.emplace_back([&] {
      for (std::int64_t first = 1; first <= 41; first += 20) {
        if (request("POST", "/api/v1/reports", fileBatch(first, 20), headers).status == 200) ++ok;
      }
    });
  }
  for (auto& t : senders) t.join();
  BOOST_TEST(ok.load() == 12);
  BOOST_TEST(store->agent(id)->acked_seq == 60);
  BOOST_TEST(store->agent(id)->items == 120);
  BOOST_TEST(store->agent(id)->files_with_pii == 60);
}

BOOST_FIXTURE_TEST_CASE(undocumented_fields_are_dropped_and_wrong_types_refused, Server) {
  auto [id, token] = enroll("m1");
  auto headers = agentHeaders(id, token);
  auto ok = request("POST", "/api/v1/reports", fileBatch(1, 1, R"(,"raw_value":"800101-1234567")"), headers);
  BOOST_TEST(ok.status == 200);
  auto top = store->topFiles(5);
  BOOST_TEST_REQUIRE(top->size() == 1u);
  BOOST_TEST(top->at(0).counts_json.find("800101") == std::string::npos);
  if (url.empty()) {
    // The planted value is nowhere in the database's files.
    for (const char* name : {"console.db", "console.db-wal"}) {
      const auto path = dir.path() / name;
      if (std::filesystem::exists(path)) {
        BOOST_TEST(jamul::test::readFile(path).find("800101-1234567") == std::string::npos, name);
      }
    }
  }
  BOOST_TEST(log.find("800101-1234567") == std::string::npos);
  auto wrong = request("POST", "/api/v1/reports",
                       R"({"events":[{"seq":2,"at_ms":1,"kind":"file","data":{"path":"/a","counts":{"kr_rrn":"many"}}}]})",
                       headers);
  BOOST_TEST(wrong.status == 400);
  BOOST_TEST(wrong.body.find("events[0].data.counts.kr_rrn") != std::string::npos);
  auto malformed = request("POST", "/api/v1/reports", R"({"events":[{"seq":2,)", headers);
  BOOST_TEST(malformed.status == 400);
  auto no_path = request("POST", "/api/v1/reports",
                         R"({"events":[{"seq":2,"at_ms":1,"kind":"file","data":{"counts":{}}}]})", headers);
  BOOST_TEST(no_path.status == 400);
  BOOST_TEST(no_path.body.find("path") != std::string::npos);
  BOOST_TEST(store->agent(id)->acked_seq == 1);
}

BOOST_FIXTURE_TEST_CASE(oversized_bodies_are_refused_with_413, Server) {
  auto [id, token] = enroll("m1");
  const std::string big(protocol::kMaxConsoleRequestBytes + 10, ' ');
  BOOST_TEST(request("POST", "/api/v1/heartbeat", big, agentHeaders(id, token)).status == 413);
  const std::string huge(protocol::kMaxReportBodyBytes + 10, ' ');
  BOOST_TEST(request("POST", "/api/v1/reports", huge, agentHeaders(id, token)).status == 413);
  BOOST_TEST(request("POST", "/api/v1/enroll", big).status == 413);
  // A report batch may be larger than other requests.
  BOOST_TEST(request("POST", "/api/v1/reports", fileBatch(1, 400), agentHeaders(id, token)).status == 200);
}

BOOST_FIXTURE_TEST_CASE(a_request_that_does_not_arrive_in_time_is_dropped_with_408, Server) {
  // The fixture's limit is 5 s (the console's is 30 s).
  Poco::Net::Context::Ptr tls = new Poco::Net::Context(Poco::Net::Context::CLIENT_USE, "", "", "",
                                                       Poco::Net::Context::VERIFY_NONE);
  Poco::Net::HTTPSClientSession session("127.0.0.1", server->port(), tls);
  session.setTimeout(Poco::Timespan(20, 0));
  Poco::Net::HTTPRequest req("POST", "/api/v1/enroll", Poco::Net::HTTPMessage::HTTP_1_1);
  req.setContentLength64(100);
  session.sendRequest(req) << "{\"secret\":" << std::flush;
  const auto started = std::chrono::steady_clock::now();
  Poco::Net::HTTPResponse response;
  session.receiveResponse(response);
  BOOST_TEST(response.getStatus() == 408);
  BOOST_TEST((std::chrono::steady_clock::now() - started < std::chrono::seconds(15)));
}

BOOST_FIXTURE_TEST_CASE(unauthenticated_cross_agent_and_revoked_requests_are_refused, Server) {
  auto [a, token_a] = enroll("m1");
  auto [b, token_b] = enroll("m2");
  BOOST_TEST(request("POST", "/api/v1/heartbeat", kHeartbeat).status == 401);
  BOOST_TEST(request("POST", "/api/v1/heartbeat", kHeartbeat, agentHeaders(a, "nonsense")).status == 401);
  // B's token presented as A.
  BOOST_TEST(request("POST", "/api/v1/heartbeat", kHeartbeat, agentHeaders(a, token_b)).status == 401);
  BOOST_TEST(request("POST", "/api/v1/reports", fileBatch(1, 1), agentHeaders(b, token_a)).status == 401);
  BOOST_TEST(request("POST", "/api/v1/heartbeat", kHeartbeat, agentHeaders(a, token_a)).status == 200);
  BOOST_TEST_REQUIRE(store->revoke(a, now, "tester").ok());
  auto revoked = request("POST", "/api/v1/heartbeat", kHeartbeat, agentHeaders(a, token_a));
  BOOST_TEST(revoked.status == 403);
  BOOST_TEST(revoked.body.find("revoked") != std::string::npos);
  BOOST_TEST(request("GET", "/api/v1/policy", "", agentHeaders(a, token_a)).status == 403);
  BOOST_TEST(request("POST", "/api/v1/heartbeat", kHeartbeat, agentHeaders(b, token_b)).status == 200);
}

BOOST_FIXTURE_TEST_CASE(tokens_rotate_and_a_replayed_old_token_is_refused, Server) {
  auto [id, token] = enroll("m1");
  auto r1 = request("POST", "/api/v1/heartbeat", kHeartbeat, agentHeaders(id, token));
  BOOST_TEST_REQUIRE(r1.status == 200);
  BOOST_TEST(protocol::parseHeartbeatResponse(r1.body)->token.empty());
  now += 24LL * 3600'000 + 1;
  auto r2 = request("POST", "/api/v1/heartbeat", kHeartbeat, agentHeaders(id, token));
  BOOST_TEST_REQUIRE(r2.status == 200);
  const std::string rotated = protocol::parseHeartbeatResponse(r2.body)->token;
  BOOST_TEST_REQUIRE(!rotated.empty());
  BOOST_TEST(rotated != token);
  // Until the new token is used, the old one still works (a lost reply must not lock out).
  BOOST_TEST(request("GET", "/api/v1/policy", "", agentHeaders(id, token)).status == 404);
  BOOST_TEST(request("POST", "/api/v1/reports", fileBatch(1, 1), agentHeaders(id, rotated)).status == 200);
  // Now the old token is a replay.
  BOOST_TEST(request("POST", "/api/v1/heartbeat", kHeartbeat, agentHeaders(id, token)).status == 401);
  auto r3 = request("POST", "/api/v1/heartbeat", kHeartbeat, agentHeaders(id, rotated));
  BOOST_TEST(r3.status == 200);
  BOOST_TEST(protocol::parseHeartbeatResponse(r3.body)->token.empty());
}

BOOST_FIXTURE_TEST_CASE(the_policy_is_signed_once_and_served_with_an_etag, Server) {
  auto [id, token] = enroll("m1", "총무과");
  auto headers = agentHeaders(id, token);
  BOOST_TEST(request("GET", "/api/v1/policy", "", headers).status == 404);
  auto v1 = setGroupPolicy(*store, *signing_key, "default", R"({"ocr":true})", now, "tester");
  auto v2 = setGroupPolicy(*store, *signing_key, "총무과",
                           R"({"actions":[{"rules":["kr_rrn"],"min_confidence":"high","action":"encrypt"}]})",
                           now, "tester");
  BOOST_TEST_REQUIRE((v1.ok() && v2.ok()));
  BOOST_TEST(*v2 > *v1);
  auto bad = setGroupPolicy(*store, *signing_key, "default", R"({"schedule":{"start":"25:00"}})", now, "t");
  BOOST_TEST_REQUIRE(!bad.ok());
  BOOST_TEST(bad.error().message().find("schedule") != std::string::npos);
  auto unknown_rule = setGroupPolicy(*store, *signing_key, "default",
                                     R"({"actions":[{"rules":["no_such_rule"],"action":"encrypt"}]})", now, "t");
  BOOST_TEST_REQUIRE(!unknown_rule.ok());
  BOOST_TEST(unknown_rule.error().toString().find("actions") != std::string::npos);

  auto reply = request("GET", "/api/v1/policy", "", headers);
  BOOST_TEST_REQUIRE(reply.status == 200);
  BOOST_TEST(reply.header("ETag") == "\"" + std::to_string(*v2) + "\"");
  auto signed_policy = protocol::parseSignedPolicy(reply.body);
  BOOST_TEST_REQUIRE(signed_policy.ok());
  auto signature = base64::decode(signed_policy->signature);
  BOOST_TEST_REQUIRE(signature.has_value());
  const auto& pk = signing_key->publicKey();
  const std::string public_key(reinterpret_cast<const char*>(pk.data()), pk.size());
  BOOST_TEST(crypto::verifySignature(public_key, protocol::policySigningPayload(signed_policy->body),
                                     *signature));
  BOOST_TEST(!crypto::verifySignature(public_key, protocol::policySigningPayload(signed_policy->body + " "),
                                      *signature));
  auto body = protocol::parsePolicyBody(signed_policy->body);
  BOOST_TEST_REQUIRE(body.ok());
  BOOST_TEST(body->group == "총무과");
  BOOST_TEST(body->version == *v2);
  // Served byte-identical.
  BOOST_TEST(request("GET", "/api/v1/policy", "", headers).body == reply.body);
  auto not_modified = request("GET", "/api/v1/policy", "", [&] {
    auto h = headers;
    h["If-None-Match"] = reply.header("ETag");
    return h;
  }());
  BOOST_TEST(not_modified.status == 304);
  BOOST_TEST(not_modified.body.empty());
  auto hb = protocol::parseHeartbeatResponse(request("POST", "/api/v1/heartbeat", kHeartbeat, headers).body);
  BOOST_TEST(hb->policy_version == *v2);
}

BOOST_FIXTURE_TEST_CASE(heartbeats_are_recorded_and_carry_decisions_until_applied, Server) {
  auto [id, token] = enroll("m1");
  auto headers = agentHeaders(id, token);
  const std::string request_event =
      R"({"events":[{"seq":1,"at_ms":1,"kind":"exception_request","data":{"request_id":7,"path":"/home/kim/a.xlsx","owner":"kim","content_digest":"00ff","reason":"audit","days":14,"requested_at_ms":5}}]})";
  BOOST_TEST(request("POST", "/api/v1/reports", request_event, headers).status == 200);
  auto pending = store->exceptions({.state = "pending"});
  BOOST_TEST_REQUIRE(pending->first.size() == 1u);
  BOOST_TEST_REQUIRE(store->decide(pending->first.at(0).id, true, std::nullopt, now, "admin").ok());
  auto r1 = protocol::parseHeartbeatResponse(request("POST", "/api/v1/heartbeat", kHeartbeat, headers).body);
  BOOST_TEST_REQUIRE(r1->decisions.size() == 1u);
  BOOST_TEST(r1->decisions[0].request_id == 7);
  BOOST_TEST(r1->decisions[0].state == "approved");
  BOOST_TEST(r1->decisions[0].expires_at_ms == now + 14 * 86'400'000LL);
  BOOST_TEST(r1->decisions[0].content_digest == "00ff");
  const std::string applied =
      R"({"policy_version":0,"outbox_depth":0,"version":"0.2.0","state":"scanning","last_scan_ms":0,"decisions_applied":[7]})";
  auto r2 = protocol::parseHeartbeatResponse(request("POST", "/api/v1/heartbeat", applied, headers).body);
  BOOST_TEST(r2->decisions.empty());
  auto agent = store->agent(id);
  BOOST_TEST(agent->version == "0.2.0");
  BOOST_TEST(agent->run_state == "scanning");
  BOOST_TEST(agent->last_contact_ms == now.load());
}

BOOST_FIXTURE_TEST_CASE(every_response_carries_the_security_headers, Server) {
  for (const char* path : {"/", "/api/v1/policy", "/api/admin/summary", "/nope"}) {
    auto r = request("GET", path);
    BOOST_TEST(r.header("Content-Security-Policy").find("default-src 'self'") != std::string::npos, path);
    BOOST_TEST(r.header("X-Frame-Options") == "DENY", path);
    BOOST_TEST(r.header("X-Content-Type-Options") == "nosniff", path);
    BOOST_TEST(r.header("Referrer-Policy") == "no-referrer", path);
    BOOST_TEST(!r.header("Strict-Transport-Security").empty(), path);
  }
  auto index = request("GET", "/");
  BOOST_TEST(index.status == 200);
  BOOST_TEST(index.header("Content-Type").find("text/html") == 0u);
  const std::string etag = index.header("ETag");
  if (!etag.empty()) {
    BOOST_TEST(request("GET", "/", "", {{"If-None-Match", etag}}).status == 304);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::console
