// SPDX-License-Identifier: Apache-2.0
// The admin API over HTTPS (http/admin_api.h): sessions, CSRF, login limits, the figures and the
// changes an admin makes, each audited.
#include <boost/test/unit_test.hpp>

#include "console/console_fixture.h"
#include "jamul/protocol/json_value.h"

namespace jamul::console {
namespace {

using protocol::JsonValue;

struct Admin : test::ServerFixture {
  Admin() {
    start();
    auto hash = crypto::hashPassword("one-time-pass");
    BOOST_TEST_REQUIRE(hash.ok());
    BOOST_TEST_REQUIRE(store->setPassword("admin", *hash, true, now, "tester").ok());
  }

  // Logs in: the session cookie and the CSRF token.
  std::pair<std::string, std::string> login(const std::string& password) {
    auto r = request("POST", "/api/admin/login", R"({"user":"admin","password":")" + password + "\"}");
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    const std::string cookie = r.header("Set-Cookie");
    BOOST_TEST(cookie.find("HttpOnly") != std::string::npos);
    BOOST_TEST(cookie.find("Secure") != std::string::npos);
    BOOST_TEST(cookie.find("SameSite=Strict") != std::string::npos);
    auto doc = JsonValue::parse(r.body);
    BOOST_TEST_REQUIRE(doc.ok());
    return {cookie.substr(0, cookie.find(';')), doc->find("csrf")->asString()};
  }

  // Logs in and replaces the one-time password.
  std::pair<std::string, std::string> session() {
    auto [cookie, csrf] = login("one-time-pass");
    auto r = request("POST", "/api/admin/password", R"({"old":"one-time-pass","new":"a much longer password"})",
                     {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    const std::string new_cookie = r.header("Set-Cookie");
    auto doc = JsonValue::parse(r.body);
    return {new_cookie.substr(0, new_cookie.find(';')), doc->find("csrf")->asString()};
  }
};

BOOST_AUTO_TEST_SUITE(admin_api)

BOOST_FIXTURE_TEST_CASE(a_one_time_password_must_be_changed_first, Admin) {
  auto [cookie, csrf] = login("one-time-pass");
  BOOST_TEST(request("GET", "/api/admin/summary", "", {{"Cookie", cookie}}).status == 403);
  auto short_password = request("POST", "/api/admin/password", R"({"old":"one-time-pass","new":"short"})",
                                {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  BOOST_TEST(short_password.status == 400);
  auto [new_cookie, new_csrf] = session();
  BOOST_TEST(request("GET", "/api/admin/summary", "", {{"Cookie", new_cookie}}).status == 200);
  BOOST_TEST(request("GET", "/api/admin/summary", "", {{"Cookie", cookie}}).status == 401);
  BOOST_TEST(request("POST", "/api/admin/login", R"({"user":"admin","password":"a much longer password"})")
                 .status == 200);
}

BOOST_FIXTURE_TEST_CASE(requests_without_session_or_csrf_token_are_refused, Admin) {
  auto [cookie, csrf] = session();
  BOOST_TEST(request("GET", "/api/admin/summary").status == 401);
  BOOST_TEST(request("GET", "/api/admin/summary", "", {{"Cookie", "jamul_session=forged"}}).status == 401);
  auto [id, token] = enroll("m1");
  auto no_csrf = request("POST", "/api/admin/agents/" + std::to_string(id) + "/revoke", "{}", {{"Cookie", cookie}});
  BOOST_TEST(no_csrf.status == 403);
  auto wrong_csrf = request("POST", "/api/admin/agents/" + std::to_string(id) + "/revoke", "{}",
                            {{"Cookie", cookie}, {"X-CSRF-Token", "guess"}});
  BOOST_TEST(wrong_csrf.status == 403);
  BOOST_TEST(store->agent(id)->state == "enrolled");
  auto revoked = request("POST", "/api/admin/agents/" + std::to_string(id) + "/revoke", "{}",
                         {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  BOOST_TEST(revoked.status == 200);
  BOOST_TEST(store->agent(id)->state == "revoked");
  BOOST_TEST(request("POST", "/api/admin/logout", "{}", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}).status == 200);
  BOOST_TEST(request("GET", "/api/admin/summary", "", {{"Cookie", cookie}}).status == 401);
}

BOOST_FIXTURE_TEST_CASE(sessions_end_after_30_idle_minutes, Admin) {
  auto [cookie, csrf] = session();
  now += 29 * 60'000;
  BOOST_TEST(request("GET", "/api/admin/summary", "", {{"Cookie", cookie}}).status == 200);
  now += 31 * 60'000;
  BOOST_TEST(request("GET", "/api/admin/summary", "", {{"Cookie", cookie}}).status == 401);
}

BOOST_FIXTURE_TEST_CASE(five_failed_logins_block_the_user_name, Admin) {
  for (int i = 0; i < 5; ++i) {
    BOOST_TEST(request("POST", "/api/admin/login", R"({"user":"admin","password":"wrong"})").status == 401);
  }
  // The right password is not even checked now.
  BOOST_TEST(request("POST", "/api/admin/login", R"({"user":"admin","password":"one-time-pass"})").status == 429);
  now += 16 * 60'000;
  BOOST_TEST(request("POST", "/api/admin/login", R"({"user":"admin","password":"one-time-pass"})").status == 200);
  BOOST_TEST(request("POST", "/api/admin/login", R"({"user":"admin"})").status == 400);
}

BOOST_FIXTURE_TEST_CASE(figures_policies_exceptions_and_the_audit_log, Admin) {
  auto [cookie, csrf] = session();
  const std::map<std::string, std::string> get{{"Cookie", cookie}};
  const std::map<std::string, std::string> post{{"Cookie", cookie}, {"X-CSRF-Token", csrf}};
  auto [id, token] = enroll("m1", "총무과");
  const std::string batch =
      R"({"events":[{"seq":1,"at_ms":1,"kind":"file","data":{"path":"/home/kim/a.xlsx","counts":{"kr_rrn":3},"findings":[{"rule":"kr_rrn","confidence":"high","location":"B2","masked":"800101-1******","count":3}],"encrypted":false}},)"
      R"({"seq":2,"at_ms":1,"kind":"file","data":{"path":"/home/kim/b.xlsx.age","counts":{"kr_rrn":1},"encrypted":true,"original":"/home/kim/b.xlsx"}},)"
      R"({"seq":3,"at_ms":1,"kind":"exception_request","data":{"request_id":4,"path":"/home/kim/a.xlsx","content_digest":"ab","reason":"r","days":10,"requested_at_ms":1}}]})";
  BOOST_TEST_REQUIRE(request("POST", "/api/v1/reports", batch, agentHeaders(id, token)).status == 200);

  auto summary = JsonValue::parse(request("GET", "/api/admin/summary", "", get).body);
  BOOST_TEST_REQUIRE(summary.ok());
  BOOST_TEST(summary->find("files_with_pii")->asInteger() == 2);
  BOOST_TEST(summary->find("files_encrypted")->asInteger() == 1);
  BOOST_TEST(summary->find("rate")->asNumber() == 0.5);
  BOOST_TEST(summary->find("pending_exceptions")->asInteger() == 1);
  BOOST_TEST(summary->find("by_rule")->find("kr_rrn")->asInteger() == 4);

  auto agents = JsonValue::parse(request("GET", "/api/admin/agents?q=pc-m&limit=10", "", get).body);
  BOOST_TEST(agents->find("total")->asInteger() == 1);
  BOOST_TEST(agents->find("agents")->asArray().at(0).find("department")->asString() == "총무과");
  BOOST_TEST(JsonValue::parse(request("GET", "/api/admin/agents?q=nobody", "", get).body)->find("total")->asInteger() == 0);
  BOOST_TEST(request("GET", "/api/admin/agents?limit=x", "", get).status == 400);

  auto top = request("GET", "/api/admin/top-files?limit=5", "", get);
  BOOST_TEST(top.body.find("800101-1******") != std::string::npos);
  auto by_dept = JsonValue::parse(request("GET", "/api/admin/findings?by=department", "", get).body);
  BOOST_TEST(by_dept->find("rows")->asArray().at(0).find("key")->asString() == "총무과");
  BOOST_TEST(request("GET", "/api/admin/findings?by=colour", "", get).status == 400);
  auto history = JsonValue::parse(request("GET", "/api/admin/history?days=7", "", get).body);
  BOOST_TEST(history->find("days")->asArray().size() == 7u);

  auto bad_policy = request("POST", "/api/admin/policies", R"({"group":"총무과","policy":{"governor":{"cpu_percent":500}}})", post);
  BOOST_TEST(bad_policy.status == 400);
  BOOST_TEST(bad_policy.body.find("governor.cpu_percent") != std::string::npos);
  auto good_policy = request("POST", "/api/admin/policies", R"({"group":"총무과","policy":{"ocr":true}})", post);
  BOOST_TEST(good_policy.status == 200);
  BOOST_TEST(good_policy.body == R"({"group":"총무과","version":1})");
  auto policies = JsonValue::parse(request("GET", "/api/admin/policies", "", get).body);
  BOOST_TEST(policies->find("policies")->asArray().at(0).find("policy")->find("ocr")->asBool());

  auto pending = JsonValue::parse(request("GET", "/api/admin/exceptions?state=pending", "", get).body);
  const std::int64_t exception_id = pending->find("exceptions")->asArray().at(0).find("id")->asInteger();
  auto approved = request("POST", "/api/admin/exceptions/" + std::to_string(exception_id) + "/approve",
                          R"({"days":3})", post);
  BOOST_TEST(approved.status == 200);
  BOOST_TEST(approved.body.find("\"state\":\"approved\"") != std::string::npos);
  BOOST_TEST(request("POST", "/api/admin/exceptions/" + std::to_string(exception_id) + "/deny", "{}", post).status == 400);

  auto csv = request("GET", "/api/admin/export.csv", "", get);
  BOOST_TEST(csv.status == 200);
  BOOST_TEST(csv.body.rfind("\xEF\xBB\xBF" "department,", 0) == 0u);
  BOOST_TEST(csv.body.find("총무과,1,2,1,50.0,4,1,25.0") != std::string::npos);
  BOOST_TEST(csv.header("Content-Type").find("text/csv") == 0u);

  auto audit = JsonValue::parse(request("GET", "/api/admin/audit?limit=50", "", get).body);
  std::vector<std::string> actions;
  for (const auto& e : audit->find("entries")->asArray()) actions.push_back(e.find("action")->asString());
  for (const char* expected : {"exception_approve", "policy_set", "password_set", "login"}) {
    BOOST_TEST((std::find(actions.begin(), actions.end(), expected) != actions.end()), expected);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::console
