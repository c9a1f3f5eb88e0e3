// SPDX-License-Identifier: Apache-2.0
#pragma once

// The insides of Inventory (jamul/agent/inventory.h), shared by the files that implement it:
// inventory.cpp (opening, recording a scan), known_files_loader.cpp (what an incremental rescan
// knows, loaded in parallel) and inventory_queries.cpp (quarantine, summaries). Private to
// agent/src/inventory/.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "inventory/known_files.h"
#include "inventory/sqlite_db.h"
#include "jamul/agent/inventory.h"
#include "platform/env.h"
#include "platform/file_lock.h"

namespace jamul::agent::inventory_detail {

using scanner::FileReport;
using scanner::FileStatus;

// Writes are grouped into transactions of this many reports (and at most this long apart), so a
// scan costs few commits yet an interruption loses little.
inline constexpr int kReportsPerTransaction = 500;
inline constexpr auto kMaxTransactionAge = std::chrono::seconds(2);

// Half-open BLOB range [low, high) holding every path strictly below `root`. BLOBs compare with
// memcmp, and '0' follows '/', so "/a/b0..." and "/a/bc" fall outside "/a/b/" .. "/a/b0".
inline std::pair<std::string, std::string> childRange(const std::string& root) {
  const std::string prefix = root == "/" ? "/" : root + "/";
  std::string high = prefix;
  high.back() = static_cast<char>('/' + 1);
  return {prefix, high};
}

inline bool atOrBelow(std::string_view path, std::string_view dir) {
  if (dir == "/") return !path.empty() && path.front() == '/';
  return path.starts_with(dir) && (path.size() == dir.size() || path[dir.size()] == '/');
}

// Whether a stored status may stand for an unchanged file (the others are always read again).
inline bool reusable(FileStatus status) {
  return status == FileStatus::kOk || status == FileStatus::kProtected ||
         status == FileStatus::kUnsupported || status == FileStatus::kEncrypted;
}

class KnownFilesOracle final : public scanner::ChangeOracle {
 public:
  std::optional<std::uint32_t> unchanged(const scanner::FileEntry& entry) const override {
    const std::optional<std::uint32_t> handle = files.find(entry.path);
    if (!handle) return std::nullopt;
    const KnownFiles::Entry& k = files[*handle];
    if (!k.current_ruleset || !reusable(k.status) || k.signature() != entry.signature()) return std::nullopt;
    return handle;
  }

  // The entry of a from_cache report: by its handle, checked against the path (a report from
  // another oracle or a stale handle falls back to a lookup), nullopt if the file is not known.
  std::optional<std::uint32_t> handleOf(const scanner::FileReport& report) const {
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

// What the inventory at `db_path` knows of the files at or under `roots` (known_files_loader.cpp).
// Reads on `db` (the caller's connection) and on a second connection of its own; with no `db`, on
// two of its own.
Result<KnownFiles> loadKnownFiles(sqlite::Database* db, const std::string& db_path,
                                  std::span<const std::string> roots,
                                  std::string_view ruleset_version);

// A `findings` row read with the columns (rule, confidence, occurrences, offset, location,
// masked, digest, basis); nullopt for a rule or level this version does not know (skipped).
std::optional<scanner::FindingSummary> findingFromRow(const sqlite::Statement& row);

}  // namespace jamul::agent::inventory_detail

namespace jamul::agent {

struct Inventory::Impl {
  Impl(sqlite::Database database, std::string file)
      : db(std::move(database)), db_path(std::move(file)) {}

  Status prepareStatements();
  Status beginBatchIfNeeded();
  Status commitBatch();
  // Upserts the file row and, with `replaces_findings`, deletes its old counts and findings first;
  // then inserts the report's. Not atomic by itself (see writeAtomically()).
  Status writeReport(std::int64_t scan_id, const scanner::FileReport& report, bool replaces_findings);
  Status writeCleanRow(std::int64_t scan_id, const scanner::FileReport& report,
                       std::optional<std::uint32_t> known);
  void bindFileRow(sqlite::Statement& upsert, std::int64_t scan_id, const scanner::FileReport& report);
  // Whether the known row already holds `report`'s findings and counts (then only the row is
  // written).
  static bool holdsSameFindings(const KnownFiles::Entry& known, const scanner::FileReport& report);
  Status writeError(std::int64_t scan_id, const scanner::FileReport& report);
  Status writeAtomically(std::int64_t scan_id, const scanner::FileReport& report, bool walk_error);
  // Ids of rows under the scan's roots that finishScan() should delete.
  Result<std::vector<std::int64_t>> unseenFiles(std::int64_t scan_id);
  bool keptByWalkError(std::string_view path) const;
  // Makes `files` what the oracle knows, for the scan begun last.
  void installKnown(KnownFiles files);

  Env& env = Env::system();
  std::function<void(const Error&)> error_log;  // setErrorLog(); null: standard error
  sqlite::Database db;
  const std::string
      db_path;              // the database file (prepareIncremental() opens a second reader on it)
  FileLock scan_turn;       // held from beginScan() to finishScan()
  inventory_detail::KnownFilesOracle oracle;  // its map is immutable while a walker may read it
  // The current scan (beginScan() .. finishScan()); record() touches only these, never `oracle`.
  std::string ruleset_version;
  std::vector<std::string> roots;
  bool incremental = false;
  std::vector<std::string> unlisted;  // paths the walk could not list: their rows are kept

  int batched = 0;
  std::chrono::steady_clock::time_point batch_started;

  std::string report_cache_buffer;  // the packed findings bound to upsert_file (in place)
  // insert_findings: kFindingsPerInsert rows at once (inventory.cpp).
  std::optional<sqlite::Statement> upsert_file, upsert_clean_file, delete_counts, delete_findings,
      insert_count, insert_finding, insert_findings, insert_error, select_counts, select_findings,
      savepoint, release, rollback_to;
};

}  // namespace jamul::agent
