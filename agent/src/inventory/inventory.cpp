// SPDX-License-Identifier: Apache-2.0
#include "jamul/agent/inventory.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "inventory/schema.h"
#include "inventory/sqlite_db.h"
#include "jamul/common/json_writer.h"

namespace jamul::agent {
namespace {

using scanner::Confidence;
using scanner::FileReport;
using scanner::FileStatus;

// Writes are grouped into transactions of this many reports (and at most this long apart), so a
// scan costs few fsyncs yet an interruption loses little.
constexpr int kReportsPerTransaction = 500;
constexpr auto kMaxTransactionAge = std::chrono::seconds(2);

std::int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Creates the file 0600 without following a link; an existing file is left alone.
Status createPrivateFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    return okStatus();
  }
  if (errno == EEXIST) return okStatus();
  return errorFromErrno(errno, "create inventory", path);
}

// Half-open BLOB range [low, high) holding every path strictly below `root`.
std::pair<std::string, std::string> childRange(const std::string& root) {
  const std::string prefix = root == "/" ? "/" : root + "/";
  std::string high = prefix;
  high.back() = static_cast<char>('/' + 1);
  return {prefix, high};
}

bool reusable(std::string_view status) {
  return status == "ok" || status == "protected" || status == "unsupported";
}

// What the inventory knows of one file, loaded by prepareIncremental().
struct Known {
  std::int64_t id = 0;
  scanner::FileEntry signature;
  std::string ruleset_version;
  std::string status;
  std::string detail;
  std::string error_code;
  std::string format;
  std::uint64_t text_bytes = 0;
  bool truncated = false;
  std::uint64_t occurrences = 0;
};

std::optional<ErrorCode> errorCodeFromName(std::string_view name) {
  for (ErrorCode c : {ErrorCode::kInvalidArgument, ErrorCode::kNotFound,
                      ErrorCode::kPermissionDenied, ErrorCode::kIo, ErrorCode::kUnsupportedFormat,
                      ErrorCode::kCorrupt, ErrorCode::kWrongKey, ErrorCode::kCancelled,
                      ErrorCode::kUnavailable, ErrorCode::kTooLarge, ErrorCode::kInternal})
    if (errorCodeName(c) == name) return c;
  return std::nullopt;
}

class KnownFilesOracle final : public scanner::ChangeOracle {
 public:
  bool unchanged(const scanner::FileEntry& entry) const override {
    auto it = files.find(entry.path);
    return it != files.end() && it->second.signature.sameSignature(entry) &&
           it->second.ruleset_version == ruleset_version && reusable(it->second.status);
  }

  // Immutable between prepareIncremental() and finishScan() (read from the walker thread).
  std::unordered_map<std::string, Known> files;
  std::string ruleset_version;
};

}  // namespace

struct Inventory::Impl {
  explicit Impl(sqlite::Database database) : db(std::move(database)) {}

  Status prepareStatements();
  Status beginBatchIfNeeded();
  Status commitBatch();
  Status writeReport(std::int64_t scan_id, const FileReport& report);
  Status writeError(std::int64_t scan_id, const FileReport& report);

  sqlite::Database db;
  KnownFilesOracle oracle;
  bool incremental = false;
  std::vector<std::string> roots;
  std::unordered_set<std::int64_t> seen;  // ids of known files this scan reported (cached or not)

  bool in_transaction = false;
  int batched = 0;
  std::chrono::steady_clock::time_point batch_started;

  std::optional<sqlite::Statement> upsert_file, delete_counts, delete_findings, insert_count,
      insert_finding, insert_error, select_counts, select_findings;
};

Status Inventory::Impl::prepareStatements() {
  const auto prep = [&](std::optional<sqlite::Statement>& slot, std::string_view sql) -> Status {
    JAMUL_ASSIGN_OR_RETURN(sqlite::Statement s, db.prepare(sql));
    slot.emplace(std::move(s));
    return okStatus();
  };
  JAMUL_RETURN_IF_ERROR(prep(upsert_file, R"sql(
    INSERT INTO files (path, size, mtime_ns, ctime_ns, inode, device, ruleset_version, status,
                       detail, error_code, format, text_bytes, findings_truncated, occurrences,
                       last_scan_id, scanned_at_ms)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
    ON CONFLICT(path) DO UPDATE SET
      size = excluded.size, mtime_ns = excluded.mtime_ns, ctime_ns = excluded.ctime_ns,
      inode = excluded.inode, device = excluded.device, ruleset_version = excluded.ruleset_version,
      status = excluded.status, detail = excluded.detail, error_code = excluded.error_code,
      format = excluded.format, text_bytes = excluded.text_bytes,
      findings_truncated = excluded.findings_truncated, occurrences = excluded.occurrences,
      last_scan_id = excluded.last_scan_id, scanned_at_ms = excluded.scanned_at_ms
    RETURNING id)sql"));
  JAMUL_RETURN_IF_ERROR(prep(delete_counts, "DELETE FROM file_counts WHERE file_id = ?1"));
  JAMUL_RETURN_IF_ERROR(prep(delete_findings, "DELETE FROM findings WHERE file_id = ?1"));
  JAMUL_RETURN_IF_ERROR(prep(insert_count,
      "INSERT INTO file_counts (file_id, rule, confidence, occurrences) VALUES (?1, ?2, ?3, ?4)"));
  JAMUL_RETURN_IF_ERROR(prep(insert_finding, R"sql(
    INSERT INTO findings (file_id, ordinal, rule, confidence, occurrences, offset, location, masked,
                          digest)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))sql"));
  JAMUL_RETURN_IF_ERROR(prep(insert_error,
      "INSERT INTO scan_errors (scan_id, path, code, message) VALUES (?1, ?2, ?3, ?4)"));
  JAMUL_RETURN_IF_ERROR(prep(select_counts,
      "SELECT rule, confidence, occurrences FROM file_counts WHERE file_id = ?1"));
  JAMUL_RETURN_IF_ERROR(prep(select_findings, R"sql(
    SELECT rule, confidence, occurrences, offset, location, masked, digest
    FROM findings WHERE file_id = ?1 ORDER BY ordinal)sql"));
  return okStatus();
}

Status Inventory::Impl::beginBatchIfNeeded() {
  if (in_transaction) return okStatus();
  JAMUL_RETURN_IF_ERROR(db.exec("BEGIN IMMEDIATE"));
  in_transaction = true;
  batched = 0;
  batch_started = std::chrono::steady_clock::now();
  return okStatus();
}

Status Inventory::Impl::commitBatch() {
  if (!in_transaction) return okStatus();
  in_transaction = false;
  return db.exec("COMMIT");
}

Status Inventory::Impl::writeError(std::int64_t scan_id, const FileReport& report) {
  insert_error->bind(1, scan_id).bindBlob(2, report.entry.path);
  insert_error->bindText(3, report.error_code ? errorCodeName(*report.error_code) : "internal");
  insert_error->bindText(4, report.detail);
  return insert_error->run();
}

Status Inventory::Impl::writeReport(std::int64_t scan_id, const FileReport& report) {
  const scanner::FileEntry& e = report.entry;
  sqlite::Statement& up = *upsert_file;
  up.bindBlob(1, e.path).bind(2, e.size).bind(3, e.mtime_ns).bind(4, e.ctime_ns);
  up.bind(5, e.inode).bind(6, e.device).bindText(7, scanner::kRulesetVersion);
  up.bindText(8, scanner::fileStatusName(report.status)).bindText(9, report.detail);
  if (report.error_code) up.bindText(10, errorCodeName(*report.error_code));
  else up.bindNull(10);
  up.bindText(11, report.format).bind(12, report.text_bytes);
  up.bind(13, std::int64_t{report.findings_truncated ? 1 : 0});
  up.bind(14, report.total(Confidence::kLow)).bind(15, scan_id).bind(16, nowMs());
  auto row = up.step();
  if (!row) {
    up.reset();
    return row.error();
  }
  const std::int64_t id = up.columnInt(0);
  up.reset();
  seen.insert(id);
  JAMUL_RETURN_IF_ERROR(delete_counts->bind(1, id).run());
  JAMUL_RETURN_IF_ERROR(delete_findings->bind(1, id).run());
  for (scanner::RuleId rule : scanner::kAllRules) {
    for (std::size_t c = 0; c < scanner::kConfidenceCount; ++c) {
      const std::uint64_t n = report.counts[scanner::ruleIndex(rule)][c];
      if (n == 0) continue;
      insert_count->bind(1, id).bindText(2, scanner::ruleName(rule));
      insert_count->bindText(3, scanner::confidenceName(scanner::confidenceFromIndex(c))).bind(4, n);
      JAMUL_RETURN_IF_ERROR(insert_count->run());
    }
  }
  std::int64_t ordinal = 0;
  for (const scanner::FindingSummary& f : report.findings) {
    sqlite::Statement& ins = *insert_finding;
    ins.bind(1, id).bind(2, ordinal++).bindText(3, scanner::ruleName(f.rule));
    ins.bindText(4, scanner::confidenceName(f.confidence)).bind(5, f.count).bind(6, f.offset);
    ins.bindText(7, f.location).bindText(8, f.masked);
    ins.bindBlob(9, std::string_view(reinterpret_cast<const char*>(f.digest.data()), f.digest.size()));
    JAMUL_RETURN_IF_ERROR(ins.run());
  }
  return okStatus();
}

Inventory::Inventory(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Inventory::Inventory(Inventory&&) noexcept = default;
Inventory& Inventory::operator=(Inventory&&) noexcept = default;
Inventory::~Inventory() {
  if (impl_ && impl_->in_transaction) (void)impl_->db.exec("COMMIT");
}

Result<Inventory> Inventory::open(const std::string& path) {
  JAMUL_RETURN_IF_ERROR(createPrivateFile(path));
  JAMUL_ASSIGN_OR_RETURN(sqlite::Database db, sqlite::Database::open(path));
  // WAL: readers (a status query, the tray later) never block the scan's writer. NORMAL sync is
  // durable across crashes of the process (only a power cut may lose the last transaction, never
  // corrupt the file).
  JAMUL_RETURN_IF_ERROR(db.exec(
      "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
      "PRAGMA foreign_keys = ON;"));
  if (Status s = migrate(db, kSchemaVersion); !s)
    return Error(s.error().code(), s.error().message(), path);
  auto impl = std::make_unique<Impl>(std::move(db));
  JAMUL_RETURN_IF_ERROR(impl->prepareStatements());
  return Inventory(std::move(impl));
}

Result<std::int64_t> Inventory::beginScan(std::span<const std::string> roots,
                                          std::string_view ruleset_version) {
  std::string roots_json;
  JsonWriter w(roots_json);
  w.beginArray();
  for (const std::string& r : roots) w.value(r);
  w.endArray();
  impl_->roots.assign(roots.begin(), roots.end());
  impl_->seen.clear();
  impl_->incremental = false;
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement insert, impl_->db.prepare(
      "INSERT INTO scans (started_at_ms, roots, ruleset_version) VALUES (?1, ?2, ?3)"));
  insert.bind(1, nowMs()).bindText(2, roots_json).bindText(3, ruleset_version);
  JAMUL_RETURN_IF_ERROR(insert.run());
  return impl_->db.lastInsertRowId();
}

Status Inventory::prepareIncremental(std::span<const std::string> roots,
                                     std::string_view ruleset_version) {
  KnownFilesOracle& oracle = impl_->oracle;
  oracle.files.clear();
  oracle.ruleset_version = std::string(ruleset_version);
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select, impl_->db.prepare(R"sql(
    SELECT id, path, size, mtime_ns, ctime_ns, inode, device, ruleset_version, status, detail,
           coalesce(error_code, ''), format, text_bytes, findings_truncated, occurrences
    FROM files WHERE path = ?1 OR (path >= ?2 AND path < ?3))sql"));
  for (const std::string& root : roots) {
    const auto [low, high] = childRange(root);
    select.bindBlob(1, root).bindBlob(2, low).bindBlob(3, high);
    JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(select, [&](const sqlite::Statement& row) {
      Known k;
      k.id = row.columnInt(0);
      k.signature.path = row.columnBlob(1);
      k.signature.size = static_cast<std::uint64_t>(row.columnInt(2));
      k.signature.mtime_ns = row.columnInt(3);
      k.signature.ctime_ns = row.columnInt(4);
      k.signature.inode = static_cast<std::uint64_t>(row.columnInt(5));
      k.signature.device = static_cast<std::uint64_t>(row.columnInt(6));
      k.ruleset_version = row.columnText(7);
      k.status = row.columnText(8);
      k.detail = row.columnText(9);
      k.error_code = row.columnText(10);
      k.format = row.columnText(11);
      k.text_bytes = static_cast<std::uint64_t>(row.columnInt(12));
      k.truncated = row.columnInt(13) != 0;
      k.occurrences = static_cast<std::uint64_t>(row.columnInt(14));
      oracle.files.emplace(k.signature.path, std::move(k));
    }));
  }
  impl_->incremental = true;
  return okStatus();
}

const scanner::ChangeOracle& Inventory::changeOracle() const { return impl_->oracle; }

Status Inventory::fillFromCache(FileReport& report) {
  const auto it = impl_->oracle.files.find(report.entry.path);
  if (it == impl_->oracle.files.end())
    return Error(ErrorCode::kNotFound, "file is not in the inventory", report.entry.path);
  const Known& k = it->second;
  report.status = scanner::fileStatusFromName(k.status).value_or(FileStatus::kError);
  report.detail = k.detail;
  report.error_code = k.error_code.empty() ? std::nullopt : errorCodeFromName(k.error_code);
  report.format = k.format;
  report.text_bytes = k.text_bytes;
  report.findings_truncated = k.truncated;
  report.counts = {};
  report.findings.clear();
  if (k.occurrences == 0) return okStatus();  // nothing stored beyond the row itself

  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(
      impl_->select_counts->bind(1, k.id), [&](const sqlite::Statement& row) {
        const auto rule = scanner::ruleFromName(row.columnText(0));
        const auto confidence = scanner::confidenceFromName(row.columnText(1));
        if (rule && confidence)
          report.counts[scanner::ruleIndex(*rule)][scanner::confidenceIndex(*confidence)] =
              static_cast<std::uint64_t>(row.columnInt(2));
      }));

  return sqlite::forEachRow(
      impl_->select_findings->bind(1, k.id), [&](const sqlite::Statement& row) {
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
      });
}

Status Inventory::record(std::int64_t scan_id, const FileReport& report) {
  Impl& d = *impl_;
  if (report.from_cache) {
    // Unchanged: no write at all; finishScan() needs only to know it was seen.
    if (auto it = d.oracle.files.find(report.entry.path); it != d.oracle.files.end())
      d.seen.insert(it->second.id);
    return okStatus();
  }
  JAMUL_RETURN_IF_ERROR(d.beginBatchIfNeeded());
  // A walk error has no signature (the entry could not be examined): there is no file row to keep.
  const bool walk_error = report.status == FileStatus::kError && report.entry.inode == 0 &&
                          report.entry.size == 0 && report.format.empty();
  if (report.status == FileStatus::kError) JAMUL_RETURN_IF_ERROR(d.writeError(scan_id, report));
  if (!walk_error) JAMUL_RETURN_IF_ERROR(d.writeReport(scan_id, report));
  if (++d.batched >= kReportsPerTransaction ||
      std::chrono::steady_clock::now() - d.batch_started >= kMaxTransactionAge)
    return d.commitBatch();
  return okStatus();
}

Status Inventory::finishScan(std::int64_t scan_id, const ScanTotals& totals) {
  Impl& d = *impl_;
  JAMUL_RETURN_IF_ERROR(d.beginBatchIfNeeded());
  if (totals.completed) {
    // Files under the roots that this complete scan did not report are gone or now excluded.
    if (d.incremental) {
      JAMUL_ASSIGN_OR_RETURN(sqlite::Statement remove,
                             d.db.prepare("DELETE FROM files WHERE id = ?1"));
      for (const auto& [path, known] : d.oracle.files) {
        if (d.seen.contains(known.id)) continue;
        JAMUL_RETURN_IF_ERROR(remove.bind(1, known.id).run());
      }
    } else {
      // A full scan rewrote every file it saw with its own scan id.
      JAMUL_ASSIGN_OR_RETURN(sqlite::Statement remove, d.db.prepare(
          "DELETE FROM files WHERE (path = ?1 OR (path >= ?2 AND path < ?3)) AND last_scan_id != ?4"));
      for (const std::string& root : d.roots) {
        const auto [low, high] = childRange(root);
        JAMUL_RETURN_IF_ERROR(remove.bindBlob(1, root).bindBlob(2, low).bindBlob(3, high)
                                  .bind(4, scan_id).run());
      }
    }
  }
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement update, d.db.prepare(R"sql(
    UPDATE scans SET finished_at_ms = ?2, status = ?3, files_seen = ?4, files_read = ?5,
      files_cached = ?6, bytes_read = ?7, files_with_findings = ?8, errors = ?9
    WHERE id = ?1)sql"));
  update.bind(1, scan_id).bind(2, nowMs()).bindText(3, totals.completed ? "completed" : "interrupted");
  update.bind(4, totals.files_seen).bind(5, totals.files_read).bind(6, totals.files_cached);
  update.bind(7, totals.bytes_read).bind(8, totals.files_with_findings).bind(9, totals.errors);
  JAMUL_RETURN_IF_ERROR(update.run());
  JAMUL_RETURN_IF_ERROR(d.commitBatch());
  d.oracle.files.clear();
  d.seen.clear();
  d.incremental = false;
  return okStatus();
}

Result<Inventory::Summary> Inventory::summary() {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement q, impl_->db.prepare(R"sql(
    SELECT count(*), coalesce(sum(occurrences > 0), 0), coalesce(sum(status != 'ok'), 0),
           (SELECT count(*) FROM scans)
    FROM files)sql"));
  JAMUL_ASSIGN_OR_RETURN(bool row, q.step());
  Summary s;
  if (row) {
    s.files = static_cast<std::uint64_t>(q.columnInt(0));
    s.files_with_findings = static_cast<std::uint64_t>(q.columnInt(1));
    s.files_not_read = static_cast<std::uint64_t>(q.columnInt(2));
    s.scans = static_cast<std::uint64_t>(q.columnInt(3));
  }
  return s;
}

}  // namespace jamul::agent
