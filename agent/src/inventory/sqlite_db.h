// SPDX-License-Identifier: Apache-2.0
#pragma once

// A thin RAII layer over the SQLite C API for the inventory: a Database owns a connection, a
// Statement owns a prepared statement. Failures become jamul::Error values (kIo for I/O and full
// disks, kCorrupt for a damaged or foreign file, kUnavailable when the database stays locked), with
// SQLite's message; no exception crosses this layer.
//
// Thread-safety: a connection belongs to one thread at a time. It is opened SQLITE_OPEN_NOMUTEX
// (SQLite's multi-thread mode), which relies on that: serialized mode took a mutex around every
// column read, a tenth of an unchanged rescan.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "jamul/common/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace jamul::agent::sqlite {

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  ~Statement();

  // Binders take the 1-based parameter index and return *this for chaining.
  Statement& bind(int index, std::int64_t value);
  // Stored as the same 64 bits: values above INT64_MAX (some inode numbers) read back unchanged.
  Statement& bind(int index, std::uint64_t value) {
    return bind(index, static_cast<std::int64_t>(value));
  }
  Statement& bindText(int index, std::string_view text);
  Statement& bindBlob(int index, std::string_view bytes);
  // The same without a copy (SQLite reads the bytes in place): for the hot path of a scan, which
  // binds a dozen strings per file. REQUIRES: the bytes stay valid and unchanged until reset().
  Statement& bindTextInPlace(int index, std::string_view text);
  Statement& bindBlobInPlace(int index, std::string_view bytes);
  Statement& bindNull(int index);

  // Runs one step: true if a row is available, false when done. Fails with kIo/kCorrupt/...
  Result<bool> step();
  // Steps to completion, for statements that return no rows.
  Status run();
  // Ready for new bindings and a new run.
  void reset();

  std::int64_t columnInt(int column) const;
  std::string columnText(int column) const;
  std::string columnBlob(int column) const;
  // The same without a copy: valid until the next step(), reset() or column call of another type.
  std::string_view columnTextView(int column) const;
  std::string_view columnBlobView(int column) const;
  bool columnIsNull(int column) const;

 private:
  friend class Database;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Database {
 public:
  // Opens an existing database file read-write, never following a symbolic link.
  static Result<Database> open(const std::string& path);

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  ~Database();

  Status exec(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);
  std::int64_t lastInsertRowId() const;
  // Rows changed by the connection since it was opened.
  std::int64_t totalChanges() const;
  // True between BEGIN and a COMMIT/ROLLBACK that succeeded (SQLite may also end a transaction by
  // itself after some errors).
  bool inTransaction() const;

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

// Steps `stmt` to completion, calling `on_row(stmt)` for each row, and resets it, also on failure.
template <typename OnRow>
Status forEachRow(Statement& stmt, OnRow&& on_row) {
  for (;;) {
    Result<bool> row = stmt.step();
    if (!row) {
      stmt.reset();
      return row.error();
    }
    if (!*row) break;
    on_row(stmt);
  }
  stmt.reset();
  return okStatus();
}

// Maps a SQLite result code and message to an Error.
Error sqliteError(int code, std::string_view what, std::string_view message);

}  // namespace jamul::agent::sqlite
