// SPDX-License-Identifier: Apache-2.0
// What an incremental rescan knows of the files under its roots, loaded from the inventory (see
// Inventory::prepareIncremental and "Incremental rescans" in ARCHITECTURE.md).
#include <thread>

#include "inventory/inventory_impl.h"
#include "jamul/agent/root_set.h"

namespace jamul::agent::inventory_detail {
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


Result<sqlite::Database> openReader(const std::string& db_path) {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Database db, sqlite::Database::open(db_path));
  JAMUL_RETURN_IF_ERROR(db.exec("PRAGMA busy_timeout = 5000; PRAGMA mmap_size = 268435456"));
  return db;
}

}  // namespace

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

}  // namespace jamul::agent::inventory_detail
