// SPDX-License-Identifier: Apache-2.0
#include "jamul/agent/inventory.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "support/scanner_printers.h"
#include "support/temp_dir.h"

namespace jamul::agent {
namespace {

using scanner::Confidence;
using scanner::FileReport;
using scanner::FileStatus;
using scanner::RuleId;

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

void addFinding(FileReport& r, RuleId rule, Confidence c, std::uint8_t tag, std::uint64_t count) {
  scanner::FindingSummary f;
  f.rule = rule;
  f.confidence = c;
  f.count = count;
  f.offset = 10 * tag;
  f.location = "line " + std::to_string(tag);
  f.masked = "900101-1******";
  f.digest.fill(tag);
  r.findings.push_back(f);
  r.counts[scanner::ruleIndex(rule)][scanner::confidenceIndex(c)] += count;
}

// Runs one whole scan of `reports` over `roots` and returns the scan id.
std::int64_t recordScan(Inventory& inv, const std::vector<std::string>& roots,
                        const std::vector<FileReport>& reports, bool incremental = true) {
  auto id = inv.beginScan(roots, scanner::kRulesetVersion);
  BOOST_REQUIRE(id.ok());
  if (incremental) BOOST_REQUIRE(inv.prepareIncremental(roots, scanner::kRulesetVersion).ok());
  for (const FileReport& r : reports) BOOST_REQUIRE(inv.record(*id, r).ok());
  ScanTotals totals;
  totals.completed = true;
  totals.files_seen = reports.size();
  BOOST_REQUIRE(inv.finishScan(*id, totals).ok());
  return *id;
}

std::int64_t countRows(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  BOOST_REQUIRE(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  BOOST_REQUIRE(sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  BOOST_REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  const std::int64_t n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(h);
  return n;
}

BOOST_AUTO_TEST_SUITE(inventory)

BOOST_AUTO_TEST_CASE(created_private_migrated_and_reopened) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  {
    auto inv = Inventory::open(db);
    BOOST_REQUIRE(inv.ok());
  }
  struct stat st {};
  BOOST_REQUIRE(::stat(db.c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0600u);
  BOOST_TEST(countRows(db, "PRAGMA user_version") == Inventory::kSchemaVersion);
  BOOST_TEST(Inventory::open(db).ok());  // idempotent
}

BOOST_AUTO_TEST_CASE(refuses_newer_foreign_and_linked_databases) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  BOOST_REQUIRE(Inventory::open(db).ok());
  sqlite3* h = nullptr;
  sqlite3_open(db.c_str(), &h);
  sqlite3_exec(h, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
  sqlite3_close(h);
  auto newer = Inventory::open(db);
  BOOST_TEST((!newer.ok() && newer.error().code() == ErrorCode::kUnsupportedFormat));

  const std::string other = (dir.path() / "other.db").string();
  sqlite3_open(other.c_str(), &h);
  sqlite3_exec(h, "CREATE TABLE mine(x)", nullptr, nullptr, nullptr);
  sqlite3_close(h);
  auto foreign = Inventory::open(other);
  BOOST_TEST((!foreign.ok() && foreign.error().code() == ErrorCode::kCorrupt));

  dir.write("junk.db", "this is not a database at all, just text that is long enough......");
  BOOST_TEST(!Inventory::open((dir.path() / "junk.db").string()).ok());

  std::filesystem::create_symlink(db, dir.path() / "link.db");
  BOOST_TEST(!Inventory::open((dir.path() / "link.db").string()).ok());
}

BOOST_AUTO_TEST_CASE(reports_round_trip_through_the_cache) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  auto inv = Inventory::open(db);
  BOOST_REQUIRE(inv.ok());
  const std::string path = "/home/u/문서/\xFF\xFEodd.txt";  // non-UTF-8 name
  FileReport r = makeReport(path, 42);
  addFinding(r, RuleId::kKrRrn, Confidence::kHigh, 1, 3);
  addFinding(r, RuleId::kKrPhone, Confidence::kMedium, 2, 1);
  addFinding(r, RuleId::kKrRrn, Confidence::kLow, 3, 2);
  r.findings_truncated = true;
  r.counts[scanner::ruleIndex(RuleId::kEmail)][2] = 7;  // counted beyond the kept findings
  recordScan(*inv, {"/home/u"}, {r});

  BOOST_REQUIRE(inv->prepareIncremental(std::vector<std::string>{"/home/u"}, scanner::kRulesetVersion).ok());
  BOOST_TEST(inv->changeOracle().unchanged(r.entry));
  FileReport cached;
  cached.entry = r.entry;
  cached.from_cache = true;
  BOOST_REQUIRE(inv->fillFromCache(cached).ok());
  BOOST_TEST(cached.status == FileStatus::kOk);
  BOOST_TEST(cached.format == "text/utf-8");
  BOOST_TEST((cached.counts == r.counts));
  BOOST_TEST(cached.findings_truncated);
  BOOST_REQUIRE(cached.findings.size() == 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    BOOST_TEST(cached.findings[i].rule == r.findings[i].rule);
    BOOST_TEST(cached.findings[i].confidence == r.findings[i].confidence);
    BOOST_TEST(cached.findings[i].count == r.findings[i].count);
    BOOST_TEST(cached.findings[i].location == r.findings[i].location);
    BOOST_TEST(cached.findings[i].masked == r.findings[i].masked);
    BOOST_TEST((cached.findings[i].digest == r.findings[i].digest));
  }
  // Digests are stored as 16-byte blobs; no finding column holds anything but masks and digests.
  BOOST_TEST(countRows(db, "SELECT count(*) FROM findings WHERE length(digest) = 16") == 3);
}

BOOST_AUTO_TEST_CASE(the_oracle_wants_every_signature_field_and_the_ruleset) {
  test::TempDir dir;
  auto inv = Inventory::open((dir.path() / "inv.db").string());
  BOOST_REQUIRE(inv.ok());
  FileReport ok = makeReport("/r/a.txt", 1);
  FileReport error = makeReport("/r/b.txt", 2);
  error.status = FileStatus::kError;
  error.error_code = ErrorCode::kIo;
  error.detail = "read: Input/output error";
  FileReport large = makeReport("/r/c.txt", 3);
  large.status = FileStatus::kTooLarge;
  FileReport unsupported = makeReport("/r/d.pdf", 4);
  unsupported.status = FileStatus::kUnsupported;
  recordScan(*inv, {"/r"}, {ok, error, large, unsupported});
  const std::vector<std::string> roots = {"/r"};
  BOOST_REQUIRE(inv->prepareIncremental(roots, scanner::kRulesetVersion).ok());
  const auto& oracle = inv->changeOracle();
  BOOST_TEST(oracle.unchanged(ok.entry));
  BOOST_TEST(oracle.unchanged(unsupported.entry));
  BOOST_TEST(!oracle.unchanged(error.entry));  // errors are always retried
  BOOST_TEST(!oracle.unchanged(large.entry));
  for (int field = 0; field < 5; ++field) {
    scanner::FileEntry e = ok.entry;
    if (field == 0) ++e.size;
    if (field == 1) ++e.mtime_ns;
    if (field == 2) ++e.ctime_ns;
    if (field == 3) ++e.inode;
    if (field == 4) ++e.device;
    BOOST_TEST(!oracle.unchanged(e), "field " << field);
  }
  scanner::FileEntry unknown = ok.entry;
  unknown.path = "/r/new.txt";
  BOOST_TEST(!oracle.unchanged(unknown));
  BOOST_REQUIRE(inv->prepareIncremental(roots, "another-ruleset").ok());
  BOOST_TEST(!inv->changeOracle().unchanged(ok.entry));
}

BOOST_AUTO_TEST_CASE(files_gone_from_a_root_are_removed_and_only_there) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  auto inv = Inventory::open(db);
  BOOST_REQUIRE(inv.ok());
  recordScan(*inv, {"/a/b"}, {makeReport("/a/b/x.txt", 1), makeReport("/a/b/sub/y.txt", 2)});
  recordScan(*inv, {"/a/bc"}, {makeReport("/a/bc/z.txt", 3)});  // shares the prefix "/a/b"
  recordScan(*inv, {"/other"}, {makeReport("/other/w.txt", 4)});
  BOOST_TEST(countRows(db, "SELECT count(*) FROM files") == 4);
  // /a/b is scanned again and only x.txt is still there.
  FileReport x = makeReport("/a/b/x.txt", 1);
  x.from_cache = true;
  recordScan(*inv, {"/a/b"}, {x});
  BOOST_TEST(countRows(db, "SELECT count(*) FROM files") == 3);
  BOOST_TEST(countRows(db, "SELECT count(*) FROM files WHERE path = CAST('/a/bc/z.txt' AS BLOB)") == 1);
  // An interrupted scan removes nothing.
  auto id = inv->beginScan(std::vector<std::string>{"/other"}, scanner::kRulesetVersion);
  BOOST_REQUIRE(id.ok());
  BOOST_REQUIRE(inv->prepareIncremental(std::vector<std::string>{"/other"}, scanner::kRulesetVersion).ok());
  BOOST_REQUIRE(inv->finishScan(*id, ScanTotals{}).ok());
  BOOST_TEST(countRows(db, "SELECT count(*) FROM files") == 3);
  BOOST_TEST(countRows(db, "SELECT count(*) FROM scans WHERE status = 'interrupted'") == 1);
  // A full (non-incremental) scan also removes what it did not see.
  recordScan(*inv, {"/other"}, {}, /*incremental=*/false);
  BOOST_TEST(countRows(db, "SELECT count(*) FROM files") == 2);
}

BOOST_AUTO_TEST_CASE(cached_reports_cost_no_writes_and_walk_errors_keep_no_row) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  auto inv = Inventory::open(db);
  BOOST_REQUIRE(inv.ok());
  std::vector<FileReport> reports;
  for (int i = 0; i < 2000; ++i) reports.push_back(makeReport("/t/f" + std::to_string(i), 100 + static_cast<std::uint64_t>(i)));
  recordScan(*inv, {"/t"}, reports);
  const std::int64_t rows_before = countRows(db, "SELECT sum(last_scan_id) FROM files");
  for (FileReport& r : reports) r.from_cache = true;
  FileReport walk_error;
  walk_error.entry.path = "/t/locked";
  walk_error.status = FileStatus::kError;
  walk_error.error_code = ErrorCode::kPermissionDenied;
  walk_error.detail = "open directory: Permission denied";
  reports.push_back(walk_error);
  const std::int64_t scan = recordScan(*inv, {"/t"}, reports);
  // Not one file row was rewritten: every last_scan_id is still the first scan's.
  BOOST_TEST(countRows(db, "SELECT sum(last_scan_id) FROM files") == rows_before);
  BOOST_TEST(countRows(db, "SELECT count(*) FROM files") == 2000);
  BOOST_TEST(countRows(db, "SELECT count(*) FROM scan_errors WHERE scan_id = " + std::to_string(scan)) == 1);
  BOOST_TEST(countRows(db, "SELECT count(*) FROM files WHERE path = CAST('/t/locked' AS BLOB)") == 0);
  auto summary = inv->summary();
  BOOST_REQUIRE(summary.ok());
  BOOST_TEST(summary->files == 2000u);
  BOOST_TEST(summary->scans == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
