// SPDX-License-Identifier: Apache-2.0
#include "jamul/protocol/console_api.h"

#include <boost/test/unit_test.hpp>

#include <string>

namespace jamul::protocol {
namespace {

BOOST_AUTO_TEST_SUITE(console_api)

BOOST_AUTO_TEST_CASE(enrollment_round_trips_and_requires_its_fields) {
  EnrollRequest request{"jes_secret", "c1f3", "pc-0412", "kim", "총무과", "0.1.0", "Debian 12"};
  auto parsed = parseEnrollRequest(encodeEnrollRequest(request));
  BOOST_TEST_REQUIRE(parsed.ok());
  BOOST_TEST(parsed->department == "총무과");
  BOOST_TEST(parsed->machine_id == "c1f3");
  auto missing = parseEnrollRequest(R"({"machine_id":"x","host":"h"})");
  BOOST_TEST_REQUIRE(!missing.ok());
  BOOST_TEST(missing.error().message().find("secret") != std::string::npos);
  BOOST_TEST(!parseEnrollRequest(R"({"secret":"s","machine_id":"","host":"h"})").ok());

  EnrollResponse response{17, "tok", "cHVi", 30, 1};
  auto back = parseEnrollResponse(encodeEnrollResponse(response));
  BOOST_TEST_REQUIRE(back.ok());
  BOOST_TEST(back->agent_id == 17);
  BOOST_TEST(back->heartbeat_seconds == 30);
  BOOST_TEST(!parseEnrollResponse(R"({"agent_id":0,"token":"t","policy_key":"k"})").ok());
}

BOOST_AUTO_TEST_CASE(heartbeat_carries_decisions_and_a_rotated_token_only_when_there_is_one) {
  Heartbeat beat{7, 3, "0.1.0", "idle", 1796620400000, {12, 13}};
  auto parsed = parseHeartbeat(encodeHeartbeat(beat));
  BOOST_TEST_REQUIRE(parsed.ok());
  BOOST_TEST(parsed->decisions_applied.size() == 2u);
  BOOST_TEST(parsed->outbox_depth == 3);

  HeartbeatResponse response;
  response.policy_version = 8;
  BOOST_TEST(encodeHeartbeatResponse(response).find("token") == std::string::npos);
  response.token = "new";
  response.decisions.push_back({12, "approved", 1, 2, "/home/kim/a.xlsx", "ab"});
  auto back = parseHeartbeatResponse(encodeHeartbeatResponse(response));
  BOOST_TEST_REQUIRE(back.ok());
  BOOST_TEST(back->token == "new");
  BOOST_TEST_REQUIRE(back->decisions.size() == 1u);
  BOOST_TEST(back->decisions[0].path == "/home/kim/a.xlsx");
  BOOST_TEST(!parseHeartbeatResponse(
                  R"({"policy_version":1,"decisions":[{"request_id":1,"state":"maybe","decided_at_ms":1,"path":"/a"}]})")
                  .ok());
}

BOOST_AUTO_TEST_CASE(the_signed_payload_is_the_body_bytes_behind_a_domain_separator) {
  PolicyBody body{"총무과", 8, 1796620492954, JsonValue::object({{"ocr", JsonValue::boolean(true)}})};
  const std::string text = encodePolicyBody(body);
  BOOST_TEST(policySigningPayload(text) == "jamul policy v1\n" + text);
  auto back = parsePolicyBody(text);
  BOOST_TEST_REQUIRE(back.ok());
  BOOST_TEST(back->version == 8);
  BOOST_TEST(back->policy.find("ocr") != nullptr);
  BOOST_TEST(!parsePolicyBody(R"({"group":"g","version":0,"policy":{}})").ok());
  BOOST_TEST(!parsePolicyBody(R"({"group":"g","version":3,"policy":[]})").ok());
  auto signed_policy = parseSignedPolicy(encodeSignedPolicy({text, "c2ln"}));
  BOOST_TEST_REQUIRE(signed_policy.ok());
  BOOST_TEST(signed_policy->body == text);  // byte for byte, however it was escaped on the wire
}

BOOST_AUTO_TEST_CASE(report_batches_must_rise_and_stay_bounded) {
  ReportBatch batch;
  batch.events.push_back({41, 1, EventKind::kFile, JsonValue::object({{"path", JsonValue::string("/a")}})});
  batch.events.push_back({42, 2, EventKind::kScan, JsonValue::object({})});
  auto back = parseReportBatch(encodeReportBatch(batch));
  BOOST_TEST_REQUIRE(back.ok());
  BOOST_TEST(back->events.size() == 2u);
  BOOST_TEST((back->events[1].kind == EventKind::kScan));
  BOOST_TEST(!parseReportBatch(R"({"events":[{"seq":2,"kind":"scan","data":{}},{"seq":2,"kind":"scan","data":{}}]})").ok());
  BOOST_TEST(!parseReportBatch(R"({"events":[{"seq":1,"kind":"bogus","data":{}}]})").ok());
  BOOST_TEST(!parseReportBatch(R"({"events":[{"seq":1,"kind":"scan","data":[]}]})").ok());
  std::string many = R"({"events":[)";
  for (std::size_t i = 1; i <= kMaxEventsPerBatch + 1; ++i) {
    if (i > 1) many += ',';
    many += R"({"seq":)" + std::to_string(i) + R"(,"kind":"scan","data":{}})";
  }
  many += "]}";
  auto too_many = parseReportBatch(many);
  BOOST_TEST_REQUIRE(!too_many.ok());
  BOOST_TEST((too_many.error().code() == ErrorCode::kTooLarge));
  BOOST_TEST(!parseReportBatch(std::string(kMaxReportBodyBytes + 1, ' ')).ok());
}

BOOST_AUTO_TEST_CASE(error_bodies_round_trip_and_unreadable_ones_say_the_status) {
  Error error(ErrorCode::kPermissionDenied, "revoked");
  Error back = parseConsoleError(encodeConsoleError(error), 403);
  BOOST_TEST((back.code() == ErrorCode::kPermissionDenied));
  BOOST_TEST(back.message() == "revoked");
  Error garbage = parseConsoleError("<html>", 502);
  BOOST_TEST((garbage.code() == ErrorCode::kUnavailable));
  BOOST_TEST(garbage.message().find("502") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::protocol
