// SPDX-License-Identifier: Apache-2.0
// The agent with its console link (issue 17), against a console in memory: enrollment reports
// what the agent knows; a pushed policy takes precedence over the config's and survives a
// restart, a badly signed one leaves it in force; an approved exception keeps the file from the
// policy's encryption while its content is the one approved, and no longer once it changes.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "agent/service/fake_console.h"
#include "service/agent.h"
#include "support/temp_dir.h"

namespace jamul::agent {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using protocol::JsonValue;

struct Fixture {
  jamul::test::TempDir dir;
  std::shared_ptr<test::FakeConsole> console = std::make_shared<test::FakeConsole>();
  fs::path home = dir.path() / "home";
  std::string log;
  std::mutex log_mutex;

  Fixture() {
    fs::create_directories(home);
    std::ofstream(dir.path() / "mountinfo") << "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n";
  }

  Agent::Options options() {
    Agent::Options o;
    o.config.data_dir = (dir.path() / "data").string();
    o.config.socket = (dir.path() / "agent.sock").string();
    // A local policy's own version (9) must not hold back the console's first one (4).
    o.config.policy_json = R"({"version":9,"roots":[")" + home.string() +
                           R"("],"schedule":"manual","governor":{"cpu_percent":100},
                              "actions":[{"rules":["kr_rrn"],"min_confidence":"high",
                                          "action":"encrypt"}]})";
    o.mountinfo = (dir.path() / "mountinfo").string();
    o.devices.sys_dev_block = (dir.path() / "dev").string();
    o.power_supply = (dir.path() / "power").string();
    o.tick = 200ms;
    o.console_transport = console->factory();
    o.log = ServiceLog([this](ServiceLog::Level, const std::string& text) {
      std::lock_guard lock(log_mutex);
      log += text + "\n";
    });
    return o;
  }
  std::string logText() {
    std::lock_guard lock(log_mutex);
    return log;
  }
};

std::unique_ptr<Agent> startAgent(Fixture& fx) {
  auto agent = Agent::start(fx.options());
  BOOST_TEST_REQUIRE(agent.ok(), (agent.ok() ? "" : agent.error().message()) << fx.logText());
  return std::move(*agent);
}

void scanAndSettle(Agent& agent) {
  (void)agent.requestScan(0);
  BOOST_TEST_REQUIRE(agent.waitIdle(30s));
  // The policy's encryption runs after the scan, then a refresh scan.
  std::this_thread::sleep_for(1500ms);
  BOOST_TEST_REQUIRE(agent.waitIdle(30s));
}

template <typename F>
bool eventually(F done, std::chrono::milliseconds limit = 20s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return done();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(agent_console)

BOOST_AUTO_TEST_CASE(an_approved_exception_holds_while_the_content_is_the_same) {
  Fixture fx;
  const fs::path file = fx.dir.write("home/명단.txt", "주민등록번호 900101-1234568\n");
  auto agent = startAgent(fx);
  auto enrolled = agent->enroll(fx.console->url, fx.console->secret, "", "총무과");
  BOOST_TEST_REQUIRE(enrolled.ok(), (enrolled.ok() ? "" : enrolled.error().message()));
  BOOST_TEST(fx.console->enrolled_with.department == "총무과");
  BOOST_TEST(!fx.console->enrolled_with.machine_id.empty());

  auto id = agent->requestException({0, 0}, file.string(), "업무상 보관 필요", 30);
  BOOST_TEST_REQUIRE(id.ok(), (id.ok() ? "" : id.error().message()));
  BOOST_TEST_REQUIRE(agent->syncConsole().ok());
  auto requests = fx.console->eventsOf("exception_request");
  BOOST_TEST_REQUIRE(requests.size() == 1u);
  const std::string digest = requests[0].data.find("content_digest")->asString();
  BOOST_TEST(digest.size() == 32u);
  BOOST_TEST(requests[0].data.find("request_id")->asInteger() == *id);

  {
    std::lock_guard lock(fx.console->mutex);
    protocol::ExceptionDecision d;
    d.request_id = *id;
    d.state = "approved";
    d.decided_at_ms = 1;
    d.expires_at_ms = 4'000'000'000'000;
    d.path = file.string();
    d.content_digest = digest;
    fx.console->decisions.push_back(d);
  }
  auto synced = agent->syncConsole();
  BOOST_TEST_REQUIRE(synced.ok());
  BOOST_TEST(synced->find("state")->asString() == "enrolled");
  auto mine = agent->exceptions(0);
  BOOST_TEST_REQUIRE(mine.ok());
  BOOST_TEST(mine->front().find("state")->asString() == "approved");

  // The policy would encrypt it; the approval keeps it.
  scanAndSettle(*agent);
  BOOST_TEST(fs::exists(file));
  BOOST_TEST(!fs::exists(file.string() + ".age"));
  BOOST_TEST(fx.logText().find("an approved exception keeps") != std::string::npos);

  // Its content changes: the approval no longer covers it.
  std::ofstream(file, std::ios::app) << "주민등록번호 850505-1234563\n";
  scanAndSettle(*agent);
  BOOST_TEST(eventually([&] { return fs::exists(file.string() + ".age"); }), fx.logText());
  BOOST_TEST(!fs::exists(file));

  // The console hears of it: each event once, the encryption among them.
  BOOST_TEST_REQUIRE(agent->syncConsole().ok());
  const auto seqs = fx.console->seqs();
  BOOST_TEST(std::set<std::int64_t>(seqs.begin(), seqs.end()).size() == seqs.size());
  BOOST_TEST(fx.console->eventsOf("action").size() == 1u);
  bool encrypted_reported = false;
  for (const auto& e : fx.console->eventsOf("file"))
    encrypted_reported |= e.data.find("encrypted")->asBool();
  BOOST_TEST(encrypted_reported);
  BOOST_TEST(agent->status(0).find("console")->find("outbox_depth")->asInteger() == 0);
  BOOST_TEST(agent->stop());
}

BOOST_AUTO_TEST_CASE(a_pushed_policy_takes_precedence_and_a_bad_one_leaves_it) {
  Fixture fx;
  fx.dir.write("home/명단.txt", "주민등록번호 900101-1234568\n");
  {
    auto agent = startAgent(fx);
    // A request made before enrollment waits for a console to decide it.
    BOOST_TEST_REQUIRE(
        agent->requestException({0, 0}, (fx.home / "명단.txt").string(), "보관", 7).ok());
    BOOST_TEST_REQUIRE(agent->enroll(fx.console->url, fx.console->secret, "", "").ok());
    // Enrollment reports what the agent knows (here: no scan yet, so totals only), and the
    // request.
    BOOST_TEST_REQUIRE(agent->syncConsole().ok());
    BOOST_TEST(fx.console->eventsOf("scan").size() == 1u);
    BOOST_TEST(fx.console->eventsOf("exception_request").size() == 1u);
    // Version 4: report only (no encryption), cpu 50.
    fx.console->publish(R"({"roots":[")" + fx.home.string() +
                            R"("],"schedule":"manual","governor":{"cpu_percent":50}})",
                        4);
    auto synced = agent->syncConsole();
    BOOST_TEST_REQUIRE(synced.ok());
    BOOST_TEST(synced->find("policy_version")->asInteger() == 4);
    const JsonValue status = agent->status(0);
    BOOST_TEST(status.find("policy")->find("version")->asInteger() == 4);
    BOOST_TEST(status.find("policy")->find("source")->asString() == "console");
    BOOST_TEST(status.find("governor")->find("cpu_percent")->asInteger() == 50);
    // What the agent does follows it: the file is reported, not encrypted.
    scanAndSettle(*agent);
    BOOST_TEST(!fs::exists(fx.home / "명단.txt.age"));
    BOOST_TEST(agent->stop());
  }
  {
    // After a restart the console's policy is still in force, over the config's.
    auto agent = startAgent(fx);
    BOOST_TEST(agent->status(0).find("policy")->find("version")->asInteger() == 4);
    BOOST_TEST(agent->status(0).find("policy")->find("source")->asString() == "console");
    // A policy signed by another key is refused; version 4 stays.
    const crypto::SigningKey other = test::FakeConsole::makeKey(99);
    fx.console->publish(R"({"governor":{"cpu_percent":10}})", 5, &other);
    BOOST_TEST_REQUIRE(agent->syncConsole().ok());
    // The agent's own link thread may be mid-exchange with the console too: the refusal is kept
    // by whichever exchange fetched the policy; it shows within a few seconds at most.
    JsonValue status = agent->status(0);
    for (int i = 0; i < 50 && status.find("console")->find("policy_refused") == nullptr; ++i) {
      std::this_thread::sleep_for(100ms);
      status = agent->status(0);
    }
    BOOST_TEST(status.find("policy")->find("version")->asInteger() == 4);
    BOOST_TEST(status.find("governor")->find("cpu_percent")->asInteger() == 50);
    const JsonValue* refused = status.find("console")->find("policy_refused");
    BOOST_TEST_REQUIRE(refused != nullptr, status.toJson() << "\nLOG:\n" << fx.log);
    BOOST_TEST(refused->asString().find("signature") != std::string::npos);
    // The config's policy is not re-read over the console's (SIGHUP).
    BOOST_TEST(agent->reloadPolicy().ok());
    BOOST_TEST(agent->status(0).find("policy")->find("version")->asInteger() == 4);
    BOOST_TEST(agent->stop());
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace jamul::agent
