// SPDX-License-Identifier: Apache-2.0
// The local API's messages: requests, replies and events round-trip; what is not a message of this
// version is refused, saying why.
#include "jamul/protocol/local_api.h"

#include <boost/test/unit_test.hpp>
#include <string>

namespace jamul::protocol {
namespace {

std::string withoutNewline(std::string line) {
  BOOST_REQUIRE(!line.empty() && line.back() == '\n');
  line.pop_back();
  BOOST_TEST(line.find('\n') == std::string::npos);  // one line per message
  return line;
}

BOOST_AUTO_TEST_SUITE(local_api)

BOOST_AUTO_TEST_CASE(requests_replies_and_events_round_trip) {
  LocalRequest request;
  request.id = 41;
  request.op = LocalOp::kEncrypt;
  request.args = JsonValue::object(
      {{"files", JsonValue::array({JsonValue::string("/home/a/명단.xlsx"),
                                   JsonValue::string("/home/a/line\nbreak.csv")})}});
  auto parsed = parseLocalRequest(withoutNewline(encodeLocalRequest(request)));
  BOOST_REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message()));
  BOOST_TEST(parsed->id == 41);
  BOOST_TEST((parsed->op == LocalOp::kEncrypt));
  BOOST_TEST(parsed->args.find("files")->asArray()[1].asString() == "/home/a/line\nbreak.csv");

  auto reply = parseLocalMessage(withoutNewline(
      encodeReply(41, JsonValue::object({{"done", JsonValue::integer(2)}}))));
  BOOST_REQUIRE(reply.ok());
  BOOST_TEST((reply->kind == LocalMessage::Kind::kReply));
  BOOST_TEST(reply->ok);
  BOOST_TEST(reply->result.find("done")->asInteger() == 2);

  auto failed = parseLocalMessage(withoutNewline(encodeErrorReply(
      9, Error(ErrorCode::kPermissionDenied, "not your file", "/home/b/x.csv"))));
  BOOST_REQUIRE(failed.ok());
  BOOST_TEST(!failed->ok);
  const Error e = errorOf(*failed);
  BOOST_TEST((e.code() == ErrorCode::kPermissionDenied));
  BOOST_TEST(e.message() == "not your file");
  BOOST_TEST(e.subject() == "/home/b/x.csv");

  auto event = parseLocalMessage(withoutNewline(
      encodeEvent("progress", JsonValue::object({{"files_done", JsonValue::integer(5)}}))));
  BOOST_REQUIRE(event.ok());
  BOOST_TEST((event->kind == LocalMessage::Kind::kEvent));
  BOOST_TEST(event->event == "progress");
  BOOST_TEST(event->data.find("files_done")->asInteger() == 5);

  for (LocalOp op : {LocalOp::kHello, LocalOp::kStatus, LocalOp::kScan, LocalOp::kPause,
                     LocalOp::kResume, LocalOp::kFindings, LocalOp::kEncrypt, LocalOp::kDecrypt,
                     LocalOp::kShred, LocalOp::kException, LocalOp::kAnswer, LocalOp::kSubscribe,
                     LocalOp::kHistory, LocalOp::kExceptions, LocalOp::kRules, LocalOp::kEnroll,
                     LocalOp::kSync})
    BOOST_TEST((localOpFromName(localOpName(op)) == op), localOpName(op));
}

// The console's ops (issue 17): enroll carries its arguments; sync takes none.
BOOST_AUTO_TEST_CASE(enroll_and_sync_round_trip) {
  BOOST_TEST(localOpName(LocalOp::kEnroll) == "enroll");
  BOOST_TEST(localOpName(LocalOp::kSync) == "sync");
  LocalRequest request;
  request.id = 3;
  request.op = LocalOp::kEnroll;
  request.args = JsonValue::object({{"url", JsonValue::string("https://console:8443")},
                                    {"secret", JsonValue::string("jes_x")},
                                    {"department", JsonValue::string("총무과")}});
  auto parsed = parseLocalRequest(withoutNewline(encodeLocalRequest(request)));
  BOOST_REQUIRE(parsed.ok());
  BOOST_TEST((parsed->op == LocalOp::kEnroll));
  BOOST_TEST(parsed->args.find("department")->asString() == "총무과");
  auto sync = parseLocalRequest(R"({"v":1,"id":4,"op":"sync"})");
  BOOST_REQUIRE(sync.ok());
  BOOST_TEST((sync->op == LocalOp::kSync));
  BOOST_TEST(sync->args.members().empty());
}

BOOST_AUTO_TEST_CASE(what_is_not_a_request_of_this_version_is_refused) {
  const auto code = [](std::string_view line) {
    auto r = parseLocalRequest(line);
    BOOST_REQUIRE_MESSAGE(!r.ok(), "accepted: " << line);
    return r.error().code();
  };
  BOOST_TEST((code("") == ErrorCode::kInvalidArgument));
  BOOST_TEST((code("[1]") == ErrorCode::kInvalidArgument));
  BOOST_TEST((code(R"({"id":1,"op":"status"})") == ErrorCode::kInvalidArgument));       // no v
  BOOST_TEST((code(R"({"v":2,"id":1,"op":"status"})") == ErrorCode::kUnsupportedFormat));
  BOOST_TEST((code(R"({"v":1,"op":"status"})") == ErrorCode::kInvalidArgument));        // no id
  BOOST_TEST((code(R"({"v":1,"id":"1","op":"status"})") == ErrorCode::kInvalidArgument));
  BOOST_TEST((code(R"({"v":1,"id":1,"op":"format_disk"})") == ErrorCode::kUnsupportedFormat));
  BOOST_TEST((code(R"({"v":1,"id":1,"op":"status","args":[]})") == ErrorCode::kInvalidArgument));
  BOOST_TEST((code(R"({"v":1,"id":1,"op":"status","admin":true})") ==
              ErrorCode::kInvalidArgument));
  const std::string huge = R"({"v":1,"id":1,"op":"status","args":{"x":")" +
                           std::string(kMaxLocalMessageBytes, 'a') + "\"}}";
  BOOST_TEST((code(huge) == ErrorCode::kTooLarge));
  BOOST_TEST((code(std::string(40, '[')) == ErrorCode::kTooLarge));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::protocol
