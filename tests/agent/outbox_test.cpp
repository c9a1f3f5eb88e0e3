// SPDX-License-Identifier: Apache-2.0
// The inventory's console outbox (schema 8): events are numbered from 1 without gaps, survive a
// reopen, leave only up to the acknowledged seq, and an event is written in one transaction with
// the fingerprint that says it was reported.
#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "jamul/agent/inventory.h"
#include "support/temp_dir.h"

namespace jamul::agent {
namespace {

Inventory openOrFail(const std::string& path) {
  auto inv = Inventory::open(path);
  BOOST_TEST_REQUIRE(inv.ok(), (inv.ok() ? "" : inv.error().message()));
  return std::move(*inv);
}

std::vector<std::int64_t> seqsOf(const std::vector<Inventory::OutboxEvent>& events) {
  std::vector<std::int64_t> out;
  for (const auto& e : events) out.push_back(e.seq);
  return out;
}

Inventory::OutboxWrite oneEvent(const std::string& data) {
  Inventory::OutboxWrite w;
  w.events.push_back({"scan", 5, data});
  return w;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(outbox)

BOOST_AUTO_TEST_CASE(events_survive_a_reopen_and_leave_only_up_to_the_ack) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inventory.db").string();
  {
    Inventory inv = openOrFail(db);
    for (int i = 0; i < 5; ++i) BOOST_TEST_REQUIRE(inv.appendToOutbox(oneEvent("{}")).ok());
    BOOST_TEST(*inv.outboxDepth() == 5);
  }
  Inventory inv = openOrFail(db);
  auto all = inv.outboxAfter(0, 1000, 1 << 20);
  BOOST_TEST_REQUIRE(all.ok());
  BOOST_TEST((seqsOf(*all) == std::vector<std::int64_t>{1, 2, 3, 4, 5}));
  BOOST_TEST(all->front().kind == "scan");
  BOOST_TEST(all->front().at_ms == 5);
  // Acknowledged up to 3: 4 and 5 stay.
  BOOST_TEST_REQUIRE(inv.deleteOutboxThrough(3).ok());
  BOOST_TEST((seqsOf(*inv.outboxAfter(0, 1000, 1 << 20)) == std::vector<std::int64_t>{4, 5}));
  // Numbers are never reused, even once the outbox is empty.
  BOOST_TEST_REQUIRE(inv.deleteOutboxThrough(5).ok());
  BOOST_TEST(*inv.outboxDepth() == 0);
  BOOST_TEST_REQUIRE(inv.appendToOutbox(oneEvent("{}")).ok());
  BOOST_TEST((seqsOf(*inv.outboxAfter(0, 1000, 1 << 20)) == std::vector<std::int64_t>{6}));
  BOOST_TEST(*inv.lastOutboxSeq() == 6);
  // A reset (enrolling with another console) starts again from 1.
  BOOST_TEST_REQUIRE(inv.resetReporting().ok());
  BOOST_TEST(*inv.outboxDepth() == 0);
  BOOST_TEST_REQUIRE(inv.appendToOutbox(oneEvent("{}")).ok());
  BOOST_TEST((seqsOf(*inv.outboxAfter(0, 1000, 1 << 20)) == std::vector<std::int64_t>{1}));
}

BOOST_AUTO_TEST_CASE(batches_are_bounded_by_count_and_bytes) {
  test::TempDir dir;
  Inventory inv = openOrFail((dir.path() / "inventory.db").string());
  const std::string big = "{\"x\":\"" + std::string(1000, 'a') + "\"}";
  Inventory::OutboxWrite w;
  for (int i = 0; i < 30; ++i) w.events.push_back({"file", i, big});
  BOOST_TEST_REQUIRE(inv.appendToOutbox(w).ok());
  BOOST_TEST(inv.outboxAfter(0, 10, 1 << 20)->size() == 10u);
  // About 1080 bytes each: 5000 bytes hold 4.
  BOOST_TEST(inv.outboxAfter(0, 1000, 5000)->size() == 4u);
  // At least one, however small the budget.
  BOOST_TEST(inv.outboxAfter(0, 1000, 1)->size() == 1u);
  BOOST_TEST(inv.outboxAfter(28, 1000, 1 << 20)->size() == 2u);
}

BOOST_AUTO_TEST_CASE(events_and_fingerprints_and_state_commit_together) {
  test::TempDir dir;
  Inventory inv = openOrFail((dir.path() / "inventory.db").string());
  Inventory::OutboxWrite w;
  w.events.push_back({"file", 1, "{\"path\":\"/a\"}"});
  w.reported.push_back({"file", "/a", std::string("fp1")});
  w.state.emplace_back("console.reported_action_id", "4");
  BOOST_TEST_REQUIRE(inv.appendToOutbox(w).ok());
  auto fps = inv.reportedFingerprints("file");
  BOOST_TEST_REQUIRE(fps.ok());
  BOOST_TEST_REQUIRE(fps->size() == 1u);
  BOOST_TEST(fps->front().first == "/a");
  BOOST_TEST(fps->front().second == "fp1");
  BOOST_TEST(**inv.agentState("console.reported_action_id") == "4");
  // Forgetting a fingerprint.
  Inventory::OutboxWrite removal;
  removal.events.push_back({"file_removed", 2, "{\"path\":\"/a\"}"});
  removal.reported.push_back({"file", "/a", std::nullopt});
  BOOST_TEST_REQUIRE(inv.appendToOutbox(removal).ok());
  BOOST_TEST(inv.reportedFingerprints("file")->empty());
  BOOST_TEST(*inv.outboxDepth() == 2);
  // Everything of a write is there at once.
  Inventory::OutboxWrite many;
  for (int i = 0; i < 100; ++i) {
    many.events.push_back({"file", i, "{}"});
    many.reported.push_back({"file", "/f" + std::to_string(i), std::string("x")});
  }
  BOOST_TEST_REQUIRE(inv.appendToOutbox(many).ok());
  BOOST_TEST(*inv.outboxDepth() == 102);
  BOOST_TEST(inv.reportedFingerprints("file")->size() == 100u);
}

BOOST_AUTO_TEST_CASE(a_write_that_fails_leaves_nothing) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inventory.db").string();
  Inventory inv = openOrFail(db);
  // A trigger makes the fingerprint of "/boom" fail, after the events were inserted.
  sqlite3* conn = nullptr;
  BOOST_TEST_REQUIRE(sqlite3_open(db.c_str(), &conn) == SQLITE_OK);
  BOOST_TEST_REQUIRE(sqlite3_exec(conn,
                                  "CREATE TRIGGER boom BEFORE INSERT ON reported "
                                  "WHEN NEW.key = CAST('/boom' AS BLOB) "
                                  "BEGIN SELECT RAISE(ABORT, 'boom'); END;",
                                  nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(conn);
  Inventory::OutboxWrite w;
  w.events.push_back({"file", 1, "{}"});
  w.events.push_back({"file", 1, "{}"});
  w.reported.push_back({"file", "/ok", std::string("1")});
  w.reported.push_back({"file", "/boom", std::string("2")});
  w.state.emplace_back("console.reported_action_id", "9");
  BOOST_TEST(!inv.appendToOutbox(w).ok());
  BOOST_TEST(*inv.outboxDepth() == 0);
  BOOST_TEST(inv.reportedFingerprints("file")->empty());
  BOOST_TEST(!*inv.agentState("console.reported_action_id"));
  // The sequence was not consumed either: the next event is 1.
  BOOST_TEST_REQUIRE(inv.appendToOutbox(oneEvent("{}")).ok());
  BOOST_TEST((seqsOf(*inv.outboxAfter(0, 10, 1 << 20)) == std::vector<std::int64_t>{1}));
}

BOOST_AUTO_TEST_CASE(an_inventory_of_version_7_is_migrated_keeping_its_requests) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inventory.db").string();
  {
    Inventory inv = openOrFail(db);
    BOOST_TEST_REQUIRE(inv.addException("/home/kim/a.xlsx", 1000, "why", 30, 5).ok());
  }
  sqlite3* conn = nullptr;
  BOOST_TEST_REQUIRE(sqlite3_open(db.c_str(), &conn) == SQLITE_OK);
  BOOST_TEST_REQUIRE(sqlite3_exec(conn,
                                  "DROP TABLE outbox; DROP TABLE reported; "
                                  "ALTER TABLE exceptions DROP COLUMN content_digest; "
                                  "ALTER TABLE exceptions DROP COLUMN decision_unconfirmed; "
                                  "PRAGMA user_version = 7",
                                  nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(conn);
  Inventory inv = openOrFail(db);
  auto list = inv.exceptions(std::nullopt, 10);
  BOOST_TEST_REQUIRE(list.ok());
  BOOST_TEST_REQUIRE(list->size() == 1u);
  BOOST_TEST(list->front().state == "pending");
  BOOST_TEST(list->front().content_digest.empty());
  BOOST_TEST_REQUIRE(inv.appendToOutbox(oneEvent("{}")).ok());
  BOOST_TEST(*inv.outboxDepth() == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace jamul::agent
