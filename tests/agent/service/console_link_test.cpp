// SPDX-License-Identifier: Apache-2.0
// ConsoleLink (issue 17) against a console in memory (fake_console.h): enrollment pins the
// console, the outbox reaches the console exactly once across lost replies, 409s and restarts,
// signed policies are verified and refused ones leave the last good policy, decisions are applied
// and confirmed, a rotated token is kept, a revoked agent stops, and an event the console refuses
// is dropped (a placeholder keeps its seq) instead of holding back every event after it.
#include "service/console/console_link.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "service/agent_config.h"
#include "agent/service/fake_console.h"
#include "support/temp_dir.h"

namespace jamul::agent {
namespace {

using namespace std::chrono_literals;
namespace cs = console_state;

struct LinkFixture {
  jamul::test::TempDir dir;
  std::string db = (dir.path() / "inventory.db").string();
  std::shared_ptr<test::FakeConsole> console = std::make_shared<test::FakeConsole>();
  std::mutex mutex;
  std::int64_t running_version = 0;
  std::vector<std::int64_t> applied_versions;
  std::vector<std::string> refusals;
  std::vector<std::string> warnings;
  int enrollments = 0;
  std::unique_ptr<ConsoleLink> link;
  std::optional<Inventory> reader;

  bool run_thread = false;

  explicit LinkFixture(bool thread = false) : run_thread(thread) { start(); }

  void start() {
    ConsoleLink::Options o;
    o.inventory_path = db;
    o.data_dir = dir.path().string();
    o.transport = console->factory();
    o.vocabulary = policyVocabulary();
    // A long heartbeat: the tests drive the cycles with sync().
    o.default_heartbeat_seconds = 3600;
    o.run_thread = run_thread;
    o.log = ServiceLog([this](ServiceLog::Level level, const std::string& text) {
      std::lock_guard lock(mutex);
      if (level == ServiceLog::Level::kWarning) warnings.push_back(text);
    });
    ConsoleLink::Hooks h;
    h.facts = [this] {
      std::lock_guard lock(mutex);
      protocol::Heartbeat hb;
      hb.policy_version = running_version;
      hb.version = "0.1.0";
      hb.state = "idle";
      return hb;
    };
    h.apply_policy = [this](const VerifiedPolicy& v) {
      std::lock_guard lock(mutex);
      running_version = v.policy.version;
      applied_versions.push_back(v.policy.version);
    };
    h.policy_refused = [this](const std::string& why) {
      std::lock_guard lock(mutex);
      refusals.push_back(why);
    };
    h.enrolled = [this](bool) { ++enrollments; };
    auto started = ConsoleLink::start(std::move(o), std::move(h));
    BOOST_TEST_REQUIRE(started.ok(), (started.ok() ? "" : started.error().message()));
    link = std::move(*started);
    auto inv = Inventory::open(db);
    BOOST_TEST_REQUIRE(inv.ok());
    reader.emplace(std::move(*inv));
  }
  void restart() {
    link.reset();
    reader.reset();
    start();
  }

  void enroll() {
    ConsoleLink::EnrollArgs a;
    a.url = console->url;
    a.secret = console->secret;
    a.machine_id = "m-1";
    a.host = "pc-1";
    a.user = "kim";
    auto r = link->enroll(a);
    BOOST_TEST_REQUIRE(r.ok(), (r.ok() ? "" : r.error().message()));
    BOOST_TEST(r->find("agent_id")->asInteger() == 17);
    BOOST_TEST(r->find("certificate_sha256")->asString() == console->certificate_sha256);
  }

  // Appends `n` events to the outbox (one transaction each).
  void append(int n, const std::string& kind = "scan") {
    for (int i = 0; i < n; ++i) {
      Inventory::OutboxWrite w;
      w.events.push_back({kind, 1000 + i, R"({"n":)" + std::to_string(i) + "}"});
      BOOST_TEST_REQUIRE(reader->appendToOutbox(w).ok());
    }
  }
  std::int64_t depth() { return *reader->outboxDepth(); }
  std::string state(std::string_view key) {
    auto v = reader->agentState(key);
    return v.ok() && *v ? **v : std::string();
  }
  std::string consoleState() {
    return link->status(*reader, 0).find("state")->asString();
  }
  std::string lastError() {
    const protocol::JsonValue status = link->status(*reader, 0);
    const protocol::JsonValue* e = status.find("last_error");
    return e != nullptr ? e->asString() : std::string();
  }
};

// The `n` of an event appended by LinkFixture::append (-1: another event).
std::int64_t nOf(const protocol::ReportEvent& e) {
  const protocol::JsonValue* n = e.data.find("n");
  return n != nullptr && n->isInteger() ? n->asInteger() : -1;
}

bool isPlaceholder(const protocol::ReportEvent& e) {
  const protocol::JsonValue* path = e.data.find("path");
  return protocol::eventKindName(e.kind) == "file_removed" && path != nullptr &&
         path->asString() == "jamul:refused";
}

std::vector<std::int64_t> oneTo(std::int64_t n) {
  std::vector<std::int64_t> out;
  for (std::int64_t i = 1; i <= n; ++i) out.push_back(i);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(console_link)

BOOST_AUTO_TEST_CASE(enrollment_pins_the_console_and_keeps_its_credentials) {
  LinkFixture fx;
  BOOST_TEST(fx.consoleState() == "not_enrolled");
  BOOST_TEST(!fx.link->sync().ok());  // nothing to sync with yet
  fx.enroll();
  BOOST_TEST(fx.enrollments == 1);
  BOOST_TEST(fx.link->enrolled());
  BOOST_TEST(fx.consoleState() == "enrolled");
  BOOST_TEST(fx.state(cs::kAgentId) == "17");
  BOOST_TEST(fx.state(cs::kToken) == "token-1");
  BOOST_TEST(fx.state(cs::kPolicyKey) == fx.console->key.publicKeyBase64());
  BOOST_TEST(fx.state(cs::kCertificateSha256) == fx.console->certificate_sha256);
  BOOST_TEST(fx.console->enrolled_with.machine_id == "m-1");

  // Another certificate from then on is refused, and nothing is sent to it.
  fx.console->certificate_sha256 = std::string(64, 'd');
  const Status s = fx.link->sync();
  BOOST_TEST(!s.ok());
  BOOST_TEST(fx.console->heartbeats == 0);
  BOOST_TEST(fx.consoleState() == "offline");

  // A wrong secret is refused and changes nothing.
  ConsoleLink::EnrollArgs bad;
  bad.url = fx.console->url;
  bad.secret = "wrong";
  BOOST_TEST(!fx.link->enroll(bad).ok());
  bad.url = "http://console.test";
  bad.secret = fx.console->secret;
  BOOST_TEST(!fx.link->enroll(bad).ok());
  BOOST_TEST(fx.state(cs::kToken) == "token-1");
}

BOOST_AUTO_TEST_CASE(events_reach_the_console_exactly_once_across_lost_replies_and_restarts) {
  LinkFixture fx;
  fx.enroll();
  fx.append(5);
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.console->seqs() == oneTo(5));
  BOOST_TEST(fx.depth() == 0);
  BOOST_TEST(fx.state(cs::kAckedSeq) == "5");

  // The console applies the batch but its reply is lost: the rows stay, and sending them again
  // counts nothing twice.
  fx.append(3);
  fx.console->lose_next_reply = true;
  BOOST_TEST(!fx.link->sync().ok());
  BOOST_TEST(fx.depth() == 3);
  BOOST_TEST(fx.console->seqs() == oneTo(8));
  // The agent restarts meanwhile: the outbox survives it.
  fx.restart();
  BOOST_TEST(fx.depth() == 3);
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.console->seqs() == oneTo(8));
  BOOST_TEST(fx.depth() == 0);

  // Offline: nothing is lost, and it all arrives once the console is back.
  fx.console->down = true;
  fx.append(4);
  BOOST_TEST(!fx.link->sync().ok());
  BOOST_TEST(fx.consoleState() == "offline");
  BOOST_TEST(fx.depth() == 4);
  fx.console->down = false;
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.console->seqs() == oneTo(12));
  BOOST_TEST(fx.consoleState() == "enrolled");
}

BOOST_AUTO_TEST_CASE(a_409_sends_again_from_the_acknowledged_seq) {
  LinkFixture fx;
  fx.enroll();
  fx.append(3);
  fx.console->force_409 = true;
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.console->seqs() == oneTo(3));
  BOOST_TEST(fx.console->batches == 2);
  BOOST_TEST(fx.depth() == 0);
}

BOOST_AUTO_TEST_CASE(large_outboxes_go_in_batches_of_at_most_1000) {
  LinkFixture fx;
  fx.enroll();
  Inventory::OutboxWrite w;
  for (int i = 0; i < 2500; ++i) w.events.push_back({"scan", i, "{}"});
  BOOST_TEST_REQUIRE(fx.reader->appendToOutbox(w).ok());
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.console->batches == 3);
  BOOST_TEST(fx.console->seqs() == oneTo(2500));

  // And of at most 4 MiB: 300 events of 20 KB go in two.
  Inventory::OutboxWrite big;
  const std::string data = "{\"x\":\"" + std::string(20'000, 'a') + "\"}";
  for (int i = 0; i < 300; ++i) big.events.push_back({"scan", i, data});
  BOOST_TEST_REQUIRE(fx.reader->appendToOutbox(big).ok());
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.console->batches == 5);
  BOOST_TEST(fx.console->max_batch_bytes <= protocol::kMaxReportBodyBytes);
  BOOST_TEST(fx.console->seqs() == oneTo(2800));
}

BOOST_AUTO_TEST_CASE(a_signed_policy_is_applied_and_a_bad_one_leaves_the_last_good) {
  LinkFixture fx;
  fx.enroll();
  fx.console->publish(R"({"ocr":true,"console":{"heartbeat_seconds":30}})", 3);
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.applied_versions == std::vector<std::int64_t>{3});
  BOOST_TEST(fx.state(cs::kHeartbeatSeconds) == "30");
  BOOST_TEST(!fx.state(cs::kSignedPolicy).empty());
  // In force: the console's version is the agent's, and it is not fetched again.
  const int fetches = fx.console->policy_fetches;
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.console->policy_fetches == fetches);

  // Signed by another key.
  const crypto::SigningKey other = test::FakeConsole::makeKey(9);
  fx.console->publish(R"({"ocr":false})", 4, &other);
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.applied_versions == std::vector<std::int64_t>{3});
  BOOST_TEST(fx.state(cs::kPolicyRefused).find("signature") != std::string::npos);
  BOOST_TEST(fx.link->status(*fx.reader, 3).find("policy_refused") != nullptr);

  // A lower version.
  fx.console->publish(R"({"ocr":false})", 2);
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.applied_versions == std::vector<std::int64_t>{3});
  BOOST_TEST(fx.state(cs::kPolicyRefused).find("older") != std::string::npos);

  // One that would cut the way back: plain http, then a console that does not answer.
  fx.console->publish(R"({"console":{"url":"http://console.test"}})", 5);
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.state(cs::kPolicyRefused).find("https") != std::string::npos);
  fx.console->publish(R"({"console":{"url":"https://elsewhere.test"}})", 6);
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.state(cs::kPolicyRefused).find("does not answer") != std::string::npos);
  // An invalid policy, named by its key.
  fx.console->publish(R"({"governor":{"cpu_percent":900}})", 7);
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.state(cs::kPolicyRefused).find("governor.cpu_percent") != std::string::npos);
  BOOST_TEST(fx.applied_versions == std::vector<std::int64_t>{3});
  BOOST_TEST(fx.state(cs::kUrl) == fx.console->url);

  // A good one again clears the refusal.
  fx.console->publish(R"({"ocr":false})", 8);
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST((fx.applied_versions == std::vector<std::int64_t>{3, 8}));
  BOOST_TEST(fx.state(cs::kPolicyRefused).empty());
}

BOOST_AUTO_TEST_CASE(enrolling_with_another_console_starts_afresh) {
  LinkFixture fx;
  fx.enroll();
  fx.append(2);
  fx.console->publish(R"({"ocr":true})", 9);
  fx.console->down = true;
  BOOST_TEST(!fx.link->sync().ok());
  BOOST_TEST(fx.depth() == 2);
  // Another console (another URL, key and id), whose policies count from 1: its version 1 is
  // applied over version 9 of the old one, and the events the old one never got are not sent to
  // it as if it had (the stream starts again at 1 with what the agent knows now).
  fx.console->down = false;
  fx.console->url = "https://other.test";
  fx.console->key = test::FakeConsole::makeKey(5);
  fx.console->agent_id = 40;
  fx.console->acked_seq = 0;
  fx.console->applied.clear();
  {
    std::lock_guard lock(fx.mutex);
    fx.running_version = 9;
  }
  fx.console->publish(R"({"ocr":false})", 1);
  ConsoleLink::EnrollArgs a;
  a.url = fx.console->url;
  a.secret = fx.console->secret;
  a.machine_id = "m-1";
  a.host = "pc-1";
  auto again = fx.link->enroll(a);
  BOOST_TEST_REQUIRE(again.ok(), (again.ok() ? "" : again.error().message()));
  BOOST_TEST(fx.depth() == 0);
  fx.append(1);
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.console->seqs() == oneTo(1));
  BOOST_TEST(fx.applied_versions.back() == 1);
  BOOST_TEST(fx.state(cs::kPolicyRefused).empty());
}

BOOST_AUTO_TEST_CASE(decisions_are_applied_then_confirmed) {
  LinkFixture fx;
  fx.enroll();
  auto id = fx.reader->addException("/home/kim/a.xlsx", 1000, "needed", 30, 1000, "abcd");
  BOOST_TEST_REQUIRE(id.ok());
  protocol::ExceptionDecision d;
  d.request_id = *id;
  d.state = "approved";
  d.decided_at_ms = 2000;
  d.expires_at_ms = 4'000'000'000'000;
  d.path = "/home/kim/a.xlsx";
  d.content_digest = "abcd";
  fx.console->decisions.push_back(d);
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  auto list = fx.reader->exceptions(std::nullopt, 3000);
  BOOST_TEST_REQUIRE(list.ok());
  BOOST_TEST(list->front().state == "approved");
  BOOST_TEST(*fx.reader->approvedDigests("/home/kim/a.xlsx", 3000) ==
             std::vector<std::string>{"abcd"});
  BOOST_TEST(*fx.reader->unconfirmedDecisions() == std::vector<std::int64_t>{*id});
  // The next heartbeat confirms it; the console sends it no more.
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.console->confirmed == std::vector<std::int64_t>{*id});
  BOOST_TEST(fx.reader->unconfirmedDecisions()->empty());
  BOOST_TEST(fx.console->decisions.empty());
  // Expired: no longer covers the file.
  BOOST_TEST(fx.reader->approvedDigests("/home/kim/a.xlsx", 4'000'000'000'001)->empty());
}

BOOST_AUTO_TEST_CASE(a_rotated_token_is_kept_before_it_is_used) {
  LinkFixture fx;
  fx.enroll();
  fx.console->rotate_to = "token-2";
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.state(cs::kToken) == "token-2");
  // The agent restarts: the new token works, the console then drops the old one.
  fx.restart();
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.console->previous_token.empty());
  BOOST_TEST(fx.state(cs::kPreviousToken).empty());
}

BOOST_AUTO_TEST_CASE(a_revoked_agent_stops_contacting_the_console) {
  LinkFixture fx;
  fx.enroll();
  fx.console->revoked = true;
  BOOST_TEST(!fx.link->sync().ok());
  BOOST_TEST(fx.consoleState() == "revoked");
  BOOST_TEST(!fx.link->enrolled());
  const int requests = fx.console->requests;
  BOOST_TEST(!fx.link->sync().ok());
  fx.restart();
  BOOST_TEST(!fx.link->sync().ok());
  BOOST_TEST(fx.console->requests == requests);
}

BOOST_AUTO_TEST_CASE(the_thread_retries_with_backoff_until_the_console_is_back) {
  LinkFixture fx(true);
  fx.enroll();  // wakes the thread, which uploads by itself
  fx.append(2);
  fx.link->wake();
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (fx.console->seqs().size() < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(20ms);
  BOOST_TEST(fx.console->seqs() == oneTo(2));
}

BOOST_AUTO_TEST_CASE(an_event_the_console_refuses_is_dropped_and_the_rest_delivered_once) {
  LinkFixture fx;
  fx.enroll();
  // Events 4 and 9 are invalid in the console's eyes; each batch holding one is refused whole.
  fx.console->refuse = [](const protocol::ReportEvent& e) {
    return nOf(e) == 3 || nOf(e) == 8 ? std::string("data.n: must be at most 2") : std::string();
  };
  fx.append(10);
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.depth() == 0);
  BOOST_TEST(fx.state(cs::kAckedSeq) == "10");
  // Gapless, each seq once: the others as they were, the refused ones as placeholders.
  BOOST_TEST(fx.console->seqs() == oneTo(10));
  for (const protocol::ReportEvent& e : fx.console->eventsOf("scan"))
    BOOST_TEST(nOf(e) == e.seq - 1);
  const auto removed = fx.console->eventsOf("file_removed");
  BOOST_TEST_REQUIRE(removed.size() == 2u);
  BOOST_TEST(removed[0].seq == 4);
  BOOST_TEST(removed[1].seq == 9);
  BOOST_TEST(isPlaceholder(removed[0]));
  BOOST_TEST(isPlaceholder(removed[1]));
  // Found by halving the refused batches, not one request per event.
  BOOST_TEST(fx.console->batches <= 16);

  // Counted, said in status (also after a restart), and logged by seq, kind and the console's
  // message, never the event's data.
  BOOST_TEST(fx.state(cs::kRefusedEvents) == "2");
  BOOST_TEST(fx.lastError() == "2 event(s) refused by the console and dropped");
  BOOST_TEST_REQUIRE(fx.warnings.size() == 2u);
  BOOST_TEST(fx.warnings[0].find("event 4 (scan)") != std::string::npos);
  BOOST_TEST(fx.warnings[0].find("data.n: must be at most 2") != std::string::npos);
  BOOST_TEST(fx.warnings[1].find("event 9 (scan)") != std::string::npos);
  for (const std::string& w : fx.warnings) BOOST_TEST(w.find("\"n\"") == std::string::npos);
  fx.restart();
  BOOST_TEST(fx.lastError() == "2 event(s) refused by the console and dropped");
  BOOST_TEST(fx.consoleState() == "enrolled");

  // What follows goes as before, in one batch.
  const int batches = fx.console->batches;
  fx.append(2);
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.console->batches == batches + 1);
  BOOST_TEST(fx.console->seqs() == oneTo(12));
  BOOST_TEST(fx.state(cs::kRefusedEvents) == "2");
}

BOOST_AUTO_TEST_CASE(a_refused_event_is_counted_once_across_a_lost_reply) {
  LinkFixture fx;
  fx.enroll();
  test::FakeConsole* console = fx.console.get();
  fx.console->refuse = [console](const protocol::ReportEvent& e) {
    // The reply to the placeholder is lost (called with the console's lock held).
    if (isPlaceholder(e) && console->acked_seq < e.seq) console->lose_next_reply = true;
    return nOf(e) == 1 ? std::string("data.n: bad") : std::string();
  };
  fx.append(3);
  BOOST_TEST(!fx.link->sync().ok());
  BOOST_TEST(fx.console->seqs() == oneTo(2));  // the placeholder was applied
  BOOST_TEST(fx.depth() == 2);  // event 2 is still in the outbox
  BOOST_TEST(fx.state(cs::kRefusedEvents) == "0");  // set at enrollment
  fx.restart();
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.console->seqs() == oneTo(3));
  BOOST_TEST(isPlaceholder(fx.console->eventsOf("file_removed").at(0)));
  BOOST_TEST(fx.depth() == 0);
  BOOST_TEST(fx.state(cs::kRefusedEvents) == "1");
  BOOST_TEST(fx.lastError() == "1 event(s) refused by the console and dropped");
}

BOOST_AUTO_TEST_CASE(a_refusal_that_is_not_about_an_event_drops_nothing) {
  LinkFixture fx;
  fx.enroll();
  // The console refuses everything (as it would a body it cannot read): even the placeholder.
  fx.console->refuse = [](const protocol::ReportEvent&) { return std::string("data: bad"); };
  fx.append(3);
  const Status s = fx.link->sync();
  BOOST_TEST(!s.ok());
  BOOST_TEST(s.error().message().find("HTTP 400") != std::string::npos);
  BOOST_TEST(fx.console->batches == 3);  // the batch, its first event alone, the placeholder
  BOOST_TEST(fx.depth() == 3);
  BOOST_TEST(fx.console->seqs().empty());
  BOOST_TEST(fx.state(cs::kRefusedEvents) == "0");  // set at enrollment
  BOOST_TEST(fx.warnings.empty());
  BOOST_TEST(fx.lastError().find("HTTP 400") != std::string::npos);
  BOOST_TEST(fx.consoleState() == "offline");
  // Once the console takes them, they all arrive as they were.
  fx.console->refuse = nullptr;
  BOOST_TEST_REQUIRE(fx.link->sync().ok());
  BOOST_TEST(fx.console->seqs() == oneTo(3));
  BOOST_TEST(fx.console->eventsOf("scan").size() == 3u);
  BOOST_TEST(fx.lastError().empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace jamul::agent
