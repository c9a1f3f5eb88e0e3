// SPDX-License-Identifier: Apache-2.0
// The console's store (store/store.h) on SQLite, and on PostgreSQL as console.store_postgres.
#include <boost/test/unit_test.hpp>

#include "console/console_fixture.h"
#include "store/schema.h"

namespace jamul::console {
namespace {

using test::StoreFixture;

constexpr std::int64_t kNow = 1'796'620'400'000;
constexpr std::int64_t kDay = 86'400'000;

EnrollInput machine(const std::string& id, const std::string& digest, const std::string& dept = "") {
  return EnrollInput{id, "pc-" + id, "kim", dept, "0.1.0", "Debian", digest, kNow};
}

// Offline after `fallback_ms` of silence, or after another time in the listed departments.
OfflineThresholds offlineAfter(std::int64_t fallback_ms,
                               std::map<std::string, std::int64_t> by_department = {}) {
  OfflineThresholds t;
  t.fallback_ms = fallback_ms;
  t.by_department = std::move(by_department);
  return t;
}

IngestEvent fileEvent(std::int64_t seq, const std::string& path,
                      std::vector<std::pair<std::string, std::int64_t>> counts, bool encrypted = false,
                      const std::string& volume = "") {
  FileData f;
  f.path = path;
  f.counts = std::move(counts);
  f.encrypted = encrypted;
  f.volume = volume;
  return IngestEvent{seq, kNow, f};
}

IngestEvent scanEvent(std::int64_t seq, std::int64_t finished, std::int64_t files, std::int64_t enc,
                      std::int64_t items) {
  ScanData s;
  s.finished_ms = finished;
  s.files_with_findings = files;
  s.files_encrypted = enc;
  s.items = items;
  return IngestEvent{seq, kNow, s};
}

BOOST_AUTO_TEST_SUITE(store)

BOOST_FIXTURE_TEST_CASE(enrollment_is_idempotent_per_machine_and_revocation_gives_a_new_id,
                        StoreFixture) {
  auto a = store->enroll(machine("m1", "d1"));
  auto b = store->enroll(machine("m2", "d2"));
  auto again = store->enroll(machine("m1", "d3"));
  BOOST_TEST_REQUIRE((a.ok() && b.ok() && again.ok()));
  BOOST_TEST(*a != *b);
  BOOST_TEST(*again == *a);
  // The old token no longer works; the new one does.
  BOOST_TEST(static_cast<int>(store->authenticate(*a, "d1", kNow, kDay)->result) ==
             static_cast<int>(AuthResult::kBadToken));
  BOOST_TEST(static_cast<int>(store->authenticate(*a, "d3", kNow, kDay)->result) ==
             static_cast<int>(AuthResult::kOk));
  BOOST_TEST_REQUIRE(store->revoke(*a, kNow, "tester").ok());
  BOOST_TEST(static_cast<int>(store->authenticate(*a, "d3", kNow, kDay)->result) ==
             static_cast<int>(AuthResult::kRevoked));
  auto fresh = store->enroll(machine("m1", "d4"));
  BOOST_TEST_REQUIRE(fresh.ok());
  BOOST_TEST(*fresh != *a);
  BOOST_TEST((store->revoke(999, kNow, "tester").error().code() == ErrorCode::kNotFound));
}

BOOST_FIXTURE_TEST_CASE(token_rotation_keeps_the_old_token_until_the_new_one_is_used, StoreFixture) {
  const std::int64_t id = *store->enroll(machine("m1", "t1"));
  auto first = store->authenticate(id, "t1", kNow + 1000, kDay);
  BOOST_TEST(!first->rotation_due);
  auto old = store->authenticate(id, "t1", kNow + kDay + 1, kDay);
  BOOST_TEST(old->rotation_due);
  BOOST_TEST_REQUIRE(store->rotateToken(id, "t2", kNow + kDay + 1).ok());
  // The reply may be lost: the old token still works, and asks for a new token again.
  auto lost = store->authenticate(id, "t1", kNow + kDay + 2, kDay);
  BOOST_TEST(static_cast<int>(lost->result) == static_cast<int>(AuthResult::kOk));
  BOOST_TEST(lost->rotation_due);
  BOOST_TEST_REQUIRE(store->rotateToken(id, "t3", kNow + kDay + 2).ok());
  BOOST_TEST(static_cast<int>(store->authenticate(id, "t2", kNow + kDay + 3, kDay)->result) ==
             static_cast<int>(AuthResult::kBadToken));
  // The agent uses the newest token: from then on the old one is refused.
  BOOST_TEST(static_cast<int>(store->authenticate(id, "t3", kNow + kDay + 3, kDay)->result) ==
             static_cast<int>(AuthResult::kOk));
  BOOST_TEST(static_cast<int>(store->authenticate(id, "t1", kNow + kDay + 4, kDay)->result) ==
             static_cast<int>(AuthResult::kBadToken));
  // Another agent's token is not this agent's.
  const std::int64_t other = *store->enroll(machine("m2", "u1"));
  BOOST_TEST(static_cast<int>(store->authenticate(other, "t3", kNow, kDay)->result) ==
             static_cast<int>(AuthResult::kBadToken));
}

BOOST_FIXTURE_TEST_CASE(a_batch_sent_twice_counts_once_and_a_gap_changes_nothing, StoreFixture) {
  const std::int64_t id = *store->enroll(machine("m1", "t1", "총무과"));
  std::vector<IngestEvent> batch = {fileEvent(1, "/home/kim/a.xlsx", {{"kr_rrn", 3}}),
                                    fileEvent(2, "/home/kim/b.hwp", {{"kr_rrn", 1}, {"phone", 2}})};
  auto first = store->ingest(id, batch, kNow);
  auto second = store->ingest(id, batch, kNow);
  BOOST_TEST_REQUIRE((first.ok() && second.ok()));
  BOOST_TEST(first->acked_seq == 2);
  BOOST_TEST(second->acked_seq == 2);
  BOOST_TEST(!second->gap);
  auto agent = store->agent(id);
  BOOST_TEST(agent->files_with_pii == 2);
  BOOST_TEST(agent->items == 6);

  auto gap = store->ingest(id, {fileEvent(3, "/c", {{"kr_rrn", 9}}), fileEvent(5, "/d", {{"kr_rrn", 9}})},
                           kNow);
  BOOST_TEST_REQUIRE(gap.ok());
  BOOST_TEST(gap->gap);
  BOOST_TEST(gap->acked_seq == 2);
  BOOST_TEST(store->agent(id)->items == 6);  // event 3 was rolled back with the batch
  BOOST_TEST(store->agent(id)->acked_seq == 2);
}

BOOST_FIXTURE_TEST_CASE(totals_follow_updates_encryption_and_removal, StoreFixture) {
  const std::int64_t id = *store->enroll(machine("m1", "t1", "총무과"));
  BOOST_TEST_REQUIRE(store->ingest(id, {fileEvent(1, "/a", {{"kr_rrn", 3}}),
                                        fileEvent(2, "/b", {{"kr_rrn", 1}, {"phone", 2}}),
                                        fileEvent(3, "/usb/c", {{"phone", 4}}, false, "USB1")},
                                   kNow)
                         .ok());
  // /a is encrypted (the .age path replaces it), /b loses its findings.
  FileRemovedData removed{"/a"};
  BOOST_TEST_REQUIRE(store->ingest(id, {IngestEvent{4, kNow, removed},
                                        fileEvent(5, "/a.age", {{"kr_rrn", 3}}, true),
                                        IngestEvent{6, kNow, FileRemovedData{"/b"}}},
                                   kNow)
                         .ok());
  auto agent = store->agent(id);
  BOOST_TEST(agent->files_with_pii == 2);
  BOOST_TEST(agent->files_encrypted == 1);
  BOOST_TEST(agent->items == 7);
  BOOST_TEST(agent->items_encrypted == 3);
  // `admin findings`: what is not encrypted.
  auto findings = store->agentFindings();
  BOOST_TEST_REQUIRE(findings->size() == 1u);
  BOOST_TEST((*findings)[0].counts.size() == 1u);
  BOOST_TEST((*findings)[0].counts[0].first == "phone");
  BOOST_TEST((*findings)[0].counts[0].second == 4);
  auto by_rule = store->findingsBy("rule");
  BOOST_TEST_REQUIRE(by_rule->size() == 2u);
  VolumeData volume{"USB1", "KINGSTON", 16'000'000'000, true, kNow, kNow};
  BOOST_TEST_REQUIRE(store->ingest(id, {IngestEvent{7, kNow, volume}}, kNow).ok());
  auto by_volume = store->findingsBy("volume");
  BOOST_TEST_REQUIRE(by_volume->size() == 1u);
  BOOST_TEST((*by_volume)[0].key == "USB1");
  BOOST_TEST((*by_volume)[0].label == "KINGSTON");
  BOOST_TEST((*by_volume)[0].items == 4);
  auto summary = store->summary(kNow, offlineAfter(180'000));
  BOOST_TEST(summary->files_with_pii == 2);
  BOOST_TEST(summary->files_encrypted == 1);
  auto top = store->topFiles(10);
  BOOST_TEST_REQUIRE(top->size() == 2u);
  BOOST_TEST((*top)[0].path == "/usb/c");
  auto csv = store->exportRows();
  BOOST_TEST_REQUIRE(csv->size() == 1u);
  BOOST_TEST((*csv)[0].key == "총무과");
  BOOST_TEST((*csv)[0].files_encrypted == 1);
}

BOOST_FIXTURE_TEST_CASE(within_a_batch_the_last_event_about_a_file_wins, StoreFixture) {
  const std::int64_t id = *store->enroll(machine("m1", "t1"));
  BOOST_TEST_REQUIRE(store->ingest(id, {fileEvent(1, "/x", {{"kr_rrn", 2}}),
                                        IngestEvent{2, kNow, FileRemovedData{"/x"}},
                                        fileEvent(3, "/x", {{"kr_rrn", 5}}),
                                        fileEvent(4, "/y", {{"phone", 1}}),
                                        IngestEvent{5, kNow, FileRemovedData{"/y"}},
                                        IngestEvent{6, kNow, FileRemovedData{"/never-seen"}}},
                                   kNow)
                         .ok());
  auto agent = store->agent(id);
  BOOST_TEST(agent->files_with_pii == 1);
  BOOST_TEST(agent->items == 5);
  auto top = store->topFiles(10);
  BOOST_TEST_REQUIRE(top->size() == 1u);
  BOOST_TEST(top->at(0).path == "/x");
  // Many files in one batch (more than one statement's worth), then all removed.
  std::vector<IngestEvent> many;
  for (int i = 0; i < 450; ++i) many.push_back(fileEvent(7 + i, "/m/" + std::to_string(i), {{"kr_rrn", 1}}));
  BOOST_TEST_REQUIRE(store->ingest(id, many, kNow).ok());
  BOOST_TEST(store->agent(id)->files_with_pii == 451);
  std::vector<IngestEvent> gone;
  for (int i = 0; i < 450; ++i) gone.push_back(IngestEvent{457 + i, kNow, FileRemovedData{"/m/" + std::to_string(i)}});
  BOOST_TEST_REQUIRE(store->ingest(id, gone, kNow).ok());
  BOOST_TEST(store->agent(id)->files_with_pii == 1);
  BOOST_TEST(store->agent(id)->items == 5);
  BOOST_TEST(store->findingsBy("rule")->size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(history_carries_each_agents_last_scan_forward, StoreFixture) {
  const std::int64_t a = *store->enroll(machine("m1", "t1"));
  const std::int64_t b = *store->enroll(machine("m2", "t2"));
  const std::int64_t today = kNow + 10 * kDay;
  BOOST_TEST_REQUIRE(store->ingest(a, {scanEvent(1, today - 5 * kDay, 10, 0, 100)}, kNow).ok());
  BOOST_TEST_REQUIRE(store->ingest(b, {scanEvent(1, today - 3 * kDay, 4, 1, 40)}, kNow).ok());
  // Two scans on one day: the later one counts.
  BOOST_TEST_REQUIRE(store->ingest(a, {scanEvent(2, today - kDay, 8, 2, 80),
                                       scanEvent(3, today - kDay + 1000, 6, 3, 60)},
                                   kNow)
                         .ok());
  auto days = store->history(7, today);
  BOOST_TEST_REQUIRE(days->size() == 7u);
  BOOST_TEST((*days)[0].files_with_pii == 0);   // today - 6
  BOOST_TEST((*days)[1].files_with_pii == 10);  // today - 5: a
  BOOST_TEST((*days)[3].files_with_pii == 14);  // today - 3: a + b
  BOOST_TEST((*days)[5].files_with_pii == 10);  // today - 1: a's last scan (6) + b (4)
  BOOST_TEST((*days)[5].files_encrypted == 4);
  BOOST_TEST((*days)[6].items == 100);
  BOOST_TEST((*days)[6].day == dayString(localDay(today)));
}

BOOST_FIXTURE_TEST_CASE(policies_share_one_rising_version, StoreFixture) {
  auto signer = [](std::int64_t v) -> Result<std::pair<std::string, std::string>> {
    return std::make_pair("body" + std::to_string(v), "sig" + std::to_string(v));
  };
  auto v1 = store->setPolicy("default", "{}", signer, kNow, "tester");
  auto v2 = store->setPolicy("총무과", "{}", signer, kNow, "tester");
  auto v3 = store->setPolicy("default", "{\"ocr\":true}", signer, kNow, "tester");
  BOOST_TEST_REQUIRE((v1.ok() && v2.ok() && v3.ok()));
  BOOST_TEST(*v1 == 1);
  BOOST_TEST(*v2 == 2);
  BOOST_TEST(*v3 == 3);
  BOOST_TEST((*store->policyFor("총무과"))->version == 2);
  BOOST_TEST((*store->policyFor("민원과"))->version == 3);  // no own policy: the default's
  BOOST_TEST((*store->policyFor(""))->body == "body3");
  BOOST_TEST(store->policies()->size() == 2u);
  auto audit = store->auditLog(0, 10);
  BOOST_TEST(audit->second == 3);
}

BOOST_FIXTURE_TEST_CASE(exception_decisions_reach_their_agent_until_applied, StoreFixture) {
  const std::int64_t id = *store->enroll(machine("m1", "t1"));
  ExceptionRequestData request{12, "/home/kim/a.xlsx", "kim", "abcd", "needed", 30, kNow};
  BOOST_TEST_REQUIRE(store->ingest(id, {IngestEvent{1, kNow, request}, IngestEvent{2, kNow, request}}, kNow).ok());
  auto pending = store->exceptions({.state = "pending"});
  BOOST_TEST_REQUIRE(pending->first.size() == 1u);  // the same request id twice is one request
  BOOST_TEST(store->decisionsFor(id)->empty());
  auto decided = store->decide(pending->first[0].id, true, 7, kNow, "admin");
  BOOST_TEST_REQUIRE(decided.ok());
  BOOST_TEST(decided->expires_at_ms == kNow + 7 * kDay);
  BOOST_TEST((store->decide(pending->first[0].id, false, std::nullopt, kNow, "admin").error().code() ==
             ErrorCode::kInvalidArgument));
  auto decisions = store->decisionsFor(id);
  BOOST_TEST_REQUIRE(decisions->size() == 1u);
  BOOST_TEST((*decisions)[0].request_id == 12);
  BOOST_TEST((*decisions)[0].content_digest == "abcd");
  HeartbeatInput hb;
  hb.agent = id;
  hb.decisions_applied = {12};
  hb.now_ms = kNow;
  auto after = store->heartbeat(hb);
  BOOST_TEST_REQUIRE(after.ok());
  BOOST_TEST(after->empty());
}

BOOST_FIXTURE_TEST_CASE(exceptions_come_a_page_at_a_time_with_the_total, StoreFixture) {
  const std::int64_t id = *store->enroll(machine("m1", "t1"));
  std::vector<IngestEvent> events;
  for (std::int64_t i = 1; i <= 5; ++i) {
    events.push_back({i, kNow, ExceptionRequestData{i, "/f" + std::to_string(i), "kim", "ab", "r", 30, kNow}});
  }
  BOOST_TEST_REQUIRE(store->ingest(id, events, kNow).ok());
  auto first = store->exceptions({.state = "pending", .offset = 0, .limit = 2});
  BOOST_TEST_REQUIRE(first.ok());
  BOOST_TEST(first->second == 5);
  BOOST_TEST_REQUIRE(first->first.size() == 2u);
  BOOST_TEST(first->first[0].path == "/f1");  // oldest first
  BOOST_TEST_REQUIRE(store->decide(first->first[0].id, false, std::nullopt, kNow, "admin").ok());
  auto last = store->exceptions({.state = "pending", .offset = 2, .limit = 2});
  BOOST_TEST(last->second == 4);
  BOOST_TEST_REQUIRE(last->first.size() == 2u);
  BOOST_TEST(last->first[1].path == "/f5");
  BOOST_TEST(store->exceptions({.state = "denied"})->second == 1);
  BOOST_TEST(store->exceptions({.state = ""})->second == 5);
  BOOST_TEST(store->exceptions({.state = "", .offset = 5})->first.empty());
}

BOOST_FIXTURE_TEST_CASE(the_summary_counts_offline_by_each_groups_threshold, StoreFixture) {
  // Silent for 5 minutes: offline at a 60 s heartbeat (3 min), not at a 600 s one (30 min).
  for (const char* dept : {"", "총무과", "민원과"}) {
    auto input = machine(std::string("m-") + dept, "t", dept);
    input.now_ms = kNow - 5 * 60'000;
    BOOST_TEST_REQUIRE(store->enroll(input).ok());
  }
  BOOST_TEST(store->summary(kNow, offlineAfter(180'000))->agents_offline == 3);
  BOOST_TEST(store->summary(kNow, offlineAfter(180'000, {{"총무과", 1'800'000}}))->agents_offline == 2);
  BOOST_TEST(store->summary(kNow, offlineAfter(1'800'000, {{"민원과", 180'000}}))->agents_offline == 1);
}

BOOST_FIXTURE_TEST_CASE(sessions_end_after_idle_time_and_max_age, StoreFixture) {
  BOOST_TEST_REQUIRE(store->setPassword("admin", "hash", true, kNow, "tester").ok());
  BOOST_TEST_REQUIRE(store->createSession("s1", {"admin", "csrf", kNow, kNow}).ok());
  BOOST_TEST(store->touchSession("s1", kNow + 10 * 60'000, 8 * 3600'000, 30 * 60'000)->has_value());
  BOOST_TEST(store->touchSession("s1", kNow + 35 * 60'000, 8 * 3600'000, 30 * 60'000)->has_value());
  BOOST_TEST(!store->touchSession("s1", kNow + 70 * 60'000, 8 * 3600'000, 30 * 60'000)->has_value());
  BOOST_TEST_REQUIRE(store->createSession("s2", {"admin", "csrf", kNow, kNow}).ok());
  BOOST_TEST(!store->touchSession("s2", kNow + 9 * 3600'000, 8 * 3600'000, 100 * 3600'000)->has_value());
  // A new password ends the account's sessions.
  BOOST_TEST_REQUIRE(store->createSession("s3", {"admin", "csrf", kNow, kNow}).ok());
  BOOST_TEST_REQUIRE(store->setPassword("admin", "hash2", false, kNow, "tester").ok());
  BOOST_TEST(!store->touchSession("s3", kNow, 8 * 3600'000, 30 * 60'000)->has_value());
  BOOST_TEST(!(*store->admin("admin"))->must_change_password);
}

BOOST_FIXTURE_TEST_CASE(reopening_keeps_everything_and_the_schema_version, StoreFixture) {
  const std::int64_t id = *store->enroll(machine("m1", "t1"));
  BOOST_TEST_REQUIRE(store->ingest(id, {fileEvent(1, "/a", {{"kr_rrn", 3}})}, kNow).ok());
  store.reset();
  store = test::openTestStore(dir, url);
  BOOST_TEST(store->agent(id)->acked_seq == 1);
  BOOST_TEST(store->agent(id)->items == 3);
}

BOOST_AUTO_TEST_CASE(db_translates_placeholders_for_postgresql) {
  BOOST_TEST(Db::translate("SELECT ? , '?', ?", Dialect::kPostgres) == "SELECT $1 , '?', $2");
  BOOST_TEST(Db::translate("SELECT ?", Dialect::kSqlite) == "SELECT ?");
  auto c = postgresConnectionString("postgresql://jamul@127.0.0.1:5433/jamul_test");
  BOOST_TEST_REQUIRE(c.ok());
  BOOST_TEST(*c == "host=127.0.0.1 port=5433 dbname=jamul_test user=jamul");
  BOOST_TEST(!postgresConnectionString("mysql://x@y/z").ok());
  BOOST_TEST(!postgresConnectionString("postgresql://x@y/").ok());
  BOOST_TEST(!postgresConnectionString("postgresql://x@y/db?schema=Bad-Name").ok());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::console
