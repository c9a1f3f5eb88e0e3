// SPDX-License-Identifier: Apache-2.0
#include "jamul/agent/inventory.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "inventory/known_files.h"
#include "inventory/report_cache.h"
#include "inventory/schema.h"
#include "inventory/sqlite_db.h"
#include "jamul/agent/root_set.h"
#include "jamul/common/json_writer.h"
#include "platform/file_lock.h"

namespace jamul::agent {
namespace {

using scanner::Confidence;
using scanner::FileReport;
using scanner::FileStatus;

// Writes are grouped into transactions of this many reports (and at most this long apart), so a
// scan costs few commits yet an interruption loses little.
constexpr int kReportsPerTransaction = 500;
constexpr auto kMaxTransactionAge = std::chrono::seconds(2);

std::int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Creates the file 0600 without following a link; an existing file is left alone (SQLite then
// refuses it if it is a link: SQLITE_OPEN_NOFOLLOW). SQLite gives its -wal and -shm files the
// database's mode.
Status createPrivateFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    return okStatus();
  }
  if (errno == EEXIST) return okStatus();
  return errorFromErrno(errno, "create inventory", path);
}

// Half-open BLOB range [low, high) holding every path strictly below `root`. BLOBs compare with
// memcmp, and '0' follows '/', so "/a/b0..." and "/a/bc" fall outside "/a/b/" .. "/a/b0".
std::pair<std::string, std::string> childRange(const std::string& root) {
  const std::string prefix = root == "/" ? "/" : root + "/";
  std::string high = prefix;
  high.back() = static_cast<char>('/' + 1);
  return {prefix, high};
}

bool atOrBelow(std::string_view path, std::string_view dir) {
  if (dir == "/") return !path.empty() && path.front() == '/';
  return path.starts_with(dir) && (path.size() == dir.size() || path[dir.size()] == '/');
}

bool reusable(FileStatus status) {
  return status == FileStatus::kOk || status == FileStatus::kProtected ||
         status == FileStatus::kUnsupported || status == FileStatus::kEncrypted;
}

// A walk error: the walker could not examine the entry, so it has no signature.
bool isWalkError(const FileReport& report) {
  const scanner::FileEntry& e = report.entry;
  return report.status == FileStatus::kError && e.inode == 0 && e.size == 0 && e.mtime_ns == 0 &&
         e.ctime_ns == 0;
}

std::optional<ErrorCode> errorCodeFromName(std::string_view name) {
  for (ErrorCode c :
       {ErrorCode::kInvalidArgument, ErrorCode::kNotFound, ErrorCode::kPermissionDenied,
        ErrorCode::kIo, ErrorCode::kUnsupportedFormat, ErrorCode::kCorrupt, ErrorCode::kWrongKey,
        ErrorCode::kCancelled, ErrorCode::kUnavailable, ErrorCode::kTooLarge, ErrorCode::kInternal})
    if (errorCodeName(c) == name) return c;
  return std::nullopt;
}

class KnownFilesOracle final : public scanner::ChangeOracle {
 public:
  std::optional<std::uint32_t> unchanged(const scanner::FileEntry& entry) const override {
    const std::optional<std::uint32_t> handle = files.find(entry.path);
    if (!handle) return std::nullopt;
    const KnownFiles::Entry& k = files[*handle];
    if (!k.current_ruleset || !reusable(k.status) || !k.sameSignature(entry)) return std::nullopt;
    return handle;
  }

  // The entry of a from_cache report: by its handle, checked against the path (a report from
  // another oracle or a stale handle falls back to a lookup), nullopt if the file is not known.
  std::optional<std::uint32_t> handleOf(const FileReport& report) const {
    if (report.cache_handle < files.size() && files[report.cache_handle].path == report.entry.path)
      return report.cache_handle;
    return files.find(report.entry.path);
  }
  bool ready() const override { return ready_.load(std::memory_order_acquire); }
  void waitUntilReady() const override {
    std::unique_lock lock(mutex_);
    became_ready_.wait(lock, [&] { return ready_.load(std::memory_order_acquire); });
  }

  // Loading in the background (prepareIncrementalInBackground): not ready until markReady().
  void markLoading() { ready_.store(false, std::memory_order_release); }
  void markReady() {
    {
      std::lock_guard lock(mutex_);
      ready_.store(true, std::memory_order_release);
    }
    became_ready_.notify_all();
  }

  // Written by prepareIncremental() and finishScan() only; read from the walker thread in between.
  KnownFiles files;
  // seen[handle]: the sink reported the file this scan (from the cache or read again), so
  // finishScan() keeps its row. Written by the sink only, never read by the walker.
  std::vector<char> seen;

 private:
  std::atomic<bool> ready_{true};
  mutable std::mutex mutex_;
  mutable std::condition_variable became_ready_;
};

}  // namespace

struct Inventory::Impl {
  Impl(sqlite::Database database, std::string file)
      : db(std::move(database)), db_path(std::move(file)) {}

  Status prepareStatements();
  Status beginBatchIfNeeded();
  Status commitBatch();
  // Upserts the file row and, with `replaces_findings`, deletes its old counts and findings first;
  // then inserts the report's. Not atomic by itself (see writeAtomically()).
  Status writeReport(std::int64_t scan_id, const FileReport& report, bool replaces_findings);
  Status writeCleanRow(std::int64_t scan_id, const FileReport& report,
                       std::optional<std::uint32_t> known);
  void bindFileRow(sqlite::Statement& upsert, std::int64_t scan_id, const FileReport& report);
  Status writeError(std::int64_t scan_id, const FileReport& report);
  Status writeAtomically(std::int64_t scan_id, const FileReport& report, bool walk_error);
  // Ids of rows under the scan's roots that finishScan() should delete.
  Result<std::vector<std::int64_t>> unseenFiles(std::int64_t scan_id);
  bool keptByWalkError(std::string_view path) const;
  // Makes `files` what the oracle knows, for the scan begun last.
  void installKnown(KnownFiles files);

  sqlite::Database db;
  const std::string
      db_path;              // the database file (prepareIncremental() opens a second reader on it)
  FileLock scan_turn;       // held from beginScan() to finishScan()
  KnownFilesOracle oracle;  // its map is immutable while a walker may read it
  // The current scan (beginScan() .. finishScan()); record() touches only these, never `oracle`.
  std::string ruleset_version;
  std::vector<std::string> roots;
  bool incremental = false;
  std::vector<std::string> unlisted;  // paths the walk could not list: their rows are kept

  int batched = 0;
  std::chrono::steady_clock::time_point batch_started;

  std::string report_cache_buffer;  // the packed findings bound to upsert_file (in place)
  std::optional<sqlite::Statement> upsert_file, upsert_clean_file, delete_counts, delete_findings,
      insert_count, insert_finding, insert_error, select_counts, select_findings, savepoint,
      release, rollback_to;
};

// A file row, replacing the one with the same path (parameters: see bindFileRow()).
constexpr const char* kUpsertFile = R"sql(
    INSERT INTO files (path, size, mtime_ns, ctime_ns, inode, device, ruleset_version, status,
                       detail, error_code, format, text_bytes, findings_truncated, occurrences,
                       last_scan_id, scanned_at_ms, report_cache)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
    ON CONFLICT(path) DO UPDATE SET
      size = excluded.size, mtime_ns = excluded.mtime_ns, ctime_ns = excluded.ctime_ns,
      inode = excluded.inode, device = excluded.device, ruleset_version = excluded.ruleset_version,
      status = excluded.status, detail = excluded.detail, error_code = excluded.error_code,
      format = excluded.format, text_bytes = excluded.text_bytes,
      findings_truncated = excluded.findings_truncated, occurrences = excluded.occurrences,
      last_scan_id = excluded.last_scan_id, scanned_at_ms = excluded.scanned_at_ms,
      report_cache = excluded.report_cache)sql";

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
  JAMUL_RETURN_IF_ERROR(prep(insert_finding, R"sql(
    INSERT INTO findings (file_id, ordinal, rule, confidence, occurrences, offset, location, masked,
                          digest)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))sql"));
  JAMUL_RETURN_IF_ERROR(prep(insert_error, R"sql(
    INSERT INTO scan_errors (scan_id, path, code, message) VALUES (?1, ?2, ?3, ?4))sql"));
  JAMUL_RETURN_IF_ERROR(prep(select_counts,
                             "SELECT rule, confidence, occurrences FROM file_counts "
                             "WHERE file_id = ?1"));
  JAMUL_RETURN_IF_ERROR(prep(select_findings, R"sql(
    SELECT rule, confidence, occurrences, offset, location, masked, digest
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
  up.bind(14, report.total(Confidence::kLow)).bind(15, scan_id).bind(16, nowMs());
  if (report.findings.empty()) {
    up.bindNull(17);
  } else {
    report_cache_buffer = encodeReportCache(report);
    up.bindBlobInPlace(17, report_cache_buffer);
  }
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
  std::int64_t ordinal = 0;
  for (const scanner::FindingSummary& f : report.findings) {
    sqlite::Statement& ins = *insert_finding;
    ins.bind(1, id).bind(2, ordinal++).bindTextInPlace(3, scanner::ruleName(f.rule));
    ins.bindTextInPlace(4, scanner::confidenceName(f.confidence)).bind(5, f.count);
    ins.bind(6, f.offset).bindTextInPlace(7, f.location).bindTextInPlace(8, f.masked);
    ins.bindBlobInPlace(
        9, std::string_view(reinterpret_cast<const char*>(f.digest.data()), f.digest.size()));
    JAMUL_RETURN_IF_ERROR(ins.run());
  }
  return okStatus();
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
  if (impl_) (void)impl_->commitBatch();
}

Result<Inventory> Inventory::open(const std::string& path) {
  JAMUL_RETURN_IF_ERROR(createPrivateFile(path));
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
  insert.bind(1, nowMs()).bindText(2, roots_json).bindText(3, ruleset_version);
  JAMUL_RETURN_IF_ERROR(insert.run());
  d.ruleset_version = std::string(ruleset_version);
  d.roots.assign(roots.begin(), roots.end());
  d.incremental = false;
  d.unlisted.clear();
  d.oracle.files.clear();
  d.oracle.seen = {};
  return d.db.lastInsertRowId();
}

namespace {

constexpr const char* kKnownColumns =
    "id, path, size, mtime_ns, ctime_ns, inode, device, ruleset_version, status, detail, "
    "error_code, format, text_bytes, findings_truncated, occurrences, report_cache";

// Adds the row (columns kKnownColumns) to `files`.
void addKnown(const sqlite::Statement& row, std::string_view ruleset_version, KnownFiles& files) {
  KnownFiles::Entry k;
  k.id = row.columnInt(0);
  k.path = row.columnBlobView(1);
  k.size = static_cast<std::uint64_t>(row.columnInt(2));
  k.mtime_ns = row.columnInt(3);
  k.ctime_ns = row.columnInt(4);
  k.inode = static_cast<std::uint64_t>(row.columnInt(5));
  k.device = static_cast<std::uint64_t>(row.columnInt(6));
  // Views into the row, copied once into the store's arena: this runs once per known file.
  k.current_ruleset = row.columnTextView(7) == ruleset_version;
  // An unknown status (from a newer Jamul) is not reusable: the file is read again.
  k.status = scanner::fileStatusFromName(row.columnTextView(8)).value_or(FileStatus::kError);
  k.detail = row.columnTextView(9);
  if (!row.columnIsNull(10)) k.error_code = errorCodeFromName(row.columnTextView(10));
  k.format = row.columnTextView(11);
  k.text_bytes = static_cast<std::uint64_t>(row.columnInt(12));
  k.truncated = row.columnInt(13) != 0;
  k.has_findings = row.columnInt(14) != 0;
  if (k.has_findings) k.report_cache = row.columnBlobView(15);
  files.add(k);
}

// The rows with id in [first_id, end_id) at or under one of `roots`, read in rowid order (a
// sequential read of the table, no index).
Status loadIdRange(sqlite::Database& db, std::int64_t first_id, std::int64_t end_id,
                   const RootSet& roots, std::string_view ruleset_version, KnownFiles& files) {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select,
                         db.prepare(std::string("SELECT ") + kKnownColumns +
                                    " FROM files WHERE id >= ?1 AND id < ?2"));
  select.bind(1, first_id).bind(2, end_id);
  return sqlite::forEachRow(select, [&](const sqlite::Statement& row) {
    if (roots.holds(row.columnBlobView(1))) addKnown(row, ruleset_version, files);
  });
}

}  // namespace

namespace {

Result<sqlite::Database> openReader(const std::string& db_path) {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Database db, sqlite::Database::open(db_path));
  JAMUL_RETURN_IF_ERROR(db.exec("PRAGMA busy_timeout = 5000; PRAGMA mmap_size = 268435456"));
  return db;
}

// What the inventory at `db_path` knows of the files at or under `roots`. Reads on `db` (the
// caller's connection) and on a second connection of its own; with no `db`, on two of its own.
Result<KnownFiles> loadKnownFiles(sqlite::Database* db, const std::string& db_path,
                                  std::span<const std::string> roots,
                                  std::string_view ruleset_version) {
  std::optional<sqlite::Database> own;
  if (db == nullptr) {
    JAMUL_ASSIGN_OR_RETURN(sqlite::Database opened, openReader(db_path));
    own.emplace(std::move(opened));
    db = &*own;
  }
  // Two ways to load. When the roots hold most of the table (the usual case: an agent rescans the
  // same folders), the table is read sequentially in two halves by id, one on a second connection
  // and thread, and filtered here: on a 20,000-file inventory that halves this serial step of a
  // rescan. When the roots are a small part of a large table, the path index finds just their
  // rows. Which case it is: when the first and the last path of the table lie under one root, the
  // roots hold (about) all of it, found in two index seeks; otherwise the rows under the roots are
  // counted, which reads their part of the index. (Only the choice depends on this, not what is
  // loaded: both ways filter by root. One subquery per aggregate: SQLite answers a lone min() or
  // max() from the index, several in one SELECT by a scan.)
  JAMUL_ASSIGN_OR_RETURN(
      sqlite::Statement extent,
      db->prepare("SELECT (SELECT max(id) FROM files), (SELECT min(path) FROM files), "
                  "(SELECT max(path) FROM files)"));
  JAMUL_ASSIGN_OR_RETURN(bool has_row, extent.step());
  const std::int64_t last_id = has_row ? extent.columnInt(0) : 0;
  bool all_under_one_root = false;
  if (has_row && !extent.columnIsNull(1)) {
    const std::string_view first = extent.columnBlobView(1), last = extent.columnBlobView(2);
    for (const std::string& root : roots)
      all_under_one_root |= atOrBelow(first, root) && atOrBelow(last, root);
  }
  extent.reset();
  // Without a count, ids bound the rows (they may run ahead of them after deletions: not reserved).
  std::int64_t under_roots = last_id;
  if (!all_under_one_root) {
    JAMUL_ASSIGN_OR_RETURN(
        sqlite::Statement count,
        db->prepare("SELECT count(*) FROM files WHERE path = ?1 OR (path >= ?2 AND path < ?3)"));
    under_roots = 0;
    for (const std::string& root : roots) {
      const auto [low, high] = childRange(root);
      count.bindBlob(1, root).bindBlob(2, low).bindBlob(3, high);
      JAMUL_ASSIGN_OR_RETURN(bool counted, count.step());
      if (counted) under_roots += count.columnInt(0);
      count.reset();
    }
  }
  constexpr std::int64_t kParallelFrom =
      4096;  // below this, a second thread costs more than it saves
  const RootSet root_set(roots);
  KnownFiles files;
  if (!all_under_one_root) files.reserve(static_cast<std::size_t>(under_roots));
  if (under_roots >= kParallelFrom && under_roots * 2 >= last_id) {
    const std::int64_t middle = last_id / 2 + 1;
    KnownFiles upper;
    if (!all_under_one_root) upper.reserve(static_cast<std::size_t>(under_roots / 2 + 1));
    Status upper_status = okStatus();
    std::thread reader([&] {
      auto second = openReader(db_path);
      upper_status =
          second ? loadIdRange(*second, middle, last_id + 1, root_set, ruleset_version, upper)
                 : Status(second.error());
    });
    const Status lower_status = loadIdRange(*db, 0, middle, root_set, ruleset_version, files);
    reader.join();
    JAMUL_RETURN_IF_ERROR(lower_status);
    JAMUL_RETURN_IF_ERROR(upper_status);
    files.append(std::move(upper));
  } else {
    JAMUL_ASSIGN_OR_RETURN(
        sqlite::Statement select,
        db->prepare(std::string("SELECT ") + kKnownColumns +
                    " FROM files WHERE path = ?1 OR (path >= ?2 AND path < ?3)"));
    for (const std::string& root : roots) {
      const auto [low, high] = childRange(root);
      select.bindBlob(1, root).bindBlob(2, low).bindBlob(3, high);
      JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(
          select, [&](const sqlite::Statement& row) { addKnown(row, ruleset_version, files); }));
    }
  }
  files.buildIndex();
  return files;
}

}  // namespace

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
  return std::async(std::launch::async,
                    [this, roots = std::move(roots), ruleset_version = std::move(ruleset_version)] {
                      // Ready also after a failure (the oracle then knows nothing, and the caller
                      // has the error), and even if loading throws: a walker waits for this.
                      struct MarkReady {
                        KnownFilesOracle& oracle;
                        ~MarkReady() { oracle.markReady(); }
                      } mark_ready{impl_->oracle};
                      auto files = loadKnownFiles(nullptr, impl_->db_path, roots, ruleset_version);
                      if (!files) return Status(files.error());
                      impl_->installKnown(std::move(*files));
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
        const auto rule = scanner::ruleFromName(row.columnText(0));
        const auto confidence = scanner::confidenceFromName(row.columnText(1));
        if (!rule || !confidence) return;  // a rule this version does not know: skip it
        scanner::FindingSummary f;
        f.rule = *rule;
        f.confidence = *confidence;
        f.count = static_cast<std::uint64_t>(row.columnInt(2));
        f.offset = static_cast<std::uint64_t>(row.columnInt(3));
        f.location = row.columnText(4);
        f.masked = row.columnText(5);
        const std::string digest = row.columnBlob(6);
        std::memcpy(f.digest.data(), digest.data(), std::min(digest.size(), f.digest.size()));
        report.findings.push_back(std::move(f));
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
  update.bind(1, scan_id).bind(2, nowMs());
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

Status Inventory::addQuarantined(std::span<const UnfinishedParse> parses,
                                 std::string_view ruleset_version) {
  if (parses.empty()) return okStatus();
  Impl& d = *impl_;
  JAMUL_RETURN_IF_ERROR(d.commitBatch());
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement insert, d.db.prepare(R"sql(
    INSERT INTO quarantine (digest, ruleset_version, path, format, since_ms)
    VALUES (?1, ?2, ?3, ?4, ?5)
    ON CONFLICT (digest, ruleset_version) DO UPDATE SET path = excluded.path)sql"));
  JAMUL_RETURN_IF_ERROR(d.db.exec("BEGIN IMMEDIATE"));
  for (const UnfinishedParse& p : parses) {
    insert.bindBlob(
        1, std::string_view(reinterpret_cast<const char*>(p.content.data()), p.content.size()));
    insert.bindText(2, ruleset_version).bindBlob(3, p.path).bindText(4, p.format).bind(5, nowMs());
    if (Status s = insert.run(); !s) {
      (void)d.db.exec("ROLLBACK");
      return s;
    }
  }
  return d.db.exec("COMMIT");
}

Result<std::vector<ValueDigest>> Inventory::quarantined(std::string_view ruleset_version) {
  std::vector<ValueDigest> out;
  JAMUL_ASSIGN_OR_RETURN(
      sqlite::Statement select,
      impl_->db.prepare("SELECT digest FROM quarantine WHERE ruleset_version = ?1"));
  select.bindText(1, ruleset_version);
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(select, [&](const sqlite::Statement& row) {
    const std::string_view blob = row.columnBlobView(0);
    ValueDigest d{};
    if (blob.size() != d.size()) return;
    std::memcpy(d.data(), blob.data(), d.size());
    out.push_back(d);
  }));
  return out;
}

Result<std::uint64_t> Inventory::clearQuarantine(std::string_view ruleset_version) {
  Impl& d = *impl_;
  JAMUL_RETURN_IF_ERROR(d.commitBatch());
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement remove,
                         d.db.prepare("DELETE FROM quarantine WHERE ruleset_version = ?1"));
  const std::int64_t before = d.db.totalChanges();
  JAMUL_RETURN_IF_ERROR(remove.bindText(1, ruleset_version).run());
  return static_cast<std::uint64_t>(d.db.totalChanges() - before);
}

Result<std::vector<std::string>> Inventory::filesWithFindings(Confidence min) {
  std::vector<std::string> out;
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select, impl_->db.prepare(R"sql(
    SELECT path FROM files
    WHERE EXISTS (SELECT 1 FROM file_counts c WHERE c.file_id = files.id AND c.occurrences > 0
                  AND c.confidence IN (SELECT value FROM json_each(?1)))
    ORDER BY path)sql"));
  std::string levels = "[";
  for (std::size_t c = scanner::confidenceIndex(min); c < scanner::kConfidenceCount; ++c) {
    if (levels.size() > 1) levels += ",";
    levels += "\"" + std::string(scanner::confidenceName(scanner::confidenceFromIndex(c))) + "\"";
  }
  levels += "]";
  select.bindText(1, levels);
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(
      select, [&](const sqlite::Statement& row) { out.push_back(row.columnBlob(0)); }));
  return out;
}

Result<std::uint64_t> Inventory::unfinishedActions() {
  // The same condition as the partial index file_actions_unfinished (schema version 4), so that
  // SQLite answers from the index alone.
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select, impl_->db.prepare(R"sql(
    SELECT count(*) FROM file_actions WHERE step NOT IN ('done', 'rolled_back', 'failed'))sql"));
  JAMUL_ASSIGN_OR_RETURN(bool row, select.step());
  return row ? static_cast<std::uint64_t>(select.columnInt(0)) : 0;
}

Result<Inventory::ProtectionSummary> Inventory::protectionSummary() {
  ProtectionSummary p;
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select, impl_->db.prepare(R"sql(
    SELECT
      (SELECT count(*) FROM files WHERE EXISTS (
         SELECT 1 FROM file_counts c WHERE c.file_id = files.id AND c.occurrences > 0
         AND c.confidence IN ('medium', 'high'))),
      (SELECT count(*) FROM file_actions e WHERE e.action = 'encrypt' AND e.step = 'done'
         AND NOT EXISTS (SELECT 1 FROM file_actions d WHERE d.action = 'decrypt'
                         AND d.step = 'done' AND d.path = e.target_path AND d.id > e.id)),
      (SELECT count(*) FROM file_actions WHERE action = 'shred' AND step = 'done'),
      (SELECT count(*) FROM file_actions WHERE step NOT IN ('done', 'rolled_back', 'failed')),
      (SELECT count(DISTINCT d.target_path) FROM file_actions d WHERE d.action = 'decrypt'
         AND d.step = 'done'
         AND NOT EXISTS (SELECT 1 FROM file_actions e WHERE e.action IN ('encrypt', 'shred')
                         AND e.step = 'done' AND e.path = d.target_path AND e.id > d.id)
         AND NOT EXISTS (SELECT 1 FROM files f WHERE f.path = d.target_path)))sql"));
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(select, [&](const sqlite::Statement& row) {
    p.files_with_findings = static_cast<std::uint64_t>(row.columnInt(0));
    p.encrypted = static_cast<std::uint64_t>(row.columnInt(1));
    p.shredded = static_cast<std::uint64_t>(row.columnInt(2));
    p.unfinished = static_cast<std::uint64_t>(row.columnInt(3));
    p.decrypted_unscanned = static_cast<std::uint64_t>(row.columnInt(4));
  }));
  return p;
}

Result<InventorySummary> Inventory::summary() {
  sqlite::Database& db = impl_->db;
  InventorySummary s;
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement files, db.prepare(R"sql(
    SELECT status, count(*), sum(occurrences > 0) FROM files GROUP BY status)sql"));
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(files, [&](const sqlite::Statement& row) {
    const auto n = static_cast<std::uint64_t>(row.columnInt(1));
    const FileStatus status =
        scanner::fileStatusFromName(row.columnText(0)).value_or(FileStatus::kError);
    s.files += n;
    s.files_by_status[static_cast<std::size_t>(status)] += n;
    if (status != FileStatus::kOk) s.files_not_read += n;
    s.files_with_findings += static_cast<std::uint64_t>(row.columnInt(2));
  }));
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement counts, db.prepare(R"sql(
    SELECT rule, confidence, sum(occurrences) FROM file_counts GROUP BY rule, confidence)sql"));
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(counts, [&](const sqlite::Statement& row) {
    const auto rule = scanner::ruleFromName(row.columnText(0));
    const auto confidence = scanner::confidenceFromName(row.columnText(1));
    if (rule && confidence)
      s.occurrences[scanner::ruleIndex(*rule)][scanner::confidenceIndex(*confidence)] =
          static_cast<std::uint64_t>(row.columnInt(2));
  }));
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement scans, db.prepare(R"sql(
    SELECT count(*), coalesce(max(CASE WHEN status = 'completed' THEN finished_at_ms END), 0)
    FROM scans)sql"));
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(scans, [&](const sqlite::Statement& row) {
    s.scans = static_cast<std::uint64_t>(row.columnInt(0));
    s.last_completed_scan_ms = row.columnInt(1);
  }));
  return s;
}

std::int64_t Inventory::rowsWritten() const { return impl_->db.totalChanges(); }

}  // namespace jamul::agent
