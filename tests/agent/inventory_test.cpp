// SPDX-License-Identifier: Apache-2.0
#include "jamul/agent/inventory.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "jamul/scanner/scan_pipeline.h"
#include "support/scanner_printers.h"
#include "support/temp_dir.h"
#include "support/test_hasher.h"

namespace jamul::agent {
namespace {

using scanner::Confidence;
using scanner::FileReport;
using scanner::FileStatus;
using scanner::RuleId;
using Roots = std::vector<std::string>;

// A fresh report of a file read without findings.
FileReport makeReport(const std::string& path, std::uint64_t inode, std::uint64_t size = 100) {
  FileReport r;
  r.entry.path = path;
  r.entry.size = size;
  r.entry.mtime_ns = 1'700'000'000'123'456'789;
  r.entry.ctime_ns = 1'700'000'001'000'000'000;
  r.entry.inode = inode;
  r.entry.device = 2049;
  r.format = "text/utf-8";
  r.text_bytes = size;
  return r;
}

// The report an incremental rescan hands over for an unchanged file (before fillFromCache()).
FileReport cachedReport(const FileReport& fresh) {
  FileReport r;
  r.entry = fresh.entry;
  r.from_cache = true;
  return r;
}

// What the pipeline makes of an entry the walker could not examine.
FileReport walkError(const std::string& path, ErrorCode code) {
  FileReport r;
  r.entry.path = path;
  r.status = FileStatus::kError;
  r.error_code = code;
  r.detail = "open directory: " + std::string(errorCodeName(code));
  return r;
}

// Adds one distinct value; `tag` makes its offset, location and digest unique.
void addFinding(FileReport& r, RuleId rule, Confidence c, std::uint8_t tag, std::uint64_t count) {
  scanner::FindingSummary f;
  f.rule = rule;
  f.confidence = c;
  f.count = count;
  f.offset = 1000u * tag + 7;
  f.location = "line " + std::to_string(tag);
  f.masked = "900101-1******";
  f.digest.fill(tag);
  f.basis = static_cast<scanner::BasisSet>(tag % 4 == 0 ? 0 : 1u << (tag % 4));  // 0: unknown
  r.findings.push_back(f);
  r.counts[scanner::ruleIndex(rule)][scanner::confidenceIndex(c)] += count;
}

// Runs one whole scan of `reports` over `roots` and returns the scan id.
std::int64_t recordScan(Inventory& inv, const Roots& roots, const std::vector<FileReport>& reports,
                        bool incremental = true,
                        std::string_view ruleset = scanner::kRulesetVersion) {
  auto id = inv.beginScan(roots, ruleset);
  BOOST_REQUIRE(id.ok());
  if (incremental) BOOST_REQUIRE(inv.prepareIncremental(roots, ruleset).ok());
  for (const FileReport& r : reports) BOOST_REQUIRE(inv.record(*id, r).ok());
  ScanTotals totals;
  totals.completed = true;
  totals.files_seen = reports.size();
  BOOST_REQUIRE(inv.finishScan(*id, totals).ok());
  return *id;
}

// A second, independent connection, to look at what the inventory committed.
class Peek {
 public:
  explicit Peek(const std::string& db) {
    BOOST_REQUIRE(sqlite3_open_v2(db.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                  nullptr) == SQLITE_OK);
  }
  ~Peek() { sqlite3_close(db_); }
  Peek(const Peek&) = delete;
  Peek& operator=(const Peek&) = delete;

  std::int64_t integer(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    BOOST_REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    BOOST_REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const std::int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
  }
  std::string text(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    BOOST_REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    BOOST_REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const auto* t = sqlite3_column_text(st, 0);
    std::string result = t == nullptr ? "" : reinterpret_cast<const char*>(t);
    sqlite3_finalize(st);
    return result;
  }
  void exec(const std::string& sql) {
    BOOST_REQUIRE(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  }

 private:
  sqlite3* db_ = nullptr;
};

std::int64_t count(const std::string& db, const std::string& sql) { return Peek(db).integer(sql); }

std::string pathIs(const std::string& path) { return "path = CAST('" + path + "' AS BLOB)"; }

unsigned modeOf(const std::string& path) {
  struct stat st {};
  BOOST_REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

// The sink of `jamul scan`, reduced: cached reports are filled from the inventory, every report
// is recorded.
class InventorySink final : public scanner::ScanSink {
 public:
  InventorySink(Inventory& inventory, std::int64_t scan_id) : inv_(inventory), scan_id_(scan_id) {}
  void onReport(FileReport report) override {
    if (report.from_cache) {
      ++cached;
      if (!inv_.fillFromCache(report).ok()) ++failures;
    }
    if (!inv_.record(scan_id_, report).ok()) ++failures;
    phones += report.count(RuleId::kKrPhone, Confidence::kLow);
    ++files;
  }

  std::uint64_t files = 0, cached = 0, phones = 0, failures = 0;

 private:
  Inventory& inv_;
  std::int64_t scan_id_;
};

// One incremental scan of `roots` through the real pipeline into `inv`, as `jamul scan` runs it.
InventorySink scanIncrementally(Inventory& inv, const Roots& roots,
                                const scanner::PipelineOptions& pipeline) {
  auto id = inv.beginScan(roots, scanner::kRulesetVersion);
  BOOST_REQUIRE(id.ok());
  BOOST_REQUIRE(inv.prepareIncremental(roots, scanner::kRulesetVersion).ok());
  InventorySink sink(inv, *id);
  BOOST_REQUIRE(
      scanner::runScan(roots, {}, {}, pipeline, test::testHasher(), &inv.changeOracle(), sink)
          .ok());
  ScanTotals totals;
  totals.completed = true;
  totals.files_seen = sink.files;
  totals.files_cached = sink.cached;
  BOOST_REQUIRE(inv.finishScan(*id, totals).ok());
  BOOST_TEST(sink.failures == 0u);
  return sink;
}

BOOST_AUTO_TEST_SUITE(inventory)

BOOST_AUTO_TEST_CASE(created_private_migrated_and_reopened) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  {
    auto inv = Inventory::open(db);
    BOOST_REQUIRE(inv.ok());
    recordScan(*inv, {"/r"}, {makeReport("/r/a.txt", 1)});
    // SQLite gives its side files the database's mode.
    BOOST_TEST(modeOf(db + "-wal") == 0600u);
    BOOST_TEST(modeOf(db + "-shm") == 0600u);
  }
  BOOST_TEST(modeOf(db) == 0600u);
  BOOST_TEST(count(db, "PRAGMA user_version") == Inventory::kSchemaVersion);
  BOOST_TEST(Peek(db).text("PRAGMA journal_mode") == "wal");
  {
    // Reopening migrates nothing and keeps what was recorded.
    auto inv = Inventory::open(db);
    BOOST_REQUIRE(inv.ok());
    BOOST_REQUIRE(inv->prepareIncremental(Roots{"/r"}, scanner::kRulesetVersion).ok());
    BOOST_TEST(inv->changeOracle().unchanged(makeReport("/r/a.txt", 1).entry).has_value());
  }
  // An empty file (as a user or an installer may create) is migrated from version 0.
  const std::string empty = dir.write("empty.db", "").string();
  BOOST_REQUIRE(Inventory::open(empty).ok());
  BOOST_TEST(count(empty, "PRAGMA user_version") == Inventory::kSchemaVersion);
  BOOST_TEST(count(empty, "SELECT count(*) FROM sqlite_schema WHERE name = 'findings'") == 1);
}

BOOST_AUTO_TEST_CASE(refuses_newer_foreign_and_linked_databases) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  BOOST_REQUIRE(Inventory::open(db).ok());
  Peek(db).exec("PRAGMA user_version = 99");
  const std::int64_t tables = count(db, "SELECT count(*) FROM sqlite_schema");
  auto newer = Inventory::open(db);
  BOOST_REQUIRE(!newer.ok());
  BOOST_TEST(newer.error().code() == ErrorCode::kUnsupportedFormat);
  BOOST_TEST(newer.error().subject() == db);
  BOOST_TEST(count(db, "PRAGMA user_version") == 99);  // left as it was
  BOOST_TEST(count(db, "SELECT count(*) FROM sqlite_schema") == tables);

  const std::string other = (dir.path() / "other.db").string();
  Peek(other).exec("CREATE TABLE mine(x)");
  auto foreign = Inventory::open(other);
  BOOST_REQUIRE(!foreign.ok());
  BOOST_TEST(foreign.error().code() == ErrorCode::kCorrupt);

  dir.write("junk.db", "this is not a database at all, just text that is long enough......");
  auto junk = Inventory::open((dir.path() / "junk.db").string());
  BOOST_REQUIRE(!junk.ok());
  BOOST_TEST(junk.error().code() == ErrorCode::kCorrupt);

  // Never through a symbolic link, whether it points to a database or nowhere yet.
  std::filesystem::create_symlink(db, dir.path() / "link.db");
  BOOST_TEST(!Inventory::open((dir.path() / "link.db").string()).ok());
  std::filesystem::create_symlink(dir.path() / "planted.db", dir.path() / "dangling.db");
  BOOST_TEST(!Inventory::open((dir.path() / "dangling.db").string()).ok());
  BOOST_TEST(!std::filesystem::exists(dir.path() / "planted.db"));

  auto no_dir = Inventory::open((dir.path() / "missing" / "inv.db").string());
  BOOST_REQUIRE(!no_dir.ok());
  BOOST_TEST(no_dir.error().code() == ErrorCode::kNotFound);
}

// Two reports worth caching: a truncated one with findings, counts beyond them and a non-UTF-8
// path, and a protected file without findings.
std::vector<FileReport> roundTripReports() {
  FileReport r = makeReport("/home/u/문서/\xFF\xFEodd.txt", 42);  // not UTF-8
  addFinding(r, RuleId::kKrRrn, Confidence::kHigh, 1, 3);
  addFinding(r, RuleId::kKrPhone, Confidence::kMedium, 2, 1);
  addFinding(r, RuleId::kKrRrn, Confidence::kLow, 3, 2);
  r.findings_truncated = true;
  r.counts[scanner::ruleIndex(RuleId::kEmail)][2] = 7;  // counted beyond the kept findings
  r.format = "csv/cp949";
  r.text_bytes = 12345;
  FileReport locked = makeReport("/home/u/secret.hwp", 43);
  locked.status = FileStatus::kProtected;
  locked.detail = "password-protected HWP";
  locked.format.clear();
  locked.text_bytes = 0;
  return {r, locked};
}

// `got` holds `want`'s findings, field by field and in order; their basis unknown (0) where
// `basis_kept` is false (rows written before schema version 7).
void expectSameFindings(const std::vector<scanner::FindingSummary>& got,
                        const std::vector<scanner::FindingSummary>& want, bool basis_kept = true) {
  BOOST_REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    BOOST_TEST_CONTEXT("finding " << i) {
      BOOST_TEST(got[i].rule == want[i].rule);
      BOOST_TEST(got[i].confidence == want[i].confidence);
      BOOST_TEST(got[i].count == want[i].count);
      BOOST_TEST(got[i].offset == want[i].offset);
      BOOST_TEST(got[i].location == want[i].location);
      BOOST_TEST(got[i].masked == want[i].masked);
      BOOST_TEST((got[i].digest == want[i].digest));
      BOOST_TEST(static_cast<int>(got[i].basis) == (basis_kept ? static_cast<int>(want[i].basis) : 0));
    }
  }
}

// Opens `db` anew (what comes back was stored, not remembered) and checks that cached reports of
// roundTripReports() come back whole; their basis unknown (0) where `basis_kept` is false (rows
// written before schema version 7).
void expectRoundTrip(const std::string& db, bool basis_kept = true) {
  const std::vector<FileReport> reports = roundTripReports();
  const FileReport& r = reports[0];
  const FileReport& locked = reports[1];
  auto inv = Inventory::open(db);
  BOOST_REQUIRE(inv.ok());
  BOOST_REQUIRE(inv->prepareIncremental(Roots{"/home/u"}, scanner::kRulesetVersion).ok());
  BOOST_TEST(inv->changeOracle().unchanged(r.entry).has_value());
  FileReport cached = cachedReport(r);
  cached.status = FileStatus::kError;  // stale fields are overwritten
  cached.detail = "stale";
  BOOST_REQUIRE(inv->fillFromCache(cached).ok());
  BOOST_TEST(cached.status == FileStatus::kOk);
  BOOST_TEST(cached.detail == "");
  BOOST_TEST(cached.error_code == std::optional<ErrorCode>());
  BOOST_TEST(cached.format == "csv/cp949");
  BOOST_TEST(cached.text_bytes == 12345u);
  BOOST_TEST(cached.findings_truncated);
  BOOST_TEST((cached.counts == r.counts));
  BOOST_TEST(cached.total(Confidence::kLow) == 13u);
  expectSameFindings(cached.findings, r.findings, basis_kept);

  FileReport cached_locked = cachedReport(locked);
  BOOST_REQUIRE(inv->fillFromCache(cached_locked).ok());
  BOOST_TEST(cached_locked.status == FileStatus::kProtected);
  BOOST_TEST(cached_locked.detail == "password-protected HWP");
  BOOST_TEST(cached_locked.findings.empty());
  BOOST_TEST(cached_locked.total(Confidence::kLow) == 0u);

  FileReport unknown = cachedReport(makeReport("/home/u/new.txt", 44));
  auto missing = inv->fillFromCache(unknown);
  BOOST_REQUIRE(!missing.ok());
  BOOST_TEST(missing.error().code() == ErrorCode::kNotFound);
}

BOOST_AUTO_TEST_CASE(reports_round_trip_through_the_cache) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  {
    auto inv = Inventory::open(db);
    BOOST_REQUIRE(inv.ok());
    recordScan(*inv, {"/home/u"}, roundTripReports());
  }
  // The raw bytes of the path are the key ('||' yields text: cast the whole back to a BLOB).
  BOOST_TEST(count(db,
                   "SELECT count(*) FROM files WHERE path = CAST(X'2F686F6D652F752F' || "
                   "'문서' || X'2FFFFE6F64642E747874' AS BLOB)") == 1);
  BOOST_TEST(count(db, "SELECT count(*) FROM findings WHERE length(digest) = 16") == 3);
  BOOST_TEST(count(db, "SELECT sum(basis) FROM findings") == 2 + 4 + 8);
  // Packed findings where there are findings, none where there are not.
  BOOST_TEST(count(db, "SELECT count(*) FROM files WHERE report_cache IS NOT NULL") == 1);
  expectRoundTrip(db);
}

// The packed cache is derived data: without it (rows of schema version 1) or when it cannot be
// read, the findings and counts tables give the same reports.
BOOST_AUTO_TEST_CASE(without_a_readable_cache_the_tables_give_the_same_reports) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  {
    auto inv = Inventory::open(db);
    BOOST_REQUIRE(inv.ok());
    recordScan(*inv, {"/home/u"}, roundTripReports());
  }
  BOOST_TEST_CONTEXT("damaged cache") {
    Peek(db).exec("UPDATE files SET report_cache = X'01FF' WHERE report_cache IS NOT NULL");
    expectRoundTrip(db);
  }
  BOOST_TEST_CONTEXT("cache of another format version") {
    Peek(db).exec("UPDATE files SET report_cache = X'0900' WHERE report_cache IS NOT NULL");
    expectRoundTrip(db);
  }
  BOOST_TEST_CONTEXT("a cache of format version 1, before the basis") {
    Peek(db).exec("UPDATE files SET report_cache = X'010000' WHERE report_cache IS NOT NULL");
    expectRoundTrip(db);
  }
  BOOST_TEST_CONTEXT("an inventory of schema version 1, migrated") {
    Peek(db).exec(
        "DROP TABLE outbox; DROP TABLE reported; "  // version 8's
        "ALTER TABLE findings DROP COLUMN basis; "
        "DROP INDEX files_by_owner; ALTER TABLE files DROP COLUMN owner_uid; DROP TABLE volumes; "
        "DROP TABLE exceptions; DROP TABLE questions; DROP TABLE agent_state; "
        "ALTER TABLE files DROP COLUMN report_cache; DROP TABLE quarantine; DROP TABLE "
        "file_actions; "
        "PRAGMA user_version = 1");
    expectRoundTrip(db, false);
    BOOST_TEST(count(db, "PRAGMA user_version") == Inventory::kSchemaVersion);
    BOOST_TEST(count(db, "SELECT count(*) FROM files WHERE report_cache IS NULL") == 2);
  }
}

BOOST_AUTO_TEST_CASE(a_register_s_many_findings_are_stored_whole_and_in_order) {
  // Findings are written 16 rows a statement, then one by one (inventory.cpp): 37 of them take
  // both paths. Read back from the findings table (the cache made unreadable), not the cache.
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  FileReport r = makeReport("/r/register.csv", 9);
  constexpr RuleId kRules[] = {RuleId::kKrRrn, RuleId::kEmail, RuleId::kKrPhone};
  for (std::uint8_t tag = 1; tag <= 37; ++tag)
    addFinding(r, kRules[tag % 3], tag % 2 ? Confidence::kHigh : Confidence::kMedium, tag, tag);
  {
    auto inv = Inventory::open(db);
    BOOST_REQUIRE(inv.ok());
    recordScan(*inv, {"/r"}, {r});
  }
  BOOST_TEST(count(db, "SELECT count(*) FROM findings") == 37);
  BOOST_TEST(count(db, "SELECT count(DISTINCT ordinal) FROM findings") == 37);
  Peek(db).exec("UPDATE files SET report_cache = X'01FF'");
  auto inv = Inventory::open(db);
  BOOST_REQUIRE(inv.ok());
  BOOST_REQUIRE(inv->prepareIncremental(Roots{"/r"}, scanner::kRulesetVersion).ok());
  FileReport cached = cachedReport(r);
  BOOST_REQUIRE(inv->fillFromCache(cached).ok());
  expectSameFindings(cached.findings, r.findings);
  BOOST_TEST((cached.counts == r.counts));
}

BOOST_AUTO_TEST_CASE(a_fresh_report_replaces_counts_and_findings) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  auto inv = Inventory::open(db);
  BOOST_REQUIRE(inv.ok());
  FileReport before = makeReport("/r/list.csv", 7);
  addFinding(before, RuleId::kKrRrn, Confidence::kHigh, 1, 2);
  addFinding(before, RuleId::kEmail, Confidence::kHigh, 2, 1);
  const std::int64_t first = recordScan(*inv, {"/r"}, {before});
  const std::int64_t id = count(db, "SELECT id FROM files WHERE " + pathIs("/r/list.csv"));

  FileReport after = makeReport("/r/list.csv", 7, 200);  // edited: one value left
  addFinding(after, RuleId::kKrPhone, Confidence::kMedium, 3, 4);
  const std::int64_t second = recordScan(*inv, {"/r"}, {after});
  BOOST_TEST(count(db, "SELECT id FROM files WHERE " + pathIs("/r/list.csv")) == id);
  BOOST_TEST(count(db, "SELECT last_scan_id FROM files") == second);
  BOOST_TEST(second != first);
  BOOST_TEST(count(db, "SELECT size FROM files") == 200);
  BOOST_TEST(count(db, "SELECT count(*) FROM findings") == 1);
  BOOST_TEST(count(db, "SELECT count(*) FROM file_counts") == 1);
  BOOST_TEST(count(db, "SELECT occurrences FROM files") == 4);

  BOOST_REQUIRE(inv->prepareIncremental(Roots{"/r"}, scanner::kRulesetVersion).ok());
  FileReport cached = cachedReport(after);
  BOOST_REQUIRE(inv->fillFromCache(cached).ok());
  BOOST_REQUIRE(cached.findings.size() == 1u);
  BOOST_TEST(cached.findings[0].rule == RuleId::kKrPhone);
  BOOST_TEST((cached.counts == after.counts));

  // A file that is now clean keeps its row, with nothing under it.
  recordScan(*inv, {"/r"}, {makeReport("/r/list.csv", 7, 300)});
  BOOST_TEST(count(db, "SELECT count(*) FROM findings") == 0);
  BOOST_TEST(count(db, "SELECT count(*) FROM file_counts") == 0);
  BOOST_TEST(count(db, "SELECT count(*) FROM files") == 1);
}

BOOST_AUTO_TEST_CASE(a_file_read_again_with_the_same_findings_keeps_its_finding_rows) {
  // A --full rescan reads every file again (issue 19): where the findings come out as the row
  // holds them, only the file row is written, not its findings and counts once more.
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  auto inv = Inventory::open(db);
  BOOST_REQUIRE(inv.ok());
  FileReport same = makeReport("/r/same.csv", 7);
  addFinding(same, RuleId::kKrRrn, Confidence::kHigh, 1, 2);
  addFinding(same, RuleId::kEmail, Confidence::kMedium, 2, 1);
  FileReport edited = makeReport("/r/edited.csv", 8);
  addFinding(edited, RuleId::kKrPhone, Confidence::kHigh, 3, 1);
  recordScan(*inv, {"/r"}, {same, edited});
  Peek peek(db);
  const std::int64_t same_id = peek.integer("SELECT id FROM files WHERE " + pathIs("/r/same.csv"));
  const std::int64_t first_rowid_sum = peek.integer(
      "SELECT sum(rowid) FROM findings WHERE file_id = " + std::to_string(same_id));

  FileReport edited_again = makeReport("/r/edited.csv", 8, 300);
  addFinding(edited_again, RuleId::kKrPhone, Confidence::kHigh, 3, 1);
  addFinding(edited_again, RuleId::kEmail, Confidence::kHigh, 4, 1);
  const std::int64_t written = inv->rowsWritten();
  const std::int64_t second = recordScan(*inv, {"/r"}, {same, edited_again});
  // same.csv: its row (1); edited.csv: its row, 1 + 1 deleted, 2 + 2 inserted; the scan's rows.
  const std::int64_t for_same = 1, for_edited = 1 + 2 + 4;
  BOOST_TEST(inv->rowsWritten() - written <= for_same + for_edited + 3);
  BOOST_TEST(peek.integer("SELECT sum(rowid) FROM findings WHERE file_id = " +
                          std::to_string(same_id)) == first_rowid_sum);
  BOOST_TEST(peek.integer("SELECT count(*) FROM findings WHERE file_id = " +
                          std::to_string(same_id)) == 2);
  BOOST_TEST(peek.integer("SELECT last_scan_id FROM files WHERE id = " + std::to_string(same_id)) ==
             second);
  BOOST_TEST(peek.integer("SELECT count(*) FROM findings") == 4);
  BOOST_TEST(peek.integer("SELECT count(*) FROM file_counts") == 4);

  // What the inventory then gives back for both files is what was recorded.
  BOOST_REQUIRE(inv->prepareIncremental(Roots{"/r"}, scanner::kRulesetVersion).ok());
  for (const FileReport* fresh : {&same, &edited_again}) {
    FileReport cached = cachedReport(*fresh);
    BOOST_REQUIRE(inv->fillFromCache(cached).ok());
    BOOST_TEST(cached.findings.size() == fresh->findings.size());
    BOOST_TEST((cached.counts == fresh->counts));
  }
}

BOOST_AUTO_TEST_CASE(a_failed_record_leaves_the_previous_row_whole) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  auto inv = Inventory::open(db);
  BOOST_REQUIRE(inv.ok());
  FileReport before = makeReport("/f/a.txt", 1);
  addFinding(before, RuleId::kKrRrn, Confidence::kHigh, 1, 1);
  recordScan(*inv, {"/f"}, {before});
  // A write that fails half-way through a report (as a full disk would): its second finding.
  Peek(db).exec(
      "CREATE TRIGGER fail BEFORE INSERT ON findings WHEN NEW.location = 'line 9' "
      "BEGIN SELECT RAISE(ABORT, 'injected'); END");

  auto scan = inv->beginScan(Roots{"/f"}, scanner::kRulesetVersion);
  BOOST_REQUIRE(scan.ok());
  FileReport after = makeReport("/f/a.txt", 1, 500);
  addFinding(after, RuleId::kEmail, Confidence::kHigh, 8, 1);
  addFinding(after, RuleId::kEmail, Confidence::kHigh, 9, 1);
  BOOST_REQUIRE(inv->record(*scan, makeReport("/f/b.txt", 2)).ok());
  BOOST_TEST(!inv->record(*scan, after).ok());
  BOOST_REQUIRE(inv->record(*scan, makeReport("/f/c.txt", 3)).ok());
  BOOST_REQUIRE(inv->finishScan(*scan, ScanTotals{}).ok());

  BOOST_TEST(count(db, "SELECT size FROM files WHERE " + pathIs("/f/a.txt")) == 100);
  BOOST_TEST(count(db, "SELECT count(*) FROM findings") == 1);
  BOOST_TEST(count(db, "SELECT count(*) FROM findings WHERE rule = 'kr_rrn'") == 1);
  BOOST_TEST(count(db, "SELECT count(*) FROM file_counts WHERE rule = 'kr_rrn'") == 1);
  BOOST_TEST(count(db, "SELECT count(*) FROM files") == 3);  // the others of the batch stay
}

BOOST_AUTO_TEST_CASE(the_oracle_wants_every_signature_field_and_the_ruleset) {
  test::TempDir dir;
  auto inv = Inventory::open((dir.path() / "inv.db").string());
  BOOST_REQUIRE(inv.ok());
  const auto with_status = [](std::string path, std::uint64_t inode, FileStatus status) {
    FileReport r = makeReport(path, inode);
    r.status = status;
    if (status == FileStatus::kError) r.error_code = ErrorCode::kIo;
    return r;
  };
  const FileReport ok = with_status("/r/a.txt", 1, FileStatus::kOk);
  const FileReport protect = with_status("/r/p.age", 2, FileStatus::kProtected);
  const FileReport unsupported = with_status("/r/d.bin", 3, FileStatus::kUnsupported);
  const FileReport corrupt = with_status("/r/c.docx", 4, FileStatus::kCorrupt);
  const FileReport large = with_status("/r/l.txt", 5, FileStatus::kTooLarge);
  const FileReport error = with_status("/r/e.txt", 6, FileStatus::kError);
  BOOST_TEST(!inv->changeOracle().unchanged(ok.entry).has_value());  // nothing loaded yet
  recordScan(*inv, {"/r"}, {ok, protect, unsupported, corrupt, large, error});

  BOOST_REQUIRE(inv->prepareIncremental(Roots{"/r"}, scanner::kRulesetVersion).ok());
  const scanner::ChangeOracle& oracle = inv->changeOracle();
  BOOST_TEST(oracle.unchanged(ok.entry).has_value());
  BOOST_TEST(oracle.unchanged(protect.entry).has_value());
  BOOST_TEST(oracle.unchanged(unsupported.entry).has_value());
  BOOST_TEST(!oracle.unchanged(corrupt.entry).has_value());  // always retried
  BOOST_TEST(!oracle.unchanged(large.entry).has_value());
  BOOST_TEST(!oracle.unchanged(error.entry).has_value());
  for (int field = 0; field < 5; ++field) {
    scanner::FileEntry e = ok.entry;
    if (field == 0) ++e.size;
    if (field == 1) ++e.mtime_ns;
    if (field == 2) ++e.ctime_ns;  // content rewritten, mtime restored
    if (field == 3) ++e.inode;     // replaced by another file
    if (field == 4) ++e.device;
    BOOST_TEST(!oracle.unchanged(e).has_value(), "field " << field);
  }
  scanner::FileEntry unknown = ok.entry;
  unknown.path = "/r/new.txt";
  BOOST_TEST(!oracle.unchanged(unknown).has_value());
  scanner::FileEntry outside = ok.entry;
  outside.path = "/other/a.txt";
  BOOST_TEST(!oracle.unchanged(outside).has_value());

  // Another ruleset reads everything again; a scan under it stores its own version.
  BOOST_REQUIRE(inv->prepareIncremental(Roots{"/r"}, "another-ruleset").ok());
  BOOST_TEST(!inv->changeOracle().unchanged(ok.entry).has_value());
  recordScan(*inv, {"/r"}, {ok}, true, "another-ruleset");
  BOOST_REQUIRE(inv->prepareIncremental(Roots{"/r"}, "another-ruleset").ok());
  BOOST_TEST(inv->changeOracle().unchanged(ok.entry).has_value());

  // Only files under the roots are loaded; "/" holds everything.
  BOOST_REQUIRE(inv->prepareIncremental(Roots{"/r/a.txt"}, "another-ruleset").ok());
  BOOST_TEST(inv->changeOracle().unchanged(ok.entry).has_value());  // a root that is a file
  BOOST_REQUIRE(inv->prepareIncremental(Roots{"/q"}, "another-ruleset").ok());
  BOOST_TEST(!inv->changeOracle().unchanged(ok.entry).has_value());
  BOOST_REQUIRE(inv->prepareIncremental(Roots{"/"}, "another-ruleset").ok());
  BOOST_TEST(inv->changeOracle().unchanged(ok.entry).has_value());
}

BOOST_AUTO_TEST_CASE(files_gone_from_a_root_are_removed_and_only_there) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  auto inv = Inventory::open(db);
  BOOST_REQUIRE(inv.ok());
  recordScan(*inv, {"/a/b"}, {makeReport("/a/b/x.txt", 1), makeReport("/a/b/sub/y.txt", 2)});
  // Siblings that share the string prefix "/a/b", and sort just before and after "/a/b/".
  recordScan(*inv, {"/a/bc"}, {makeReport("/a/bc/z.txt", 3)});
  recordScan(*inv, {"/a"},
             {makeReport("/a/b.txt", 4), makeReport("/a/b0/w.txt", 5), makeReport("/a/b/x.txt", 1),
              makeReport("/a/b/sub/y.txt", 2), makeReport("/a/bc/z.txt", 3)});
  recordScan(*inv, {"/other"}, {makeReport("/other/w.txt", 6)});
  BOOST_TEST(count(db, "SELECT count(*) FROM files") == 6);

  // /a/b is scanned again and only x.txt is still there.
  recordScan(*inv, {"/a/b"}, {cachedReport(makeReport("/a/b/x.txt", 1))});
  BOOST_TEST(count(db, "SELECT count(*) FROM files") == 5);
  BOOST_TEST(count(db, "SELECT count(*) FROM files WHERE " + pathIs("/a/b/sub/y.txt")) == 0);
  for (const char* kept : {"/a/b/x.txt", "/a/bc/z.txt", "/a/b.txt", "/a/b0/w.txt", "/other/w.txt"})
    BOOST_TEST(count(db, "SELECT count(*) FROM files WHERE " + pathIs(kept)) == 1, kept);

  // An interrupted scan removes nothing.
  auto id = inv->beginScan(Roots{"/other"}, scanner::kRulesetVersion);
  BOOST_REQUIRE(id.ok());
  BOOST_REQUIRE(inv->prepareIncremental(Roots{"/other"}, scanner::kRulesetVersion).ok());
  BOOST_REQUIRE(inv->finishScan(*id, ScanTotals{}).ok());
  BOOST_TEST(count(db, "SELECT count(*) FROM files") == 5);
  BOOST_TEST(count(db, "SELECT count(*) FROM scans WHERE status = 'interrupted'") == 1);
  BOOST_TEST(count(db, "SELECT count(*) FROM scans WHERE finished_at_ms IS NULL") == 0);

  // A full (non-incremental) scan also removes what it did not see, and only under its roots.
  recordScan(*inv, {"/other"}, {}, /*incremental=*/false);
  BOOST_TEST(count(db, "SELECT count(*) FROM files") == 4);
  recordScan(*inv, {"/a/b"}, {makeReport("/a/b/new.txt", 7)}, /*incremental=*/false);
  BOOST_TEST(count(db, "SELECT count(*) FROM files") == 4);  // x.txt went, new.txt came
  BOOST_TEST(count(db, "SELECT count(*) FROM files WHERE " + pathIs("/a/b/x.txt")) == 0);
  BOOST_TEST(count(db, "SELECT count(*) FROM files WHERE " + pathIs("/a/bc/z.txt")) == 1);
  BOOST_TEST(count(db, "SELECT count(*) FROM files WHERE " + pathIs("/a/b0/w.txt")) == 1);
  // Counts and findings go with their file.
  BOOST_TEST(
      count(db, "SELECT count(*) FROM findings WHERE file_id NOT IN (SELECT id FROM files)") == 0);
}

BOOST_AUTO_TEST_CASE(a_subtree_the_walk_could_not_list_keeps_its_rows) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  auto inv = Inventory::open(db);
  BOOST_REQUIRE(inv.ok());
  FileReport hidden = makeReport("/w/locked/a.txt", 1);
  addFinding(hidden, RuleId::kKrRrn, Confidence::kHigh, 1, 1);
  const FileReport near = makeReport("/w/locked2/b.txt", 2);  // shares the prefix, not the folder
  const FileReport open = makeReport("/w/c.txt", 3);
  recordScan(*inv, {"/w"}, {hidden, near, open});

  // The folder became unreadable: what was found in it stays known; its neighbour is gone.
  const std::int64_t scan = recordScan(
      *inv, {"/w"}, {walkError("/w/locked", ErrorCode::kPermissionDenied), cachedReport(open)});
  BOOST_TEST(count(db, "SELECT count(*) FROM files WHERE " + pathIs("/w/locked/a.txt")) == 1);
  BOOST_TEST(count(db, "SELECT count(*) FROM findings") == 1);
  BOOST_TEST(count(db, "SELECT count(*) FROM files WHERE " + pathIs("/w/locked2/b.txt")) == 0);
  BOOST_TEST(count(db, "SELECT count(*) FROM files WHERE " + pathIs("/w/locked")) == 0);
  BOOST_TEST(count(db, "SELECT count(*) FROM scan_errors WHERE scan_id = " + std::to_string(scan) +
                           " AND code = 'permission_denied' AND " + pathIs("/w/locked")) == 1);
  // Also in a full scan.
  recordScan(*inv, {"/w"}, {walkError("/w/locked", ErrorCode::kIo), open}, false);
  BOOST_TEST(count(db, "SELECT count(*) FROM files WHERE " + pathIs("/w/locked/a.txt")) == 1);

  // A folder that vanished (kNotFound) keeps nothing.
  recordScan(*inv, {"/w"}, {walkError("/w/locked", ErrorCode::kNotFound), cachedReport(open)});
  BOOST_TEST(count(db, "SELECT count(*) FROM files WHERE " + pathIs("/w/locked/a.txt")) == 0);
  BOOST_TEST(count(db, "SELECT count(*) FROM findings") == 0);
  BOOST_TEST(count(db, "SELECT count(*) FROM files") == 1);

  // A file that could be listed but not read keeps a row (retried next time) and an error entry.
  FileReport unreadable = makeReport("/w/d.txt", 4);
  unreadable.status = FileStatus::kError;
  unreadable.error_code = ErrorCode::kPermissionDenied;
  unreadable.detail = "open: Permission denied";
  unreadable.format.clear();
  const std::int64_t last = recordScan(*inv, {"/w"}, {cachedReport(open), unreadable});
  BOOST_TEST(count(db, "SELECT count(*) FROM files WHERE status = 'error' AND " +
                           pathIs("/w/d.txt")) == 1);
  BOOST_TEST(
      count(db, "SELECT count(*) FROM scan_errors WHERE scan_id = " + std::to_string(last)) == 1);
}

BOOST_AUTO_TEST_CASE(an_unchanged_rescan_writes_nothing_per_file) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  auto inv = Inventory::open(db);
  BOOST_REQUIRE(inv.ok());
  constexpr int kFiles = 20'000;
  std::vector<FileReport> reports;
  reports.reserve(kFiles + 1);
  for (int i = 0; i < kFiles; ++i) {
    reports.push_back(makeReport("/t/d" + std::to_string(i % 50) + "/f" + std::to_string(i),
                                 100 + static_cast<std::uint64_t>(i)));
    if (i % 100 == 0) addFinding(reports.back(), RuleId::kEmail, Confidence::kHigh, 1, 1);
  }
  const std::int64_t before_first = inv->rowsWritten();
  recordScan(*inv, {"/t"}, reports);
  BOOST_TEST(inv->rowsWritten() - before_first >= kFiles);  // the counter does count

  Peek peek(db);
  const std::int64_t last_scans = peek.integer("SELECT sum(last_scan_id) FROM files");
  for (FileReport& r : reports) r = cachedReport(r);
  reports.push_back(walkError("/t/locked", ErrorCode::kPermissionDenied));

  auto scan = inv->beginScan(Roots{"/t"}, scanner::kRulesetVersion);
  BOOST_REQUIRE(scan.ok());
  BOOST_REQUIRE(inv->prepareIncremental(Roots{"/t"}, scanner::kRulesetVersion).ok());
  const std::int64_t data_version = peek.integer("PRAGMA data_version");
  const std::int64_t written = inv->rowsWritten();
  for (std::size_t i = 0; i < kFiles; ++i) {
    const std::optional<std::uint32_t> handle = inv->changeOracle().unchanged(reports[i].entry);
    BOOST_REQUIRE(handle.has_value());
    // The walker passes the handle on with the report. Every other hundred files carry a wrong
    // one, which the inventory must see through (found by path, and still marked seen).
    reports[i].cache_handle = (i / 100) % 2 == 0 ? *handle : *handle + 1;
    BOOST_REQUIRE(inv->fillFromCache(reports[i]).ok());
    BOOST_REQUIRE(inv->record(*scan, reports[i]).ok());
  }
  // Not one row written and nothing committed for 20,000 unchanged files.
  BOOST_TEST(inv->rowsWritten() == written);
  BOOST_TEST(peek.integer("PRAGMA data_version") == data_version);
  BOOST_TEST(reports[0].findings.size() == 1u);    // by its handle
  BOOST_TEST(reports[100].findings.size() == 1u);  // by its path
  BOOST_TEST(reports[101].findings.empty());
  BOOST_REQUIRE(inv->record(*scan, reports.back()).ok());  // the walk error: one row
  ScanTotals totals;
  totals.completed = true;
  totals.files_seen = kFiles;
  totals.files_cached = kFiles;
  totals.errors = 1;
  BOOST_REQUIRE(inv->finishScan(*scan, totals).ok());
  BOOST_TEST(inv->rowsWritten() - written == 2);  // the error and the scan's totals

  BOOST_TEST(peek.integer("SELECT sum(last_scan_id) FROM files") == last_scans);
  BOOST_TEST(peek.integer("SELECT count(*) FROM files") == kFiles);
  BOOST_TEST(peek.integer("SELECT files_cached FROM scans WHERE id = " + std::to_string(*scan)) ==
             kFiles);
  BOOST_TEST(peek.integer("SELECT count(*) FROM scan_errors WHERE scan_id = " +
                          std::to_string(*scan)) == 1);
  BOOST_TEST(peek.integer("SELECT count(*) FROM files WHERE " + pathIs("/t/locked")) == 0);
}

BOOST_AUTO_TEST_CASE(writes_are_batched_and_flushed) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  auto inv = Inventory::open(db);
  BOOST_REQUIRE(inv.ok());
  auto scan = inv->beginScan(Roots{"/b"}, scanner::kRulesetVersion);
  BOOST_REQUIRE(scan.ok());
  Peek peek(db);
  for (int i = 0; i < 10; ++i)
    BOOST_REQUIRE(inv->record(*scan, makeReport("/b/f" + std::to_string(i), 1u + i)).ok());
  BOOST_TEST(peek.integer("SELECT count(*) FROM files") == 0);  // still in the open transaction
  BOOST_REQUIRE(inv->flush().ok());
  BOOST_TEST(peek.integer("SELECT count(*) FROM files") == 10);
  for (int i = 10; i < 1200; ++i)
    BOOST_REQUIRE(inv->record(*scan, makeReport("/b/f" + std::to_string(i), 1u + i)).ok());
  const std::int64_t committed = peek.integer("SELECT count(*) FROM files");
  BOOST_TEST(committed >= 510);  // at least one batch of 500 committed by itself
  BOOST_TEST(committed < 1200);
  ScanTotals totals;
  totals.completed = true;
  BOOST_REQUIRE(inv->finishScan(*scan, totals).ok());
  BOOST_TEST(peek.integer("SELECT count(*) FROM files") == 1200);
}

BOOST_AUTO_TEST_CASE(quarantined_documents_are_kept_per_ruleset) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  UnfinishedParse a{{}, "/docs/a.pdf", "pdf"}, b{{}, "/docs/b.hwp", "hwp"};
  a.content.fill(1);
  b.content.fill(2);
  {
    auto inv = Inventory::open(db);
    BOOST_REQUIRE(inv.ok());
    BOOST_REQUIRE(inv->addQuarantined(std::vector<UnfinishedParse>{a, b}, "r1").ok());
    UnfinishedParse moved = a;
    moved.path = "/docs/moved.pdf";
    BOOST_REQUIRE(inv->addQuarantined(std::vector<UnfinishedParse>{moved}, "r1").ok());  // again
    BOOST_REQUIRE(inv->addQuarantined(std::vector<UnfinishedParse>{a}, "r2").ok());
  }
  BOOST_TEST(count(db, "SELECT count(*) FROM quarantine") == 3);
  BOOST_TEST(Peek(db).text("SELECT CAST(path AS TEXT) FROM quarantine WHERE format = 'pdf' AND "
                           "ruleset_version = 'r1'") == "/docs/moved.pdf");
  auto inv = Inventory::open(db);
  BOOST_REQUIRE(inv.ok());
  auto r1 = inv->quarantined("r1");
  BOOST_REQUIRE(r1.ok());
  BOOST_TEST(r1->size() == 2u);
  auto r3 = inv->quarantined("r3");  // a new release tries every document again
  BOOST_REQUIRE(r3.ok());
  BOOST_TEST(r3->empty());
  auto cleared = inv->clearQuarantine("r1");
  BOOST_REQUIRE(cleared.ok());
  BOOST_TEST(*cleared == 2u);
  BOOST_TEST(inv->quarantined("r1")->empty());
  BOOST_TEST(inv->quarantined("r2")->size() == 1u);
}

BOOST_AUTO_TEST_CASE(summary_counts_files_statuses_and_occurrences) {
  test::TempDir dir;
  auto inv = Inventory::open((dir.path() / "inv.db").string());
  BOOST_REQUIRE(inv.ok());
  auto empty = inv->summary();
  BOOST_REQUIRE(empty.ok());
  BOOST_TEST(empty->files == 0u);
  BOOST_TEST(empty->last_completed_scan_ms == 0);

  FileReport a = makeReport("/s/a.txt", 1);
  addFinding(a, RuleId::kKrRrn, Confidence::kHigh, 1, 3);
  addFinding(a, RuleId::kKrRrn, Confidence::kLow, 2, 1);
  FileReport b = makeReport("/s/b.txt", 2);
  addFinding(b, RuleId::kKrRrn, Confidence::kHigh, 3, 2);
  FileReport c = makeReport("/s/c.pdf", 3);
  c.status = FileStatus::kUnsupported;
  const FileReport d = makeReport("/s/d.txt", 4);
  recordScan(*inv, {"/s"}, {a, b, c, d});
  auto s = inv->summary();
  BOOST_REQUIRE(s.ok());
  BOOST_TEST(s->files == 4u);
  BOOST_TEST(s->files_by_status[static_cast<std::size_t>(FileStatus::kOk)] == 3u);
  BOOST_TEST(s->files_by_status[static_cast<std::size_t>(FileStatus::kUnsupported)] == 1u);
  BOOST_TEST(s->files_not_read == 1u);
  BOOST_TEST(s->files_with_findings == 2u);
  const std::size_t rrn = scanner::ruleIndex(RuleId::kKrRrn);
  BOOST_TEST(s->occurrences[rrn][scanner::confidenceIndex(Confidence::kHigh)] == 5u);
  BOOST_TEST(s->occurrences[rrn][scanner::confidenceIndex(Confidence::kLow)] == 1u);
  BOOST_TEST(s->scans == 1u);
  BOOST_TEST(s->last_completed_scan_ms > 0);
}

// The oracle is asked on the walker thread while the sink records on this one (run this under
// -fsanitize=thread to check the threading contract).
BOOST_AUTO_TEST_CASE(with_the_real_pipeline_an_unchanged_tree_is_not_read_again) {
  test::TempDir tree;
  for (int i = 0; i < 300; ++i) {
    std::string text = "memo " + std::to_string(i) + "\n";
    if (i % 3 == 0)
      text += "연락처 010-2" + std::to_string(100 + i) + "-" + std::to_string(1000 + i) + "\n";
    tree.write("d" + std::to_string(i % 7) + "/f" + std::to_string(i) + ".txt", text);
  }
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  auto inv = Inventory::open(db);
  BOOST_REQUIRE(inv.ok());
  const Roots roots = {tree.path().string()};
  scanner::PipelineOptions pipeline;
  pipeline.threads = 2;
  pipeline.max_in_flight = 16;
  const auto scan = [&] { return scanIncrementally(*inv, roots, pipeline); };
  const InventorySink first = scan();
  BOOST_TEST(first.files == 300u);
  BOOST_TEST(first.cached == 0u);
  BOOST_TEST(first.phones == 100u);

  const std::int64_t written = inv->rowsWritten();
  const InventorySink second = scan();
  BOOST_TEST(second.cached == 300u);
  BOOST_TEST(second.phones == 100u);  // from the inventory
  BOOST_TEST(inv->rowsWritten() - written == 2);

  tree.write("d0/f0.txt", "memo 0, rewritten without a number\n");
  std::filesystem::remove(tree.path() / "d3" / "f3.txt");
  const InventorySink third = scan();
  BOOST_TEST(third.files == 299u);
  BOOST_TEST(third.cached == 298u);
  BOOST_TEST(third.phones == 98u);
  BOOST_TEST(count(db, "SELECT count(*) FROM files") == 299);
}

// prepareIncremental() loads a root that holds most of the table in two halves on two connections
// (from 4096 rows), and a root that holds a small part of it through the path index: both must
// load every file under their root and nothing beside it.
BOOST_AUTO_TEST_CASE(large_and_small_roots_load_exactly_their_files) {
  test::TempDir tree;
  for (int i = 0; i < 5000; ++i)
    tree.write("big/d" + std::to_string(i % 13) + "/f" + std::to_string(i) + ".txt",
               i % 5 == 0 ? "연락처 010-2" + std::to_string(100 + i % 900) + "-4567\n" : "memo\n");
  for (int i = 0; i < 40; ++i)
    tree.write("small/f" + std::to_string(i) + ".txt",
               "연락처 010-3" + std::to_string(100 + i) + "-4567\n");
  tree.write("big0/outside.txt", "next to big/, not under it\n");
  test::TempDir dir;
  auto inv = Inventory::open((dir.path() / "inv.db").string());
  BOOST_REQUIRE(inv.ok());
  scanner::PipelineOptions pipeline;
  pipeline.threads = 2;
  const auto scan = [&](const Roots& roots) { return scanIncrementally(*inv, roots, pipeline); };
  const std::string big = (tree.path() / "big").string(), small = (tree.path() / "small").string();
  const std::string outside = (tree.path() / "big0").string();
  const InventorySink first = scan({big, small, outside});
  BOOST_TEST(first.files == 5041u);
  BOOST_TEST(first.cached == 0u);
  const InventorySink big_again = scan({big});  // 5000 of 5041 rows: two halves
  BOOST_TEST(big_again.files == 5000u);
  BOOST_TEST(big_again.cached == 5000u);
  BOOST_TEST(big_again.phones == 1000u);
  const InventorySink small_again = scan({small});  // 40 rows: the index
  BOOST_TEST(small_again.cached == 40u);
  BOOST_TEST(small_again.phones == 40u);
  const InventorySink all_again = scan({big, small, outside});
  BOOST_TEST(all_again.cached == 5041u);
}

// Issue 12, item 2: processes started together on a fresh inventory all open it (the schema is
// created once), and scans of one inventory take turns, so each one's rows are whole.
BOOST_AUTO_TEST_CASE(issue_12_2_processes_opening_a_fresh_inventory_at_once) {
  for (int round = 0; round < 5; ++round) {
    test::TempDir dir;
    const std::string db = (dir.path() / "inv.db").string();
    int go[2];
    BOOST_REQUIRE(::pipe(go) == 0);
    std::vector<pid_t> children;
    for (int i = 0; i < 6; ++i) {
      const pid_t pid = ::fork();
      BOOST_REQUIRE(pid >= 0);
      if (pid == 0) {
        ::close(go[1]);
        char c = 0;
        (void)!::read(go[0], &c, 1);  // all start at once
        auto inv = Inventory::open(db);
        if (!inv.ok()) {
          std::fprintf(stderr, "open: %s\n", inv.error().toString().c_str());
          ::_exit(1);
        }
        auto id = inv->beginScan(Roots{"/t"}, "r1");
        if (!id.ok()) ::_exit(2);
        if (!inv->record(*id, makeReport("/t/f" + std::to_string(i), 10 + i)).ok()) ::_exit(3);
        ScanTotals totals;
        totals.completed = false;  // nothing deleted: every child's row stays
        ::_exit(inv->finishScan(*id, totals).ok() ? 0 : 4);
      }
      children.push_back(pid);
    }
    ::close(go[0]);
    ::close(go[1]);  // EOF: go
    for (pid_t pid : children) {
      int status = 0;
      BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
      BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0),
                 "round " << round << ": child exit " << WEXITSTATUS(status));
    }
    auto inv = Inventory::open(db);
    BOOST_REQUIRE(inv.ok());
    auto summary = inv->summary();
    BOOST_REQUIRE(summary.ok());
    BOOST_TEST(summary->files == 6u);
    BOOST_TEST(summary->scans == 6u);
  }
}

BOOST_AUTO_TEST_CASE(issue_12_2_scans_of_one_inventory_take_turns) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  { BOOST_REQUIRE(Inventory::open(db).ok()); }
  int started[2], finish[2];
  BOOST_REQUIRE(::pipe(started) == 0 && ::pipe(finish) == 0);
  const pid_t first = ::fork();
  BOOST_REQUIRE(first >= 0);
  if (first == 0) {
    auto inv = Inventory::open(db);
    if (!inv.ok()) ::_exit(1);
    auto id = inv->beginScan(Roots{"/t"}, "r1");
    if (!id.ok()) ::_exit(2);
    FileReport with = makeReport("/t/a.csv", 1);
    addFinding(with, RuleId::kKrRrn, Confidence::kHigh, 1, 3);
    if (!inv->record(*id, with).ok()) ::_exit(3);
    (void)!::write(started[1], "s", 1);
    char c = 0;
    (void)!::read(finish[0], &c, 1);  // holds its turn until told
    ScanTotals totals;
    totals.completed = true;
    ::_exit(inv->finishScan(*id, totals).ok() ? 0 : 4);
  }
  char c = 0;
  BOOST_REQUIRE(::read(started[0], &c, 1) == 1);
  auto inv = Inventory::open(db);  // opening and reading do not wait
  BOOST_REQUIRE(inv.ok());
  BOOST_REQUIRE(inv->summary().ok());
  // A cancelled wait ends the wait, not the process.
  std::atomic<bool> cancel{false};
  TurnWait give_up;
  give_up.cancel = &cancel;
  give_up.waiting = [&] { cancel = true; };
  auto cancelled = inv->beginScan(Roots{"/t"}, "r1", give_up);
  BOOST_REQUIRE(!cancelled.ok());
  BOOST_TEST((cancelled.error().code() == ErrorCode::kCancelled));
  // A second scan waits for the first to finish, then sees its rows.
  bool waited = false;
  TurnWait turn;
  turn.waiting = [&] {
    waited = true;
    BOOST_REQUIRE(::write(finish[1], "f", 1) == 1);
  };
  auto id = inv->beginScan(Roots{"/t"}, "r1", turn);
  BOOST_REQUIRE(id.ok());
  BOOST_TEST(waited);
  int status = 0;
  BOOST_REQUIRE(::waitpid(first, &status, 0) == first);
  BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  BOOST_REQUIRE(inv->prepareIncremental(Roots{"/t"}, "r1").ok());
  // The first scan's file, rescanned with no findings now and a new one: counts replaced, whole.
  BOOST_REQUIRE(inv->record(*id, makeReport("/t/a.csv", 1, 200)).ok());
  FileReport added = makeReport("/t/b.csv", 2);
  addFinding(added, RuleId::kKrPhone, Confidence::kMedium, 2, 1);
  BOOST_REQUIRE(inv->record(*id, added).ok());
  ScanTotals totals;
  totals.completed = true;
  BOOST_REQUIRE(inv->finishScan(*id, totals).ok());
  auto summary = inv->summary();
  BOOST_REQUIRE(summary.ok());
  BOOST_TEST(summary->files == 2u);
  BOOST_TEST(summary->files_with_findings == 1u);
  BOOST_TEST(summary->occurrences[scanner::ruleIndex(RuleId::kKrRrn)]
                                 [scanner::confidenceIndex(Confidence::kHigh)] == 0u);
}

// A scan busy with one large file for a while must not keep other writers waiting on SQLite's
// write lock: flushIfDue() commits a batch that has been open for ~2 s.
BOOST_AUTO_TEST_CASE(issue_12_2_a_scan_does_not_hold_the_write_lock_while_idle) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  auto inv = Inventory::open(db);
  BOOST_REQUIRE(inv.ok());
  auto id = inv->beginScan(Roots{"/t"}, "r1");
  BOOST_REQUIRE(id.ok());
  BOOST_REQUIRE(inv->record(*id, makeReport("/t/a.csv", 1)).ok());  // opens a write batch
  BOOST_REQUIRE(inv->flushIfDue().ok());                            // too early: kept open
  const auto otherWriterGetsIn = [&] {
    sqlite3* other = nullptr;
    BOOST_REQUIRE(sqlite3_open(db.c_str(), &other) == SQLITE_OK);
    const int rc = sqlite3_exec(other, "BEGIN IMMEDIATE; ROLLBACK;", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    return rc == SQLITE_OK;
  };
  BOOST_TEST(!otherWriterGetsIn());
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  BOOST_REQUIRE(inv->flushIfDue().ok());
  BOOST_TEST(otherWriterGetsIn());
}

// Issue 14: a commit that fails in the destructor has no caller to return to; it is said in the
// error log, not dropped. Here the disk "fills up" (a file-size limit) under a pending batch.
BOOST_AUTO_TEST_CASE(issue_14_a_failed_commit_at_destruction_is_logged) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  const std::string said = (dir.path() / "said.txt").string();
  const pid_t pid = ::fork();
  BOOST_REQUIRE(pid >= 0);
  if (pid == 0) {
    int code = 0;
    {
      auto inv = Inventory::open(db);
      if (!inv.ok()) ::_exit(1);
      inv->setErrorLog([&](const Error& e) {
        const std::string text = e.toString();
        if (FILE* f = std::fopen(said.c_str(), "w")) {
          std::fputs(text.c_str(), f);
          std::fclose(f);
        }
      });
      auto id = inv->beginScan(Roots{"/t"}, "r1");
      if (!id.ok()) ::_exit(2);
      for (int i = 0; i < 200; ++i)
        if (!inv->record(*id, makeReport("/t/f" + std::to_string(i), 10 + i)).ok()) ::_exit(3);
      // From here no file may grow: the batch's commit cannot append to the WAL.
      struct stat st {};
      if (::stat((db + "-wal").c_str(), &st) != 0) ::_exit(4);
      ::signal(SIGXFSZ, SIG_IGN);
      const rlimit limit{static_cast<rlim_t>(st.st_size), static_cast<rlim_t>(st.st_size)};
      if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(5);
    }  // ~Inventory commits, and fails
    ::_exit(code);
  }
  int status = 0;
  BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
  BOOST_TEST_REQUIRE((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  BOOST_REQUIRE(std::filesystem::exists(said));
  const std::string text = test::readFile(said);
  BOOST_TEST(text.find("could not be committed") != std::string::npos, text);
  BOOST_TEST(text.find(db) != std::string::npos, text);
}

// Issue 14: an Inventory moved while its known files load in the background (the loader holds
// its insides, not the object).
BOOST_AUTO_TEST_CASE(issue_14_an_inventory_moved_while_loading_in_the_background) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  std::vector<FileReport> reports;
  for (int i = 0; i < 3000; ++i) reports.push_back(makeReport("/t/f" + std::to_string(i), 1 + i));
  {
    auto inv = Inventory::open(db);
    BOOST_REQUIRE(inv.ok());
    recordScan(*inv, {"/t"}, reports);
  }
  auto first = Inventory::open(db);
  BOOST_REQUIRE(first.ok());
  BOOST_REQUIRE(first->beginScan(Roots{"/t"}, scanner::kRulesetVersion).ok());
  std::future<Status> loaded =
      first->prepareIncrementalInBackground({"/t"}, std::string(scanner::kRulesetVersion));
  Inventory moved = std::move(*first);
  BOOST_REQUIRE(loaded.get().ok());
  const scanner::ChangeOracle& oracle = moved.changeOracle();
  BOOST_TEST(oracle.ready());
  BOOST_TEST(oracle.unchanged(reports[1234].entry).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
