// SPDX-License-Identifier: Apache-2.0
// What the inventory keeps for the agent (issue 15, schema 5): each user's findings, the owner of
// a file, removable volumes, exception requests, the questions of `notify` actions and the agent's
// own state.
#include <sqlite3.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "jamul/agent/age_sealer.h"
#include "jamul/agent/file_protector.h"
#include "jamul/agent/inventory.h"
#include "support/scanner_printers.h"
#include "support/temp_dir.h"

namespace jamul::agent {
namespace {

using scanner::Confidence;
using scanner::FileReport;
using scanner::RuleId;

constexpr std::uint32_t kAlice = 1000;
constexpr std::uint32_t kBob = 1001;

// A file of `owner` read whole, with one distinct value per entry of `levels` (none: clean).
FileReport fileOf(const std::string& path, std::uint32_t owner, std::vector<Confidence> levels) {
  FileReport r;
  r.entry.path = path;
  r.entry.owner = owner;
  r.entry.size = 64;
  r.entry.inode = std::hash<std::string>{}(path)&0xffffff;
  r.entry.device = 42;
  r.entry.mtime_ns = 1'700'000'000'000'000'000;
  r.entry.ctime_ns = r.entry.mtime_ns;
  r.format = "text/utf-8";
  r.text_bytes = 64;
  std::uint8_t tag = 1;
  for (Confidence level : levels) {
    scanner::FindingSummary& f = r.findings.emplace_back();
    f.rule = level == Confidence::kHigh ? RuleId::kKrRrn : RuleId::kKrPhone;
    f.confidence = level;
    f.count = tag;
    f.offset = 10u * tag;
    f.location = "line " + std::to_string(tag);
    f.masked = level == Confidence::kHigh ? "900101-1******" : "010-****-5678";
    f.digest.fill(tag);
    r.counts[scanner::ruleIndex(f.rule)][scanner::confidenceIndex(level)] += f.count;
    ++tag;
  }
  return r;
}

// A fresh inventory holding one completed scan of /home.
struct ScannedHome {
  test::TempDir dir;
  std::string db = (dir.path() / "inventory.db").string();
  Inventory inv = openOrFail(db);

  static Inventory openOrFail(const std::string& path) {
    auto inv = Inventory::open(path);
    BOOST_TEST_REQUIRE(inv.ok(), (inv.ok() ? "" : inv.error().message()));
    return std::move(*inv);
  }

  ScannedHome() {
    const std::vector<std::string> roots = {"/home"};
    const std::vector<FileReport> reports = {
        fileOf("/home/alice/clean.txt", kAlice, {}),
        fileOf("/home/alice/high.txt", kAlice, {Confidence::kHigh, Confidence::kLow}),
        fileOf("/home/alice/low.txt", kAlice, {Confidence::kLow}),
        fileOf("/home/bob/medium.txt", kBob, {Confidence::kMedium}),
        fileOf("/home/shared/root.txt", 0, {Confidence::kHigh}),
    };
    auto scan = inv.beginScan(roots, scanner::kRulesetVersion);
    BOOST_TEST_REQUIRE(scan.ok());
    for (const FileReport& r : reports) BOOST_TEST_REQUIRE(inv.record(*scan, r).ok());
    ScanTotals totals;
    totals.completed = true;
    totals.files_seen = reports.size();
    BOOST_TEST_REQUIRE(inv.finishScan(*scan, totals).ok());
  }

  std::vector<std::string> pathsWithFindings(Confidence min,
                                             std::optional<std::uint32_t> owner = std::nullopt) {
    auto reports = inv.reportsWithFindings(min, owner);
    BOOST_TEST_REQUIRE(reports.ok(), (reports.ok() ? "" : reports.error().message()));
    std::vector<std::string> paths;
    for (const FileReport& r : *reports) paths.push_back(r.entry.path);
    return paths;
  }
};

using Paths = std::vector<std::string>;

// The exception requests as a second connection reads them: "path|owner|reason|days|at|state".
std::vector<std::string> exceptionRows(const std::string& db) {
  sqlite3* conn = nullptr;
  BOOST_REQUIRE(sqlite3_open_v2(db.c_str(), &conn, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  BOOST_REQUIRE(sqlite3_prepare_v2(conn,
                                   "SELECT path || '|' || owner_uid || '|' || reason || '|' || "
                                   "days || '|' || requested_at_ms || '|' || state "
                                   "FROM exceptions ORDER BY id",
                                   -1, &st, nullptr) == SQLITE_OK);
  std::vector<std::string> rows;
  while (sqlite3_step(st) == SQLITE_ROW)
    rows.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  sqlite3_close(conn);
  return rows;
}

// Runs `sql` on a connection of its own (what another program, or an older Jamul, wrote).
void execSql(const std::string& db, const std::string& sql) {
  sqlite3* conn = nullptr;
  BOOST_REQUIRE(sqlite3_open(db.c_str(), &conn) == SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(conn, sql.c_str(), nullptr, nullptr, &message);
  const std::string why = message != nullptr ? message : "";
  sqlite3_free(message);
  sqlite3_close(conn);
  BOOST_REQUIRE_MESSAGE(rc == SQLITE_OK, why);
}

using Totals = Inventory::RuleTotals;

std::vector<std::int64_t> idsOf(const std::vector<Inventory::FinishedAction>& actions) {
  std::vector<std::int64_t> ids;
  for (const auto& a : actions) ids.push_back(a.id);
  return ids;
}

BOOST_AUTO_TEST_SUITE(agent_records)

BOOST_FIXTURE_TEST_CASE(reports_with_findings_by_confidence, ScannedHome) {
  BOOST_TEST(pathsWithFindings(Confidence::kHigh) ==
             (Paths{"/home/alice/high.txt", "/home/shared/root.txt"}));
  BOOST_TEST(pathsWithFindings(Confidence::kMedium) ==
             (Paths{"/home/alice/high.txt", "/home/bob/medium.txt", "/home/shared/root.txt"}));
  BOOST_TEST(pathsWithFindings(Confidence::kLow) ==
             (Paths{"/home/alice/high.txt", "/home/alice/low.txt", "/home/bob/medium.txt",
                    "/home/shared/root.txt"}));
}

BOOST_FIXTURE_TEST_CASE(reports_with_findings_of_one_owner, ScannedHome) {
  BOOST_TEST(pathsWithFindings(Confidence::kLow, kAlice) ==
             (Paths{"/home/alice/high.txt", "/home/alice/low.txt"}));
  BOOST_TEST(pathsWithFindings(Confidence::kMedium, kAlice) == (Paths{"/home/alice/high.txt"}));
  BOOST_TEST(pathsWithFindings(Confidence::kLow, kBob) == (Paths{"/home/bob/medium.txt"}));
  BOOST_TEST(pathsWithFindings(Confidence::kLow, 0) == (Paths{"/home/shared/root.txt"}));
  BOOST_TEST(pathsWithFindings(Confidence::kLow, 4242).empty());
}

BOOST_FIXTURE_TEST_CASE(a_report_comes_back_whole, ScannedHome) {
  auto reports = inv.reportsWithFindings(Confidence::kLow, kAlice);
  BOOST_TEST_REQUIRE(reports.ok());
  BOOST_TEST_REQUIRE(reports->size() == 2u);
  const FileReport expected =
      fileOf("/home/alice/high.txt", kAlice, {Confidence::kHigh, Confidence::kLow});
  const FileReport& r = (*reports)[0];
  BOOST_TEST(r.entry.path == expected.entry.path);
  BOOST_TEST(r.entry.owner == kAlice);
  BOOST_TEST(r.entry.size == expected.entry.size);
  BOOST_TEST(r.entry.inode == expected.entry.inode);
  BOOST_TEST((r.status == scanner::FileStatus::kOk));
  BOOST_TEST(r.format == "text/utf-8");
  BOOST_TEST((r.counts == expected.counts));
  BOOST_TEST_REQUIRE(r.findings.size() == 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    BOOST_TEST((r.findings[i].rule == expected.findings[i].rule));
    BOOST_TEST((r.findings[i].confidence == expected.findings[i].confidence));
    BOOST_TEST(r.findings[i].count == expected.findings[i].count);
    BOOST_TEST(r.findings[i].location == expected.findings[i].location);
    BOOST_TEST(r.findings[i].masked == expected.findings[i].masked);
    BOOST_TEST((r.findings[i].digest == expected.findings[i].digest));
  }
}

BOOST_FIXTURE_TEST_CASE(the_owner_of_a_file, ScannedHome) {
  const auto owner = [&](const std::string& path) -> std::int64_t {
    auto o = inv.ownerOf(path);
    BOOST_TEST_REQUIRE(o.ok());
    return o->has_value() ? static_cast<std::int64_t>(**o) : -1;
  };
  BOOST_TEST(owner("/home/alice/clean.txt") == kAlice);  // findings or not
  BOOST_TEST(owner("/home/bob/medium.txt") == kBob);
  BOOST_TEST(owner("/home/shared/root.txt") == 0);  // root's: 0, not "unknown"
  BOOST_TEST(owner("/home/nobody.txt") == -1);
}

BOOST_FIXTURE_TEST_CASE(a_volume_seen_again_is_updated_and_keeps_its_first_sighting, ScannedHome) {
  Inventory::Volume stick;
  stick.key = "1234-ABCD";
  stick.label = "STICK";
  stick.mount_point = "/media/alice/STICK";
  stick.size_bytes = 8'000'000'000;
  stick.last_seen_ms = 1000;
  BOOST_TEST_REQUIRE(inv.recordVolume(stick).ok());
  Inventory::Volume card = stick;
  card.key = "label:CARD";
  card.label = "CARD";
  card.mount_point = "/media/alice/CARD";
  card.removable = false;
  card.last_seen_ms = 2000;
  BOOST_TEST_REQUIRE(inv.recordVolume(card).ok());
  stick.label = "RENAMED";
  stick.mount_point = "/media/alice/RENAMED";
  stick.size_bytes = 16'000'000'000;
  stick.last_seen_ms = 3000;
  BOOST_TEST_REQUIRE(inv.recordVolume(stick).ok());

  auto volumes = inv.volumes();
  BOOST_TEST_REQUIRE(volumes.ok());
  BOOST_TEST_REQUIRE(volumes->size() == 2u);       // the same key is one volume
  const Inventory::Volume& first = (*volumes)[0];  // the most recently seen first
  BOOST_TEST(first.key == "1234-ABCD");
  BOOST_TEST(first.label == "RENAMED");
  BOOST_TEST(first.mount_point == "/media/alice/RENAMED");
  BOOST_TEST(first.size_bytes == 16'000'000'000u);
  BOOST_TEST(first.removable);
  BOOST_TEST(first.first_seen_ms == 1000);
  BOOST_TEST(first.last_seen_ms == 3000);
  const Inventory::Volume& second = (*volumes)[1];
  BOOST_TEST(second.key == "label:CARD");
  BOOST_TEST(!second.removable);
  BOOST_TEST(second.first_seen_ms == 2000);
}

BOOST_FIXTURE_TEST_CASE(exception_requests_are_kept_pending, ScannedHome) {
  auto first = inv.addException("/home/alice/high.txt", kAlice, "needed for payroll", 30, 5000);
  BOOST_TEST_REQUIRE(first.ok());
  auto second = inv.addException("/home/bob/medium.txt", kBob, "client list", 7, 6000);
  BOOST_TEST_REQUIRE(second.ok());
  BOOST_TEST(*second != *first);
  BOOST_TEST(
      exceptionRows(db) ==
      (std::vector<std::string>{"/home/alice/high.txt|1000|needed for payroll|30|5000|pending",
                                "/home/bob/medium.txt|1001|client list|7|6000|pending"}));
}

BOOST_FIXTURE_TEST_CASE(exception_requests_listed_by_owner_newest_first, ScannedHome) {
  auto a = inv.addException("/home/alice/high.txt", kAlice, "needed for payroll", 30, 5000);
  auto b = inv.addException("/home/bob/medium.txt", kBob, "client list", 7, 6000);
  auto c = inv.addException("/home/alice/low.txt", kAlice, "archive", 10, 7000);
  BOOST_TEST_REQUIRE((a.ok() && b.ok() && c.ok()));
  // A console approved the first until 9000 and denied the third.
  execSql(db,
          "UPDATE exceptions SET state = 'approved', decided_at_ms = 8000, "
          "expires_at_ms = 9000 WHERE id = " +
              std::to_string(*a) +
              ";"
              "UPDATE exceptions SET state = 'denied', decided_at_ms = 8100 WHERE id = " +
              std::to_string(*c));
  auto alice = inv.exceptions(kAlice, 8500);
  BOOST_TEST_REQUIRE(alice.ok());
  BOOST_TEST_REQUIRE(alice->size() == 2u);
  const Inventory::ExceptionRequest& denied = (*alice)[0];
  BOOST_TEST(denied.id == *c);
  BOOST_TEST(denied.state == "denied");
  BOOST_TEST(denied.decided_at_ms.value_or(0) == 8100);
  BOOST_TEST(!denied.expires_at_ms.has_value());
  const Inventory::ExceptionRequest& approved = (*alice)[1];
  BOOST_TEST(approved.id == *a);
  BOOST_TEST(approved.path == "/home/alice/high.txt");
  BOOST_TEST(approved.owner == kAlice);
  BOOST_TEST(approved.reason == "needed for payroll");
  BOOST_TEST(approved.days == 30);
  BOOST_TEST(approved.requested_at_ms == 5000);
  BOOST_TEST(approved.state == "approved");
  BOOST_TEST(approved.expires_at_ms.value_or(0) == 9000);
  // Past its end an approval is expired, whatever the table still says.
  auto later = inv.exceptions(kAlice, 9000);
  BOOST_TEST_REQUIRE(later.ok());
  BOOST_TEST((*later)[1].state == "expired");
  auto all = inv.exceptions(std::nullopt, 8500);
  BOOST_TEST_REQUIRE(all.ok());
  BOOST_TEST(all->size() == 3u);
  BOOST_TEST((*all)[1].state == "pending");  // bob's
  auto nobody = inv.exceptions(4242, 8500);
  BOOST_TEST_REQUIRE(nobody.ok());
  BOOST_TEST(nobody->empty());
}

BOOST_FIXTURE_TEST_CASE(files_counted_by_owner, ScannedHome) {
  const auto count = [&](std::optional<std::uint32_t> owner) {
    auto n = inv.fileCount(owner);
    BOOST_TEST_REQUIRE(n.ok());
    return *n;
  };
  BOOST_TEST(count(std::nullopt) == 5u);
  BOOST_TEST(count(kAlice) == 3u);  // clean or not
  BOOST_TEST(count(kBob) == 1u);
  BOOST_TEST(count(0) == 1u);
  BOOST_TEST(count(4242) == 0u);
}

// FileProtector records whom each action was for and what the inventory knew the file held; the
// inventory lists the ended actions and the files still encrypted, per user.
BOOST_AUTO_TEST_CASE(actions_record_their_user_and_counts_for_history_and_encrypted_files) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inventory.db").string();
  const std::string a = dir.write("home/a.txt", "a list\n").string();
  const std::string b = dir.write("home/b.txt", "another\n").string();
  const std::string c = dir.write("home/c.txt", "not scanned\n").string();
  {
    auto inv = Inventory::open(db);
    BOOST_TEST_REQUIRE(inv.ok());
    auto scan = inv->beginScan(std::vector<std::string>{(dir.path() / "home").string()},
                               scanner::kRulesetVersion);
    BOOST_TEST_REQUIRE(scan.ok());
    // a: one resident number (high) and two phone numbers at low; b: one phone number (medium).
    BOOST_TEST_REQUIRE(
        inv->record(*scan, fileOf(a, kAlice, {Confidence::kHigh, Confidence::kLow})).ok());
    BOOST_TEST_REQUIRE(inv->record(*scan, fileOf(b, kBob, {Confidence::kMedium})).ok());
    ScanTotals totals;
    totals.completed = true;
    BOOST_TEST_REQUIRE(inv->finishScan(*scan, totals).ok());
  }
  auto device = crypto::age::X25519Identity::generate();
  BOOST_TEST_REQUIRE(device.ok());
  std::vector<crypto::age::Identity> ids{&*device};
  AgeSealer sealer({device->recipient()}, ids);
  {
    FileProtector::Options for_alice;
    for_alice.owner = kAlice;
    auto protector = FileProtector::open(db, for_alice);
    BOOST_TEST_REQUIRE(protector.ok());
    BOOST_TEST_REQUIRE(protector->encrypt(a, sealer).ok());
  }
  {
    auto protector = FileProtector::open(db);  // as `jamul encrypt`: each file's owner
    BOOST_TEST_REQUIRE(protector.ok());
    BOOST_TEST_REQUIRE(protector->encrypt(b, sealer).ok());
    BOOST_TEST_REQUIRE(protector->decrypt(b + ".age", sealer).ok());
    BOOST_TEST_REQUIRE(protector->shred(c).ok());
  }
  const std::uint32_t me = static_cast<std::uint32_t>(::geteuid());  // the files' owner

  auto inv = Inventory::open(db);
  BOOST_TEST_REQUIRE(inv.ok());
  auto all = inv->finishedActions(std::nullopt, 0, 0, 100);
  BOOST_TEST_REQUIRE(all.ok());
  BOOST_TEST_REQUIRE(all->size() == 4u);
  const Inventory::FinishedAction& shred = (*all)[0];  // newest first
  BOOST_TEST((shred.kind == ActionKind::kShred));
  BOOST_TEST(shred.path == c);
  BOOST_TEST(shred.target_path == "");
  BOOST_TEST(shred.state == "done");
  BOOST_TEST(shred.owner.value_or(9999) == me);
  BOOST_TEST(shred.counts.empty());  // the inventory knew nothing of it
  const Inventory::FinishedAction& decrypted = (*all)[1];
  BOOST_TEST((decrypted.kind == ActionKind::kDecrypt));
  BOOST_TEST(decrypted.path == b + ".age");
  BOOST_TEST(decrypted.target_path == b);
  // The .age file holds no counts of its own: those of its encryption.
  BOOST_TEST((decrypted.counts == Totals{{"kr_phone", 1}}));
  const Inventory::FinishedAction& alices = (*all)[3];
  BOOST_TEST((alices.kind == ActionKind::kEncrypt));
  BOOST_TEST(alices.path == a);
  BOOST_TEST(alices.target_path == a + ".age");
  BOOST_TEST(alices.owner.value_or(9999) == kAlice);
  BOOST_TEST((alices.counts == Totals{{"kr_rrn", 1}}));  // medium and above only
  BOOST_TEST(alices.finished_at_ms > 0);

  // Per user, since a time, and page by page.
  auto hers = inv->finishedActions(kAlice, 0, 0, 100);
  BOOST_TEST_REQUIRE(hers.ok());
  BOOST_TEST(idsOf(*hers) == std::vector<std::int64_t>{alices.id});
  auto none = inv->finishedActions(std::nullopt, alices.finished_at_ms + 3'600'000, 0, 100);
  BOOST_TEST_REQUIRE(none.ok());
  BOOST_TEST(none->empty());
  auto first = inv->finishedActions(std::nullopt, 0, 0, 2);
  BOOST_TEST_REQUIRE(first.ok());
  BOOST_TEST(idsOf(*first) == (std::vector<std::int64_t>{shred.id, decrypted.id}));
  auto second = inv->finishedActions(std::nullopt, 0, decrypted.id, 2);
  BOOST_TEST_REQUIRE(second.ok());
  BOOST_TEST(idsOf(*second) == (std::vector<std::int64_t>{(*all)[2].id, alices.id}));

  // Still encrypted: alice's a.txt.age; b's was decrypted.
  auto sealed = inv->encryptedFiles(std::nullopt);
  BOOST_TEST_REQUIRE(sealed.ok());
  BOOST_TEST_REQUIRE(sealed->size() == 1u);
  BOOST_TEST((*sealed)[0].path == a + ".age");
  BOOST_TEST((*sealed)[0].original == a);
  BOOST_TEST((*sealed)[0].owner.value_or(9999) == kAlice);
  BOOST_TEST(((*sealed)[0].counts == Totals{{"kr_rrn", 1}}));
  BOOST_TEST((*sealed)[0].encrypted_at_ms == alices.finished_at_ms);
  auto bobs = inv->encryptedFiles(kBob);
  BOOST_TEST_REQUIRE(bobs.ok());
  BOOST_TEST(bobs->empty());
  auto summary = inv->protectionSummary();
  BOOST_TEST_REQUIRE(summary.ok());
  BOOST_TEST(summary->encrypted == 1u);
}

// Schema 6 on an inventory of version 5: the journal's rows stay, take the owner the inventory
// knows for their file (else none), and counts of '{}'.
BOOST_FIXTURE_TEST_CASE(a_journal_of_version_5_learns_owners_where_the_inventory_knows_them,
                        ScannedHome) {
  execSql(db,
          "DROP INDEX file_actions_by_owner; DROP INDEX file_actions_by_path; "
          "DROP INDEX file_actions_by_target; ALTER TABLE file_actions DROP COLUMN counts; "
          "ALTER TABLE file_actions DROP COLUMN owner_uid; "
          "ALTER TABLE findings DROP COLUMN basis; "  // version 7's, also undone
          "DROP TABLE outbox; DROP TABLE reported; "  // and version 8's
          "ALTER TABLE exceptions DROP COLUMN content_digest; "
          "ALTER TABLE exceptions DROP COLUMN decision_unconfirmed; "
          "INSERT INTO file_actions (action, path, temp_path, target_path, step, size, mtime_ns, "
          "ctime_ns, inode, device, started_at_ms, updated_at_ms) VALUES "
          "('shred', CAST('/home/alice/clean.txt' AS BLOB), CAST('/home/alice/.x' AS BLOB), "
          "CAST('' AS BLOB), 'done', 1, 1, 1, 1, 1, 100, 200), "
          "('encrypt', CAST('/gone.txt' AS BLOB), CAST('/.y' AS BLOB), "
          "CAST('/gone.txt.age' AS BLOB), 'done', 1, 1, 1, 1, 1, 300, 400); "
          "PRAGMA user_version = 5");
  auto reopened = Inventory::open(db);
  BOOST_TEST_REQUIRE(reopened.ok());
  auto all = reopened->finishedActions(std::nullopt, 0, 0, 10);
  BOOST_TEST_REQUIRE(all.ok());
  BOOST_TEST_REQUIRE(all->size() == 2u);
  BOOST_TEST(!(*all)[0].owner.has_value());  // /gone.txt: not in the inventory
  BOOST_TEST((*all)[0].counts.empty());
  BOOST_TEST((*all)[1].owner.value_or(9999) == kAlice);
  BOOST_TEST((*all)[1].finished_at_ms == 200);
  auto hers = reopened->finishedActions(kAlice, 0, 0, 10);
  BOOST_TEST_REQUIRE(hers.ok());
  BOOST_TEST(hers->size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_file_has_one_open_question, ScannedHome) {
  auto asked = inv.askQuestion("/home/alice/high.txt", kAlice, 1000);
  BOOST_TEST_REQUIRE(asked.ok());
  // Asked again while open: the same question, asked when it was first.
  auto again = inv.askQuestion("/home/alice/high.txt", kAlice, 2000);
  BOOST_TEST_REQUIRE(again.ok());
  BOOST_TEST(*again == *asked);
  auto q = inv.question(*asked);
  BOOST_TEST_REQUIRE(q.ok());
  BOOST_TEST_REQUIRE(q->has_value());
  BOOST_TEST((*q)->id == *asked);
  BOOST_TEST((*q)->path == "/home/alice/high.txt");
  BOOST_TEST((*q)->owner == kAlice);
  BOOST_TEST((*q)->asked_at_ms == 1000);
  BOOST_TEST((*q)->answer.empty());
  auto none = inv.question(*asked + 100);
  BOOST_TEST_REQUIRE(none.ok());
  BOOST_TEST(!none->has_value());
}

BOOST_FIXTURE_TEST_CASE(open_questions_by_owner_and_answers, ScannedHome) {
  auto alice = inv.askQuestion("/home/alice/high.txt", kAlice, 1000);
  auto bob = inv.askQuestion("/home/bob/medium.txt", kBob, 1100);
  auto alice2 = inv.askQuestion("/home/alice/low.txt", kAlice, 1200);
  BOOST_TEST_REQUIRE((alice.ok() && bob.ok() && alice2.ok()));
  const auto open = [&](std::optional<std::uint32_t> owner) {
    auto questions = inv.openQuestions(owner);
    BOOST_TEST_REQUIRE(questions.ok());
    std::vector<std::int64_t> ids;
    for (const Inventory::Question& q : *questions) ids.push_back(q.id);
    return ids;
  };
  using Ids = std::vector<std::int64_t>;
  BOOST_TEST(open(std::nullopt) == (Ids{*alice, *bob, *alice2}));
  BOOST_TEST(open(kAlice) == (Ids{*alice, *alice2}));
  BOOST_TEST(open(kBob) == (Ids{*bob}));
  BOOST_TEST(open(4242).empty());

  BOOST_TEST_REQUIRE(inv.answerQuestion(*alice, "keep", 3000).ok());
  BOOST_TEST(open(kAlice) == (Ids{*alice2}));
  BOOST_TEST(open(std::nullopt) == (Ids{*bob, *alice2}));
  auto answered = inv.question(*alice);
  BOOST_TEST_REQUIRE((answered.ok() && answered->has_value()));
  BOOST_TEST((*answered)->answer == "keep");

  // A later answer replaces the first (the employee changed their mind); still not open.
  BOOST_TEST_REQUIRE(inv.answerQuestion(*alice, "encrypt", 4000).ok());
  answered = inv.question(*alice);
  BOOST_TEST_REQUIRE((answered.ok() && answered->has_value()));
  BOOST_TEST((*answered)->answer == "encrypt");
  BOOST_TEST(open(kAlice) == (Ids{*alice2}));

  // There is no such question to answer.
  const Status unknown = inv.answerQuestion(*alice2 + 100, "keep", 5000);
  BOOST_TEST_REQUIRE(!unknown.ok());
  BOOST_TEST((unknown.error().code() == ErrorCode::kNotFound));
}

BOOST_FIXTURE_TEST_CASE(an_answered_file_found_again_is_asked_again, ScannedHome) {
  auto asked = inv.askQuestion("/home/alice/high.txt", kAlice, 1000);
  BOOST_TEST_REQUIRE(asked.ok());
  BOOST_TEST_REQUIRE(inv.answerQuestion(*asked, "keep", 2000).ok());
  auto again = inv.askQuestion("/home/alice/high.txt", kAlice, 5000);
  BOOST_TEST_REQUIRE(again.ok());
  auto q = inv.question(*again);
  BOOST_TEST_REQUIRE((q.ok() && q->has_value()));
  BOOST_TEST((*q)->answer.empty());
  BOOST_TEST((*q)->asked_at_ms == 5000);
  auto open = inv.openQuestions(kAlice);
  BOOST_TEST_REQUIRE(open.ok());
  BOOST_TEST_REQUIRE(open->size() == 1u);
  BOOST_TEST((*open)[0].id == *again);
}

BOOST_FIXTURE_TEST_CASE(agent_state_by_key, ScannedHome) {
  auto missing = inv.agentState("policy_version");
  BOOST_TEST_REQUIRE(missing.ok());
  BOOST_TEST(!missing->has_value());
  BOOST_TEST_REQUIRE(inv.setAgentState("policy_version", "3").ok());
  BOOST_TEST_REQUIRE(inv.setAgentState("scan_in_progress", "").ok());
  BOOST_TEST_REQUIRE(inv.setAgentState("policy_version", "4").ok());
  auto version = inv.agentState("policy_version");
  BOOST_TEST_REQUIRE((version.ok() && version->has_value()));
  BOOST_TEST(**version == "4");
  auto empty = inv.agentState("scan_in_progress");
  BOOST_TEST_REQUIRE((empty.ok() && empty->has_value()));  // set to "", not absent
  BOOST_TEST(**empty == "");
  // Kept across opening the inventory again.
  auto reopened = Inventory::open(db);
  BOOST_TEST_REQUIRE(reopened.ok());
  auto kept = reopened->agentState("policy_version");
  BOOST_TEST_REQUIRE((kept.ok() && kept->has_value()));
  BOOST_TEST(**kept == "4");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
