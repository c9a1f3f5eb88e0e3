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

BOOST_FIXTURE_TEST_CASE(exceptions_come_a_page_at_a_time_with_the_total, Admin) {
  auto [cookie, csrf] = session();
  const std::map<std::string, std::string> get{{"Cookie", cookie}};
  const std::map<std::string, std::string> post{{"Cookie", cookie}, {"X-CSRF-Token", csrf}};
  auto [id, token] = enroll("m1");
  // 120 requests: more than the default page of 100.
  std::string batch = R"({"events":[)";
  for (int i = 1; i <= 120; ++i) {
    if (i > 1) batch += ',';
    batch += R"({"seq":)" + std::to_string(i) + R"(,"at_ms":1,"kind":"exception_request","data":{"request_id":)" +
             std::to_string(i) + R"(,"path":"/home/kim/f)" + std::to_string(i) +
             R"(.xlsx","content_digest":"ab","reason":"r","days":10,"requested_at_ms":1}})";
  }
  batch += "]}";
  BOOST_TEST_REQUIRE(request("POST", "/api/v1/reports", batch, agentHeaders(id, token)).status == 200);

  auto page = [&](const std::string& query) {
    auto r = request("GET", "/api/admin/exceptions" + query, "", get);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    auto doc = JsonValue::parse(r.body);
    BOOST_TEST_REQUIRE(doc.ok());
    return std::move(doc).value();
  };
  auto paths = [](const JsonValue& doc) {
    std::vector<std::string> out;
    for (const auto& e : doc.find("exceptions")->asArray()) out.push_back(e.find("path")->asString());
    return out;
  };

  auto first = page("?state=pending");
  BOOST_TEST(first.find("total")->asInteger() == 120);
  BOOST_TEST_REQUIRE(paths(first).size() == 100u);  // the default limit
  BOOST_TEST(paths(first).front() == "/home/kim/f1.xlsx");  // oldest first
  BOOST_TEST(paths(first).back() == "/home/kim/f100.xlsx");
  auto second = page("?state=pending&offset=100&limit=50");
  BOOST_TEST(second.find("total")->asInteger() == 120);
  BOOST_TEST_REQUIRE(paths(second).size() == 20u);
  BOOST_TEST(paths(second).front() == "/home/kim/f101.xlsx");
  auto middle = page("?offset=10&limit=3");  // no state: all
  BOOST_TEST((paths(middle) == std::vector<std::string>{"/home/kim/f11.xlsx", "/home/kim/f12.xlsx",
                                                        "/home/kim/f13.xlsx"}));
  auto past_the_end = page("?state=pending&offset=500");
  BOOST_TEST(past_the_end.find("total")->asInteger() == 120);
  BOOST_TEST(paths(past_the_end).empty());
  BOOST_TEST(paths(page("?limit=500")).size() == 120u);

  // Bounds: limit 1-500, offset not negative; a bad value is 400, not clamped.
  for (const char* bad : {"?limit=0", "?limit=501", "?limit=x", "?offset=-1", "?offset=x"}) {
    BOOST_TEST(request("GET", std::string("/api/admin/exceptions") + bad, "", get).status == 400, bad);
  }
  BOOST_TEST(request("GET", "/api/admin/exceptions?state=lost", "", get).status == 400);

  // A decision moves a request from one state's total to the other's.
  const std::int64_t first_id = first.find("exceptions")->asArray().at(0).find("id")->asInteger();
  BOOST_TEST(request("POST", "/api/admin/exceptions/" + std::to_string(first_id) + "/deny", "{}", post).status == 200);
  BOOST_TEST(page("?state=pending&limit=1").find("total")->asInteger() == 119);
  BOOST_TEST(paths(page("?state=pending&limit=1")).front() == "/home/kim/f2.xlsx");
  auto denied = page("?state=denied");
  BOOST_TEST(denied.find("total")->asInteger() == 1);
  BOOST_TEST(paths(denied).front() == "/home/kim/f1.xlsx");
  BOOST_TEST(page("").find("total")->asInteger() == 120);
}

BOOST_FIXTURE_TEST_CASE(offline_means_three_heartbeats_of_the_groups_policy, Admin) {
  auto [cookie, csrf] = session();
  const std::map<std::string, std::string> get{{"Cookie", cookie}};
  const std::map<std::string, std::string> post{{"Cookie", cookie}, {"X-CSRF-Token", csrf}};
  enroll("slow", "총무과");
  enroll("fast", "민원과");
  enroll("none");
  auto offline = [&]() {
    auto doc = JsonValue::parse(request("GET", "/api/admin/agents", "", get).body);
    BOOST_TEST_REQUIRE(doc.ok());
    std::map<std::string, bool> out;
    for (const auto& a : doc->find("agents")->asArray()) {
      out[a.find("host")->asString()] = a.find("offline")->asBool();
    }
    return out;
  };
  auto offline_count = [&]() {
    auto doc = JsonValue::parse(request("GET", "/api/admin/summary", "", get).body);
    BOOST_TEST_REQUIRE(doc.ok());
    return doc->find("agents_offline")->asInteger();
  };
  auto set_policy = [&](const std::string& group, const std::string& policy) {
    auto r = request("POST", "/api/admin/policies",
                     R"({"group":")" + group + R"(","policy":)" + policy + "}", post);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
  };

  // No policy: the console's 60 s, offline after 3 minutes.
  now += 2 * 60'000;
  BOOST_TEST((offline() == std::map<std::string, bool>{{"pc-slow", false}, {"pc-fast", false},
                                                       {"pc-none", false}}));
  now += 2 * 60'000;  // 4 minutes
  BOOST_TEST((offline() == std::map<std::string, bool>{{"pc-slow", true}, {"pc-fast", true},
                                                       {"pc-none", true}}));
  BOOST_TEST(offline_count() == 3);

  // 총무과's policy beats every 10 minutes: its agent is offline only after 30.
  set_policy("총무과", R"({"console":{"heartbeat_seconds":600}})");
  BOOST_TEST((offline() == std::map<std::string, bool>{{"pc-slow", false}, {"pc-fast", true},
                                                       {"pc-none", true}}));
  BOOST_TEST(offline_count() == 2);

  // `default`'s policy covers the departments without one of their own (and no department);
  // a department policy that does not set the interval means the protocol's 60 s.
  set_policy("default", R"({"console":{"heartbeat_seconds":300}})");
  BOOST_TEST((offline() == std::map<std::string, bool>{{"pc-slow", false}, {"pc-fast", false},
                                                       {"pc-none", false}}));
  BOOST_TEST(offline_count() == 0);
  set_policy("민원과", R"({"ocr":true})");
  BOOST_TEST((offline() == std::map<std::string, bool>{{"pc-slow", false}, {"pc-fast", true},
                                                       {"pc-none", false}}));
  BOOST_TEST(offline_count() == 1);

  now += 12 * 60'000;  // 16 minutes: past default's 15
  BOOST_TEST((offline() == std::map<std::string, bool>{{"pc-slow", false}, {"pc-fast", true},
                                                       {"pc-none", true}}));
  now += 15 * 60'000;  // 31 minutes: past 총무과's 30
  BOOST_TEST((offline() == std::map<std::string, bool>{{"pc-slow", true}, {"pc-fast", true},
                                                       {"pc-none", true}}));
  BOOST_TEST(offline_count() == 3);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::console
