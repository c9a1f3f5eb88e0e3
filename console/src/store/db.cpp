// SPDX-License-Identifier: Apache-2.0
#include "store/db.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <cstdlib>
#include <mutex>

namespace jamul::console {
namespace {

std::once_flag g_connectors_registered;

void registerConnectors() {
  std::call_once(g_connectors_registered, [] {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::PostgreSQL::Connector::registerConnector();
  });
}

// Poco's message can quote the statement, never a bound value: parameters are bound, not inlined.
Error dbError(const Poco::Exception& e) {
  std::string what = e.displayText();
  const bool busy = what.find("locked") != std::string::npos ||
                    what.find("busy") != std::string::npos ||
                    what.find("onnect") != std::string::npos;
  const bool constraint = what.find("onstraint") != std::string::npos ||
                          what.find("unique") != std::string::npos;
  ErrorCode code = busy ? ErrorCode::kUnavailable
                        : (constraint ? ErrorCode::kInvalidArgument : ErrorCode::kInternal);
  return Error(code, "database: " + what);
}

void bindAll(Poco::Data::Statement& statement, const std::vector<SqlParam>& params) {
  for (const SqlParam& param : params) {
    std::visit([&](const auto& v) { statement.addBind(Poco::Data::Keywords::bind(v)); }, param);
  }
}

std::string cellText(const Poco::Data::RecordSet& rs, std::size_t column, std::size_t row) {
  if (rs.isNull(column, row)) return {};
  const Poco::Dynamic::Var& v = rs.value(column, row);
  if (v.isEmpty()) return {};
  return v.convert<std::string>();
}

}  // namespace

std::int64_t Row::integer(std::size_t column) const {
  const std::string& t = cells_.at(column);
  if (t.empty()) return 0;
  return std::strtoll(t.c_str(), nullptr, 10);
}

Result<Rows> Tx::query(std::string_view sql, const std::vector<SqlParam>& params) {
  try {
    Poco::Data::Statement statement(session_);
    statement << Db::translate(sql, dialect_);
    bindAll(statement, params);
    statement.execute();
    Poco::Data::RecordSet rs(statement);
    Rows rows;
    const std::size_t columns = rs.columnCount();
    const std::size_t count = rs.rowCount();
    rows.reserve(count);
    for (std::size_t r = 0; r < count; ++r) {
      std::vector<std::string> cells;
      cells.reserve(columns);
      for (std::size_t c = 0; c < columns; ++c) cells.push_back(cellText(rs, c, r));
      rows.emplace_back(std::move(cells));
    }
    return rows;
  } catch (const Poco::Exception& e) {
    return dbError(e);
  } catch (const std::exception& e) {
    return Error(ErrorCode::kInternal, std::string("database: ") + e.what());
  }
}

Status Tx::exec(std::string_view sql, const std::vector<SqlParam>& params) {
  try {
    Poco::Data::Statement statement(session_);
    statement << Db::translate(sql, dialect_);
    bindAll(statement, params);
    statement.execute();
    return okStatus();
  } catch (const Poco::Exception& e) {
    return dbError(e);
  } catch (const std::exception& e) {
    return Error(ErrorCode::kInternal, std::string("database: ") + e.what());
  }
}

Result<std::int64_t> Tx::scalar(std::string_view sql, const std::vector<SqlParam>& params,
                                std::int64_t fallback) {
  JAMUL_ASSIGN_OR_RETURN(Rows rows, query(sql, params));
  if (rows.empty() || rows[0].size() == 0) return fallback;
  return rows[0].integer(0);
}

std::string Db::translate(std::string_view sql, Dialect dialect) {
  if (dialect == Dialect::kSqlite) return std::string(sql);
  std::string out;
  out.reserve(sql.size() + 16);
  bool quoted = false;
  int n = 0;
  for (char c : sql) {
    if (c == '\'') quoted = !quoted;
    if (c == '?' && !quoted) {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::string> postgresConnectionString(std::string_view url) {
  try {
    Poco::URI uri{std::string(url)};
    if (uri.getScheme() != "postgresql" && uri.getScheme() != "postgres") {
      return Error(ErrorCode::kInvalidArgument, "database URL must start with postgresql://");
    }
    if (uri.getHost().empty()) {
      return Error(ErrorCode::kInvalidArgument, "database URL names no host");
    }
    std::string db = uri.getPath();
    if (!db.empty() && db[0] == '/') db.erase(0, 1);
    if (db.empty() || db.find_first_of(" /") != std::string::npos) {
      return Error(ErrorCode::kInvalidArgument, "database URL names no database (…/DBNAME)");
    }
    std::string out;
    for (const auto& [name, value] : uri.getQueryParameters()) {
      if (name != "schema") {
        return Error(ErrorCode::kInvalidArgument, "database URL: unknown parameter " + name);
      }
      bool ok = !value.empty() && value.size() <= 63;
      for (char c : value) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
      if (!ok) return Error(ErrorCode::kInvalidArgument, "database URL: schema must be [a-z0-9_]");
      out += "schema=" + value + " ";
    }
    out += "host=" + uri.getHost() + " port=" + std::to_string(uri.getPort()) +
                      " dbname=" + db;
    const std::string& info = uri.getUserInfo();
    if (!info.empty()) {
      const auto colon = info.find(':');
      std::string user = info.substr(0, colon);
      if (user.find(' ') != std::string::npos) {
        return Error(ErrorCode::kInvalidArgument, "database URL: a user name holds a space");
      }
      out += " user=" + user;
      if (colon != std::string::npos) {
        std::string password = info.substr(colon + 1);
        if (password.find(' ') != std::string::npos) {
          return Error(ErrorCode::kInvalidArgument, "database URL: the password holds a space");
        }
        out += " password=" + password;
      }
    }
    return out;
  } catch (const Poco::Exception&) {
    return Error(ErrorCode::kInvalidArgument, "database URL is malformed");
  }
}

Db::Db(Dialect dialect, std::string connector, std::string connection, int max_connections)
    : dialect_(dialect),
      connector_(std::move(connector)),
      connection_(std::move(connection)),
      max_connections_(max_connections) {}

Db::~Db() = default;

Result<std::unique_ptr<Db>> Db::open(const DbConfig& config) {
  registerConnectors();
  std::unique_ptr<Db> db;
  if (config.url.empty()) {
    db.reset(new Db(Dialect::kSqlite, "SQLite", config.sqlite_path, config.max_connections));
  } else {
    JAMUL_ASSIGN_OR_RETURN(std::string connection, postgresConnectionString(config.url));
    std::string schema;
    if (connection.rfind("schema=", 0) == 0) {
      const auto space = connection.find(' ');
      schema = connection.substr(7, space - 7);
      connection.erase(0, space + 1);
    }
    db.reset(new Db(Dialect::kPostgres, "PostgreSQL", connection, config.max_connections));
    db->schema_ = schema;
  }
  // Connect once now, so that a bad URL or an unreachable server is reported at start.
  JAMUL_ASSIGN_OR_RETURN(auto session, db->acquire());
  db->release(std::move(session), true);
  return db;
}

Result<std::unique_ptr<Poco::Data::Session>> Db::connect() {
  try {
    auto session = std::make_unique<Poco::Data::Session>(connector_, connection_);
    if (dialect_ == Dialect::kSqlite) {
      Tx tx(*session, dialect_);
      // busy_timeout first: the other pragmas may wait for the admin CLI's lock.
      JAMUL_RETURN_IF_ERROR(tx.query("PRAGMA busy_timeout = 15000"));
      JAMUL_RETURN_IF_ERROR(tx.query("PRAGMA journal_mode = WAL"));
      JAMUL_RETURN_IF_ERROR(tx.exec("PRAGMA synchronous = FULL"));
    } else {
      // libpq prints notices on stderr, in the middle of the console's log.
      Tx tx(*session, dialect_);
      JAMUL_RETURN_IF_ERROR(tx.exec("SET client_min_messages = warning"));
      if (!schema_.empty()) {
        // The name was checked to be [a-z0-9_]: it cannot be bound, and needs no quoting.
        JAMUL_RETURN_IF_ERROR(tx.exec("CREATE SCHEMA IF NOT EXISTS " + schema_));
        JAMUL_RETURN_IF_ERROR(tx.exec("SET search_path TO " + schema_));
      }
    }
    return session;
  } catch (const Poco::Exception& e) {
    return Error(ErrorCode::kUnavailable, "database: cannot connect: " + e.displayText());
  }
}

Result<std::unique_ptr<Poco::Data::Session>> Db::acquire() {
  {
    std::unique_lock lock(pool_mutex_);
    pool_cv_.wait(lock, [&] { return !idle_.empty() || open_count_ < max_connections_; });
    if (!idle_.empty()) {
      auto session = std::move(idle_.back());
      idle_.pop_back();
      return session;
    }
    ++open_count_;
  }
  auto session = connect();
  if (!session) {
    std::lock_guard lock(pool_mutex_);
    --open_count_;
    pool_cv_.notify_one();
  }
  return session;
}

void Db::release(std::unique_ptr<Poco::Data::Session> session, bool healthy) {
  std::lock_guard lock(pool_mutex_);
  if (healthy) {
    idle_.push_back(std::move(session));
  } else {
    --open_count_;  // a broken connection (PostgreSQL restarted) is dropped, a new one made
  }
  pool_cv_.notify_one();
}

Status Db::transact(const std::function<Status(Tx&)>& body, bool durable) {
  std::unique_lock<std::mutex> writer;
  if (dialect_ == Dialect::kSqlite) writer = std::unique_lock(write_mutex_);
  JAMUL_ASSIGN_OR_RETURN(auto session, acquire());
  Tx tx(*session, dialect_);
  if (dialect_ == Dialect::kSqlite) {
    // Per connection and outside a transaction; cheap (no I/O).
    Status sync = tx.exec(durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    if (!sync) {
      release(std::move(session), true);
      return sync;
    }
  }
  // SQLite: BEGIN IMMEDIATE takes the write lock up front (waiting out the admin CLI), so a
  // transaction never fails half-way on a lock upgrade.
  const char* begin = dialect_ == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN";
  Status status = tx.exec(begin);
  if (status) {
    status = body(tx);
    if (status) {
      status = tx.exec("COMMIT");
    } else {
      (void)tx.exec("ROLLBACK");
    }
  }
  bool healthy = true;
  if (!status && status.error().code() == ErrorCode::kUnavailable) healthy = false;
  if (!status && dialect_ == Dialect::kPostgres) {
    try {
      healthy = healthy && session->isConnected();
    } catch (const Poco::Exception&) {
      healthy = false;
    }
  }
  release(std::move(session), healthy);
  return status;
}

Status Db::read(const std::function<Status(Tx&)>& body) {
  JAMUL_ASSIGN_OR_RETURN(auto session, acquire());
  Tx tx(*session, dialect_);
  Status status = body(tx);
  release(std::move(session), status || status.error().code() != ErrorCode::kUnavailable);
  return status;
}

}  // namespace jamul::console
