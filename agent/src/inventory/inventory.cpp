// SPDX-License-Identifier: Apache-2.0
#include "jamul/agent/inventory.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <future>
#include <thread>

#include "inventory/action_journal.h"
#include "inventory/inventory_impl.h"
#include "inventory/report_cache.h"
#include "inventory/schema.h"
#include "jamul/common/json_writer.h"
#include "platform/env.h"

namespace jamul::agent {
namespace {

using namespace inventory_detail;
using scanner::Confidence;

// Creates the file 0600 without following a link; an existing file is left alone (SQLite then
// refuses it if it is a link: SQLITE_OPEN_NOFOLLOW). SQLite gives its -wal and -shm files the
// database's mode.
Status createPrivateFile(Env& env, const std::string& path) {
  auto created = env.openFile(path, OpenMode::kCreateNew, 0600);
  if (created || created.error().code() == ErrorCode::kInvalidArgument) return okStatus();
  return Error(created.error().code(), "create inventory: " + created.error().message(), path);
}

// A walk error: the walker could not examine the entry, so it has no signature.
bool isWalkError(const FileReport& report) {
  return report.status == FileStatus::kError && report.entry.signature() == FileSignature{};
}

}  // namespace

std::optional<scanner::FindingSummary> inventory_detail::findingFromRow(
    const sqlite::Statement& row) {
  const auto rule = scanner::ruleFromName(row.columnText(0));
  const auto confidence = scanner::confidenceFromName(row.columnText(1));
  if (!rule || !confidence) return std::nullopt;  // a rule this version does not know
  scanner::FindingSummary f;
  f.rule = *rule;
  f.confidence = *confidence;
  f.count = static_cast<std::uint64_t>(row.columnInt(2));
  f.offset = static_cast<std::uint64_t>(row.columnInt(3));
  f.location = row.columnText(4);
  f.masked = row.columnText(5);
  const std::string_view digest = row.columnBlobView(6);
  std::memcpy(f.digest.data(), digest.data(), std::min(digest.size(), f.digest.size()));
  f.basis = static_cast<scanner::BasisSet>(row.columnInt(7));
  return f;
}

// A file row, replacing the one with the same path (parameters: see bindFileRow()).
constexpr const char* kUpsertFile = R"sql(
    INSERT INTO files (path, size, mtime_ns, ctime_ns, inode, device, ruleset_version, status,
                       detail, error_code, format, text_bytes, findings_truncated, occurrences,
                       last_scan_id, scanned_at_ms, report_cache, owner_uid)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
    ON CONFLICT(path) DO UPDATE SET
      size = excluded.size, mtime_ns = excluded.mtime_ns, ctime_ns = excluded.ctime_ns,
      inode = excluded.inode, device = excluded.device, ruleset_version = excluded.ruleset_version,
      status = excluded.status, detail = excluded.detail, error_code = excluded.error_code,
      format = excluded.format, text_bytes = excluded.text_bytes,
      findings_truncated = excluded.findings_truncated, occurrences = excluded.occurrences,
      last_scan_id = excluded.last_scan_id, scanned_at_ms = excluded.scanned_at_ms,
      report_cache = excluded.report_cache, owner_uid = excluded.owner_uid)sql";

namespace {

// The findings of a file go in statements of this many rows, then one by one: a register's sample
// is hundreds of rows, and SQLite's cost per statement (binding, stepping, resetting) is a good part
// of a narrow row's.
constexpr int kFindingsPerInsert = 16;
constexpr int kFindingColumns = 10;

std::string findingsInsert(int rows) {
  std::string sql =
      "INSERT INTO findings (file_id, ordinal, rule, confidence, occurrences, offset, location, "
      "masked, digest, basis) VALUES ";
  for (int r = 0; r < rows; ++r) {
    sql += r == 0 ? "(" : ", (";
    for (int c = 0; c < kFindingColumns; ++c) {
      if (c > 0) sql += ", ";
      sql += "?" + std::to_string(r * kFindingColumns + c + 1);
    }
    sql += ")";
  }
  return sql;
}

// Binds finding `f`, the file's `ordinal`-th, as the row whose first parameter is `first` + 1.
void bindFinding(sqlite::Statement& ins, int first, std::int64_t file_id, std::int64_t ordinal,
                 const scanner::FindingSummary& f) {
  ins.bind(first + 1, file_id).bind(first + 2, ordinal).bindTextInPlace(first + 3, scanner::ruleName(f.rule));
  ins.bindTextInPlace(first + 4, scanner::confidenceName(f.confidence)).bind(first + 5, f.count);
  ins.bind(first + 6, f.offset).bindTextInPlace(first + 7, f.location).bindTextInPlace(first + 8, f.masked);
  ins.bindBlobInPlace(
      first + 9, std::string_view(reinterpret_cast<const char*>(f.digest.data()), f.digest.size()));
  ins.bind(first + 10, static_cast<std::int64_t>(f.basis));
}

}  // namespace

Status Inventory::Impl::prepareStatements() {
  const auto prep = [&](std::optional<sqlite::Statement>& slot, std::string_view sql) -> Status {
    JAMUL_ASSIGN_OR_RETURN(sqlite::Statement s, db.prepare(sql));
    slot.emplace(std::move(s));
    return okStatus();
  };
  JAMUL_RETURN_IF_ERROR(prep(upsert_file, std::string(kUpsertFile) + " RETURNING id"));
  // Without RETURNING (which SQLite runs through a temporary table) for rows whose id is not
  // needed.
  JAMUL_RETURN_IF_ERROR(prep(upsert_clean_file, kUpsertFile));
  JAMUL_RETURN_IF_ERROR(prep(delete_counts, "DELETE FROM file_counts WHERE file_id = ?1"));
  JAMUL_RETURN_IF_ERROR(prep(delete_findings, "DELETE FROM findings WHERE file_id = ?1"));
  JAMUL_RETURN_IF_ERROR(prep(insert_count, R"sql(
    INSERT INTO file_counts (file_id, rule, confidence, occurrences) VALUES (?1, ?2, ?3, ?4))sql"));
  JAMUL_RETURN_IF_ERROR(prep(insert_finding, findingsInsert(1)));
  JAMUL_RETURN_IF_ERROR(prep(insert_findings, findingsInsert(kFindingsPerInsert)));
  JAMUL_RETURN_IF_ERROR(prep(insert_error, R"sql(
    INSERT INTO scan_errors (scan_id, path, code, message) VALUES (?1, ?2, ?3, ?4))sql"));
  JAMUL_RETURN_IF_ERROR(prep(select_counts,
                             "SELECT rule, confidence, occurrences FROM file_counts "
                             "WHERE file_id = ?1"));
  JAMUL_RETURN_IF_ERROR(prep(select_findings, R"sql(
    SELECT rule, confidence, occurrences, offset, location, masked, digest, basis
    FROM findings WHERE file_id = ?1 ORDER BY ordinal)sql"));
  JAMUL_RETURN_IF_ERROR(prep(savepoint, "SAVEPOINT report"));
  JAMUL_RETURN_IF_ERROR(prep(release, "RELEASE report"));
  JAMUL_RETURN_IF_ERROR(prep(rollback_to, "ROLLBACK TO report"));
  return okStatus();
}

Status Inventory::Impl::beginBatchIfNeeded() {
  if (db.inTransaction()) return okStatus();
  JAMUL_RETURN_IF_ERROR(db.exec("BEGIN IMMEDIATE"));
  batched = 0;
  batch_started = std::chrono::steady_clock::now();
  return okStatus();
}

Status Inventory::Impl::commitBatch() {
  // A failed COMMIT (SQLITE_BUSY) leaves the transaction open: the next call retries it.
  if (!db.inTransaction()) return okStatus();
  return db.exec("COMMIT");
}

Status Inventory::Impl::writeError(std::int64_t scan_id, const FileReport& report) {
  insert_error->bind(1, scan_id).bindBlob(2, report.entry.path);
  insert_error->bindText(3, report.error_code ? errorCodeName(*report.error_code) : "internal");
  insert_error->bindText(4, report.detail);
  return insert_error->run();
}

// Binds the file row of `report` to an upsert (kUpsertFile). In place, no copies: everything bound
// lives in `report`, in this object or in static storage until the statement is reset.
void Inventory::Impl::bindFileRow(sqlite::Statement& up, std::int64_t scan_id,
                                  const FileReport& report) {
  const scanner::FileEntry& e = report.entry;
  up.bindBlobInPlace(1, e.path).bind(2, e.size).bind(3, e.mtime_ns).bind(4, e.ctime_ns);
  up.bind(5, e.inode).bind(6, e.device).bindTextInPlace(7, ruleset_version);
  up.bindTextInPlace(8, scanner::fileStatusName(report.status)).bindTextInPlace(9, report.detail);
  if (report.error_code) {
    up.bindTextInPlace(10, errorCodeName(*report.error_code));
  } else {
    up.bindNull(10);
  }
  up.bindTextInPlace(11, report.format).bind(12, report.text_bytes);
  up.bind(13, std::int64_t{report.findings_truncated ? 1 : 0});
  up.bind(14, report.total(Confidence::kLow)).bind(15, scan_id).bind(16, env.nowMs());
  if (report.findings.empty()) {
    up.bindNull(17);
  } else {
    report_cache_buffer = encodeReportCache(report);
    up.bindBlobInPlace(17, report_cache_buffer);
  }
  up.bind(18, std::int64_t{e.owner});
}

// The row of a clean file whose old row had no findings: one statement, no id needed. `known`: the
// file's entry among the known files, if any, marked seen (what the id would be used for).
Status Inventory::Impl::writeCleanRow(std::int64_t scan_id, const FileReport& report,
                                      std::optional<std::uint32_t> known) {
  bindFileRow(*upsert_clean_file, scan_id, report);
  JAMUL_RETURN_IF_ERROR(upsert_clean_file->run());
  if (known) oracle.seen[*known] = 1;
  return okStatus();
}

Status Inventory::Impl::writeReport(std::int64_t scan_id, const FileReport& report,
                                    bool replaces_findings) {
  sqlite::Statement& up = *upsert_file;
  bindFileRow(up, scan_id, report);
  auto row = up.step();
  if (!row || !*row) {
    up.reset();
    return row ? Error(ErrorCode::kInternal, "inventory: upsert returned no id") : row.error();
  }
  const std::int64_t id = up.columnInt(0);
  up.reset();
  if (replaces_findings) {
    JAMUL_RETURN_IF_ERROR(delete_counts->bind(1, id).run());
    JAMUL_RETURN_IF_ERROR(delete_findings->bind(1, id).run());
  }
  for (scanner::RuleId rule : scanner::kAllRules) {
    for (std::size_t c = 0; c < scanner::kConfidenceCount; ++c) {
      const std::uint64_t n = report.counts[scanner::ruleIndex(rule)][c];
      if (n == 0) continue;
      insert_count->bind(1, id).bindText(2, scanner::ruleName(rule));
      insert_count->bindText(3, scanner::confidenceName(scanner::confidenceFromIndex(c)));
      JAMUL_RETURN_IF_ERROR(insert_count->bind(4, n).run());
    }
  }
  const std::vector<scanner::FindingSummary>& findings = report.findings;
  std::size_t i = 0;
  for (; i + kFindingsPerInsert <= findings.size(); i += kFindingsPerInsert) {
    for (int r = 0; r < kFindingsPerInsert; ++r) {
      const std::size_t n = i + static_cast<std::size_t>(r);
      bindFinding(*insert_findings, r * kFindingColumns, id, static_cast<std::int64_t>(n),
                  findings[n]);
    }
    JAMUL_RETURN_IF_ERROR(insert_findings->run());
  }
  for (; i < findings.size(); ++i) {
    bindFinding(*insert_finding, 0, id, static_cast<std::int64_t>(i), findings[i]);
    JAMUL_RETURN_IF_ERROR(insert_finding->run());
  }
  return okStatus();
}

// True when the known row's findings and counts are `report`'s: its report cache (which holds the
// counts too when findings were truncated) is the one `report` would get.
bool Inventory::Impl::holdsSameFindings(const KnownFiles::Entry& known, const FileReport& report) {
  if (!known.has_findings || !known.current_ruleset || known.report_cache.empty() ||
      report.findings.empty() || known.truncated != report.findings_truncated)
    return false;
  return encodeReportCache(report) == known.report_cache;
}

// One report's rows are written inside a savepoint, so that a failure half-way (a full disk) does
// not leave a file row with half its findings to be committed with the rest of the batch.
Status Inventory::Impl::writeAtomically(std::int64_t scan_id, const FileReport& report,
                                        bool walk_error) {
  // Old counts and findings exist only where the inventory knew findings. On an incremental scan
  // the preloaded known files say where, so a first scan of a tree costs no deletes at all.
  const std::optional<std::uint32_t> known = oracle.files.find(report.entry.path);
  const bool replaces_findings = !incremental || (known && oracle.files[*known].has_findings);
  // A clean file whose row had no findings is one statement, the row's upsert, atomic by itself:
  // no savepoint (two statements fewer for most files of a first scan).
  if (report.status != FileStatus::kError && !walk_error && !replaces_findings &&
      report.findings.empty() && report.total(Confidence::kLow) == 0)
    return writeCleanRow(scan_id, report, known);
  // Findings that came out as the row holds them (a file read again by a --full scan, or touched
  // without a change): the row is updated, its findings and counts are left as they are.
  if (replaces_findings && known && report.status != FileStatus::kError && !walk_error &&
      holdsSameFindings(oracle.files[*known], report))
    return writeCleanRow(scan_id, report, known);
  JAMUL_RETURN_IF_ERROR(savepoint->run());
  Status written = okStatus();
  if (report.status == FileStatus::kError) written = writeError(scan_id, report);
  if (written && !walk_error) written = writeReport(scan_id, report, replaces_findings);
  // The upsert kept the row (and id) of a known file: it is seen. A new file is not among the
  // known files, which are all finishScan() may delete.
  if (written && !walk_error && known) oracle.seen[*known] = 1;
  if (written) return release->run();
  if (db.inTransaction()) {
    (void)rollback_to->run();
    (void)release->run();
  }
  return written;
}

bool Inventory::Impl::keptByWalkError(std::string_view path) const {
  return std::any_of(unlisted.begin(), unlisted.end(),
                     [&](const std::string& dir) { return atOrBelow(path, dir); });
}

Result<std::vector<std::int64_t>> Inventory::Impl::unseenFiles(std::int64_t scan_id) {
  std::vector<std::int64_t> ids;
  if (incremental) {
    // Every file under the roots was loaded by prepareIncremental(), and each one this scan
    // reported is marked seen; rows it wrote for new files were seen by definition.
    const std::vector<KnownFiles::Entry>& known = oracle.files.entries();
    for (std::size_t i = 0; i < known.size(); ++i)
      if (!oracle.seen[i] && !keptByWalkError(known[i].path)) ids.push_back(known[i].id);
    return ids;
  }
  // A full scan rewrote every file it saw with its own scan id.
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select, db.prepare(R"sql(
    SELECT id, path FROM files
    WHERE (path = ?1 OR (path >= ?2 AND path < ?3)) AND last_scan_id != ?4)sql"));
  for (const std::string& root : roots) {
    const auto [low, high] = childRange(root);
    select.bindBlob(1, root).bindBlob(2, low).bindBlob(3, high).bind(4, scan_id);
    JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(select, [&](const sqlite::Statement& row) {
      if (!keptByWalkError(row.columnBlob(1))) ids.push_back(row.columnInt(0));
    }));
  }
  return ids;
}

Inventory::Inventory(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Inventory::Inventory(Inventory&&) noexcept = default;
Inventory& Inventory::operator=(Inventory&&) noexcept = default;
Inventory::~Inventory() {
  if (!impl_) return;
  if (Status s = impl_->commitBatch(); !s) {
    const Error said(s.error().code(),
                     "the last reports could not be committed (their files are read again by the "
                     "next scan): " +
                         s.error().message(),
                     impl_->db_path);
    if (impl_->error_log) {
      impl_->error_log(said);
    } else {
      std::fprintf(stderr, "jamul: inventory: %s\n", said.toString().c_str());
    }
  }
}

void Inventory::setErrorLog(std::function<void(const Error&)> log) {
  impl_->error_log = std::move(log);
}

Result<Inventory> Inventory::open(const std::string& path) {
  JAMUL_RETURN_IF_ERROR(createPrivateFile(Env::system(), path));
  JAMUL_ASSIGN_OR_RETURN(sqlite::Database db, sqlite::Database::open(path));
  // busy_timeout first, so that the pragmas below wait for another process's lock. WAL: readers (a
  // status query, the tray later) never block the scan's writer. NORMAL sync is durable across
  // crashes of the process (only a power cut may lose the last transaction, never corrupt the
  // file). A newer database is refused by migrate() before anything is written to it; switching
  // it to WAL is harmless.
  //
  // Processes that open a fresh file at the same moment can be told "database is locked" without
  // the busy handler being asked (SQLite does not wait while another connection switches the file
  // to WAL or rebuilds its shared memory): those are tried again, for as long as the busy timeout.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  for (int attempt = 0;; ++attempt) {
    Status s = db.exec(
        "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; "
        "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
    if (s) s = migrate(db, kSchemaVersion);
    if (s) break;
    if (s.error().code() != ErrorCode::kUnavailable || std::chrono::steady_clock::now() > deadline)
      return Error(s.error().code(), s.error().message(), path);
    std::this_thread::sleep_for(std::chrono::milliseconds(5 + 5 * std::min(attempt, 9)));
  }
  auto impl = std::make_unique<Impl>(std::move(db), path);
  JAMUL_RETURN_IF_ERROR(impl->prepareStatements());
  return Inventory(std::move(impl));
}

Result<std::int64_t> Inventory::beginScan(std::span<const std::string> roots,
                                          std::string_view ruleset_version, const TurnWait& wait) {
  Impl& d = *impl_;
  JAMUL_RETURN_IF_ERROR(d.commitBatch());
  // Before anything of the scan is read or written: what prepareIncremental() loads must not
  // change under it but by this scan (a second scan writing the same rows would make the first
  // one's "new file" and "had findings" knowledge wrong).
  if (!d.scan_turn.held()) {
    JAMUL_ASSIGN_OR_RETURN(d.scan_turn, FileLock::acquire(d.db_path + ".scan.lock", &wait));
  }
  // For people and the console; lossy for non-UTF-8 roots (U+FFFD), which nothing reads back.
  std::string roots_json;
  JsonWriter w(roots_json);
  w.beginArray();
  for (const std::string& r : roots) w.value(r);
  w.endArray();
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement insert, d.db.prepare(R"sql(
    INSERT INTO scans (started_at_ms, roots, ruleset_version) VALUES (?1, ?2, ?3))sql"));
  insert.bind(1, d.env.nowMs()).bindText(2, roots_json).bindText(3, ruleset_version);
  JAMUL_RETURN_IF_ERROR(insert.run());
  d.ruleset_version = std::string(ruleset_version);
  d.roots.assign(roots.begin(), roots.end());
  d.incremental = false;
  d.unlisted.clear();
  d.oracle.files.clear();
  d.oracle.seen = {};
  return d.db.lastInsertRowId();
}


void Inventory::Impl::installKnown(KnownFiles files) {
  oracle.seen.assign(files.size(), 0);
  oracle.files = std::move(files);
  incremental = true;
}

Status Inventory::prepareIncremental(std::span<const std::string> roots,
                                     std::string_view ruleset_version) {
  JAMUL_ASSIGN_OR_RETURN(KnownFiles files,
                         loadKnownFiles(&impl_->db, impl_->db_path, roots, ruleset_version));
  impl_->installKnown(std::move(files));
  return okStatus();
}

std::future<Status> Inventory::prepareIncrementalInBackground(std::vector<std::string> roots,
                                                              std::string ruleset_version) {
  impl_->oracle.markLoading();  // before the thread exists: a walker started next must wait
  // The loader reads on connections of its own, so the caller may go on using the Inventory
  // (quarantine, say) while it runs; only what it installs is off limits until ready().
  // The thread holds the Impl, not `this`: the Inventory may be moved while it runs (its Impl
  // stays where it is).
  return std::async(std::launch::async, [impl = impl_.get(), roots = std::move(roots),
                                         ruleset_version = std::move(ruleset_version)] {
    // Ready also after a failure (the oracle then knows nothing, and the caller has the error),
    // and even if loading throws: a walker waits for this.
    struct MarkReady {
      KnownFilesOracle& oracle;
      ~MarkReady() { oracle.markReady(); }
    } mark_ready{impl->oracle};
    auto files = loadKnownFiles(nullptr, impl->db_path, roots, ruleset_version);
    if (!files) return Status(files.error());
    impl->installKnown(std::move(*files));
    return okStatus();
  });
}

const scanner::ChangeOracle& Inventory::changeOracle() const { return impl_->oracle; }

Status Inventory::fillFromCache(FileReport& report) {
  const std::optional<std::uint32_t> handle = impl_->oracle.handleOf(report);
  if (!handle)
    return Error(ErrorCode::kNotFound, "file is not in the inventory", report.entry.path);
  const KnownFiles::Entry& k = impl_->oracle.files[*handle];
  report.status = k.status;
  report.detail = k.detail;
  report.error_code = k.error_code;
  report.format = k.format;
  report.text_bytes = k.text_bytes;
  report.findings_truncated = k.truncated;
  report.counts = {};
  report.findings.clear();
  if (!k.has_findings) return okStatus();
  if (!k.report_cache.empty() && decodeReportCache(k.report_cache, k.truncated, report))
    return okStatus();
  // A row of schema version 1 (or an unreadable cache): read the findings table.
  // One read transaction across the cached reads of a scan: outside a transaction SQLite takes and
  // drops its file locks around every query (two fcntl calls each). The next write batch goes on
  // inside it (BEGIN is deferred) and commits it as usual.
  if (!impl_->db.inTransaction()) {
    JAMUL_RETURN_IF_ERROR(impl_->db.exec("BEGIN"));
    impl_->batched = 0;
    impl_->batch_started = std::chrono::steady_clock::now();
  }

  JAMUL_RETURN_IF_ERROR(
      sqlite::forEachRow(impl_->select_findings->bind(1, k.id), [&](const sqlite::Statement& row) {
        if (auto f = inventory_detail::findingFromRow(row)) report.findings.push_back(std::move(*f));
      }));
  if (!k.truncated) {
    // Every distinct value was kept, so the findings hold the exact counts: no second query (an
    // unchanged rescan reads one query per file with findings, and none for the others).
    for (const scanner::FindingSummary& f : report.findings)
      report.counts[scanner::ruleIndex(f.rule)][scanner::confidenceIndex(f.confidence)] += f.count;
    return okStatus();
  }
  return sqlite::forEachRow(impl_->select_counts->bind(1, k.id), [&](const sqlite::Statement& row) {
    const auto rule = scanner::ruleFromName(row.columnText(0));
    const auto confidence = scanner::confidenceFromName(row.columnText(1));
    if (rule && confidence)
      report.counts[scanner::ruleIndex(*rule)][scanner::confidenceIndex(*confidence)] =
          static_cast<std::uint64_t>(row.columnInt(2));
  });
}

Status Inventory::record(std::int64_t scan_id, const FileReport& report) {
  Impl& d = *impl_;
  // A link or special file passed over is not a file of the inventory (a row that was there for
  // the path, of a file since replaced by a link, goes when the scan completes: it is not seen).
  if (report.status == FileStatus::kSkipped) return okStatus();
  if (report.from_cache) {
    // Unchanged: no write at all; finishScan() needs only to know it was seen.
    if (const std::optional<std::uint32_t> handle = d.oracle.handleOf(report))
      d.oracle.seen[*handle] = 1;
    return okStatus();
  }
  const bool walk_error = isWalkError(report);
  // A subtree the walk could not list keeps what was known of it (see finishScan()); one that
  // vanished (kNotFound) does not.
  if (walk_error && report.error_code != ErrorCode::kNotFound)
    d.unlisted.push_back(report.entry.path);
  JAMUL_RETURN_IF_ERROR(d.beginBatchIfNeeded());
  JAMUL_RETURN_IF_ERROR(d.writeAtomically(scan_id, report, walk_error));
  if (++d.batched >= kReportsPerTransaction ||
      std::chrono::steady_clock::now() - d.batch_started >= kMaxTransactionAge)
    return d.commitBatch();
  return okStatus();
}

Status Inventory::flush() { return impl_->commitBatch(); }

Status Inventory::flushIfDue() {
  Impl& d = *impl_;
  if (!d.db.inTransaction() ||
      std::chrono::steady_clock::now() - d.batch_started < kMaxTransactionAge)
    return okStatus();
  return d.commitBatch();
}

Status Inventory::finishScan(std::int64_t scan_id, const ScanTotals& totals) {
  Impl& d = *impl_;
  JAMUL_RETURN_IF_ERROR(d.beginBatchIfNeeded());
  if (totals.completed) {
    JAMUL_ASSIGN_OR_RETURN(std::vector<std::int64_t> unseen, d.unseenFiles(scan_id));
    JAMUL_ASSIGN_OR_RETURN(sqlite::Statement remove,
                           d.db.prepare("DELETE FROM files WHERE id = ?1"));
    for (std::int64_t id : unseen) JAMUL_RETURN_IF_ERROR(remove.bind(1, id).run());
  }
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement update, d.db.prepare(R"sql(
    UPDATE scans SET finished_at_ms = ?2, status = ?3, files_seen = ?4, files_read = ?5,
      files_cached = ?6, bytes_read = ?7, files_with_findings = ?8, errors = ?9
    WHERE id = ?1)sql"));
  update.bind(1, scan_id).bind(2, d.env.nowMs());
  update.bindText(3, totals.completed ? "completed" : "interrupted");
  update.bind(4, totals.files_seen).bind(5, totals.files_read).bind(6, totals.files_cached);
  update.bind(7, totals.bytes_read).bind(8, totals.files_with_findings).bind(9, totals.errors);
  JAMUL_RETURN_IF_ERROR(update.run());
  JAMUL_RETURN_IF_ERROR(d.commitBatch());
  d.oracle.files.clear();
  d.oracle.seen = {};
  d.unlisted.clear();
  d.roots.clear();
  d.incremental = false;
  d.scan_turn.release();
  return okStatus();
}


std::int64_t Inventory::rowsWritten() const { return impl_->db.totalChanges(); }

}  // namespace jamul::agent
