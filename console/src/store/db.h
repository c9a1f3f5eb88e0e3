// SPDX-License-Identifier: Apache-2.0
#pragma once

// Db: the console's one adapter over Poco::Data, for SQLite (the embedded default) and PostgreSQL
// (large fleets). Everything above it speaks SQL written once with `?` placeholders; Db turns them
// into `$1, $2, …` for PostgreSQL and catches every Poco exception, so that the store sees only
// Result values.
//
//   auto db = Db::open(DbConfig{.url = "", .sqlite_path = dir + "/console.db"});
//   Status s = (*db)->transact([&](Tx& tx) -> Status {
//     JAMUL_ASSIGN_OR_RETURN(Rows rows, tx.query("SELECT id FROM agents WHERE host = ?", {host}));
//     ...
//   });
//
// SQLite: WAL journal, synchronous=FULL for durable transactions (an acknowledged commit survives
// kill -9 and power loss) and NORMAL for the rest,
// a busy timeout (the `admin` CLI writes while the server runs), and one writer at a time inside
// the process (a mutex around write transactions, so that two threads never deadlock on a lock
// upgrade). PostgreSQL: the libpq connection is made from the postgresql:// URL.
//
// Thread-safety: Db is thread-safe; a Tx belongs to the thread inside transact()/read().

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "jamul/common/result.h"

namespace Poco::Data {
class Session;
}

namespace jamul::console {

enum class Dialect { kSqlite, kPostgres };

using SqlParam = std::variant<std::int64_t, std::string>;

// One result row: every column as text (NULL as ""), read as a number on demand.
class Row {
 public:
  explicit Row(std::vector<std::string> cells) : cells_(std::move(cells)) {}
  const std::string& text(std::size_t column) const { return cells_.at(column); }
  // The column as an integer; 0 for NULL or non-numeric text (a value the store wrote itself).
  std::int64_t integer(std::size_t column) const;
  std::size_t size() const { return cells_.size(); }

 private:
  std::vector<std::string> cells_;
};
using Rows = std::vector<Row>;

// A connection inside transact()/read(). Statements fail with kUnavailable (the database is
// unreachable or busy), kInvalidArgument (a constraint) or kInternal (bad SQL), message included.
class Tx {
 public:
  Result<Rows> query(std::string_view sql, const std::vector<SqlParam>& params = {});
  Status exec(std::string_view sql, const std::vector<SqlParam>& params = {});
  // query() for one integer: the first column of the first row, or `fallback` without rows.
  Result<std::int64_t> scalar(std::string_view sql, const std::vector<SqlParam>& params,
                              std::int64_t fallback = 0);
  Dialect dialect() const { return dialect_; }

 private:
  friend class Db;
  Tx(Poco::Data::Session& session, Dialect dialect) : session_(session), dialect_(dialect) {}
  Poco::Data::Session& session_;
  Dialect dialect_;
};

struct DbConfig {
  // postgresql://user[:password]@host[:port]/db[?schema=NAME]; empty: SQLite. With a schema,
  // the console's tables live in it (created if absent), so several consoles (or test runs) can
  // share one database.
  std::string url;
  std::string sqlite_path;  // the SQLite file when url is empty
  int max_connections = 16;
};

class Db {
 public:
  // Opens (and for SQLite creates) the database. kInvalidArgument for a URL Db cannot read,
  // kUnavailable when the server cannot be reached.
  static Result<std::unique_ptr<Db>> open(const DbConfig& config);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  Dialect dialect() const { return dialect_; }

  // Runs `body` in one transaction: committed when it returns ok, rolled back otherwise.
  // `durable`: the commit is on disk when transact() returns (SQLite synchronous=FULL). A
  // non-durable commit (heartbeats, session touches: worth nothing after a power cut) survives a
  // crash of the process but may be lost with the machine; the next durable commit persists it.
  Status transact(const std::function<Status(Tx&)>& body, bool durable = true);
  // Runs `body` outside a transaction (reads).
  Status read(const std::function<Status(Tx&)>& body);

  // `?` placeholders as the dialect wants them (PostgreSQL: $1, $2, …; quotes respected).
  static std::string translate(std::string_view sql, Dialect dialect);

 private:
  Db(Dialect dialect, std::string connector, std::string connection, int max_connections);
  Result<std::unique_ptr<Poco::Data::Session>> acquire();
  void release(std::unique_ptr<Poco::Data::Session> session, bool healthy);
  Result<std::unique_ptr<Poco::Data::Session>> connect();

  Dialect dialect_;
  std::string connector_;
  std::string connection_;
  int max_connections_;
  std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Poco::Data::Session>> idle_;
  int open_count_ = 0;
  std::mutex write_mutex_;  // SQLite: one writer at a time in this process
  std::string schema_;      // PostgreSQL: the URL's ?schema= (several consoles in one database)
};

// A postgresql:// URL as libpq key=value pairs ("host=… port=… dbname=… user=…"), which is what
// Poco's connector takes, preceded by "schema=NAME " when the URL names one. kInvalidArgument
// naming what is wrong.
Result<std::string> postgresConnectionString(std::string_view url);

}  // namespace jamul::console
