// SPDX-License-Identifier: Apache-2.0
// Store: admin accounts, their sessions (by digest), and the audit log.
#include "store/store.h"

namespace jamul::console {

Result<std::optional<AdminRecord>> Store::admin(const std::string& name) {
  std::optional<AdminRecord> found;
  Status s = db_->read([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(Rows rows, tx.query("SELECT name, password_hash, must_change_password"
                                               " FROM admins WHERE name = ?",
                                               {name}));
    if (!rows.empty()) found = AdminRecord{rows[0].text(0), rows[0].text(1), rows[0].integer(2) != 0};
    return okStatus();
  });
  if (!s) return s.error();
  return found;
}

Result<bool> Store::hasAdmins() {
  std::int64_t n = 0;
  Status s = db_->read([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(n, tx.scalar("SELECT COUNT(*) FROM admins", {}));
    return okStatus();
  });
  if (!s) return s.error();
  return n > 0;
}

Status Store::setPassword(const std::string& name, const std::string& hash, bool must_change,
                          std::int64_t now_ms, const std::string& actor) {
  return db_->transact([&](Tx& tx) -> Status {
    JAMUL_RETURN_IF_ERROR(tx.exec(
        "INSERT INTO admins (name, password_hash, must_change_password, created_ms)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
        " password_hash = excluded.password_hash,"
        " must_change_password = excluded.must_change_password",
        {name, hash, std::int64_t{must_change ? 1 : 0}, now_ms}));
    // A new password ends the account's sessions everywhere.
    JAMUL_RETURN_IF_ERROR(tx.exec("DELETE FROM sessions WHERE admin = ?", {name}));
    return tx.exec(
        "INSERT INTO audit (at_ms, admin, action, subject, detail)"
        " VALUES (?, ?, 'password_set', ?, ?)",
        {now_ms, actor, "admin " + name, must_change ? "one-time" : ""});
  });
}

Status Store::createSession(const std::string& digest, const SessionRecord& session) {
  return db_->transact([&](Tx& tx) -> Status {
    return tx.exec(
        "INSERT INTO sessions (digest, admin, csrf, created_ms, last_seen_ms)"
        " VALUES (?, ?, ?, ?, ?)",
        {digest, session.admin, session.csrf, session.created_ms, session.last_seen_ms});
  });
}

Result<std::optional<SessionRecord>> Store::touchSession(const std::string& digest,
                                                         std::int64_t now_ms,
                                                         std::int64_t max_age_ms,
                                                         std::int64_t idle_ms) {
  std::optional<SessionRecord> found;
  Status s = db_->read([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(Rows rows, tx.query("SELECT admin, csrf, created_ms, last_seen_ms"
                                               " FROM sessions WHERE digest = ?",
                                               {digest}));
    if (!rows.empty()) {
      found = SessionRecord{rows[0].text(0), rows[0].text(1), rows[0].integer(2),
                            rows[0].integer(3)};
    }
    return okStatus();
  });
  if (!s) return s.error();
  if (!found) return found;
  if (now_ms - found->created_ms > max_age_ms || now_ms - found->last_seen_ms > idle_ms) {
    JAMUL_RETURN_IF_ERROR(deleteSession(digest));
    return std::optional<SessionRecord>();
  }
  // Writes at most once a minute per session: the idle limit is 30 minutes.
  if (now_ms - found->last_seen_ms > 60'000) {
    JAMUL_RETURN_IF_ERROR(db_->transact([&](Tx& tx) {
      return tx.exec("UPDATE sessions SET last_seen_ms = ? WHERE digest = ?", {now_ms, digest});
    }, /*durable=*/false));
    found->last_seen_ms = now_ms;
  }
  return found;
}

Status Store::deleteSession(const std::string& digest) {
  return db_->transact(
      [&](Tx& tx) { return tx.exec("DELETE FROM sessions WHERE digest = ?", {digest}); });
}

Status Store::audit(const AuditEntry& e) {
  return db_->transact([&](Tx& tx) {
    return tx.exec(
        "INSERT INTO audit (at_ms, admin, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
        {e.at_ms, e.admin, e.action, e.subject, e.detail});
  });
}

Result<std::pair<std::vector<AuditEntry>, std::int64_t>> Store::auditLog(std::int64_t offset,
                                                                         std::int64_t limit) {
  std::pair<std::vector<AuditEntry>, std::int64_t> page;
  Status s = db_->read([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(page.second, tx.scalar("SELECT COUNT(*) FROM audit", {}));
    JAMUL_ASSIGN_OR_RETURN(Rows rows, tx.query("SELECT at_ms, admin, action, subject, detail"
                                               " FROM audit ORDER BY id DESC LIMIT ? OFFSET ?",
                                               {limit, offset}));
    for (const Row& r : rows) {
      page.first.push_back(AuditEntry{r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4)});
    }
    return okStatus();
  });
  if (!s) return s.error();
  return page;
}

}  // namespace jamul::console
