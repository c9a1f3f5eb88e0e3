// SPDX-License-Identifier: Apache-2.0
// Store: agents — enrollment, tokens, heartbeats, the agents list, revocation.
#include "store/store.h"
#include "store/schema.h"

namespace jamul::console {
namespace {

constexpr const char* kAgentColumns =
    "id, machine_id, host, user_name, department, version, os, policy_version, state, run_state,"
    " enrolled_ms, last_contact_ms, outbox_depth, acked_seq, files_with_pii, files_encrypted,"
    " items, items_encrypted";

AgentRecord agentFromRow(const Row& row) {
  AgentRecord a;
  a.id = row.integer(0);
  a.machine_id = row.text(1);
  a.host = row.text(2);
  a.user = row.text(3);
  a.department = row.text(4);
  a.version = row.text(5);
  a.os = row.text(6);
  a.policy_version = row.integer(7);
  a.state = row.text(8);
  a.run_state = row.text(9);
  a.enrolled_ms = row.integer(10);
  a.last_contact_ms = row.integer(11);
  a.outbox_depth = row.integer(12);
  a.acked_seq = row.integer(13);
  a.files_with_pii = row.integer(14);
  a.files_encrypted = row.integer(15);
  a.items = row.integer(16);
  a.items_encrypted = row.integer(17);
  return a;
}

// LIKE with the user's text taken literally.
std::string likePattern(const std::string& q) {
  std::string out = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

}  // namespace

Result<std::unique_ptr<Store>> Store::open(const DbConfig& config) {
  JAMUL_ASSIGN_OR_RETURN(std::unique_ptr<Db> db, Db::open(config));
  JAMUL_RETURN_IF_ERROR(migrate(*db));
  return std::make_unique<Store>(std::move(db));
}

Result<std::int64_t> Store::enroll(const EnrollInput& in) {
  std::int64_t id = 0;
  Status s = db_->transact([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(
        id, tx.scalar("SELECT id FROM agents WHERE machine_id = ? AND state = 'enrolled'"
                      " ORDER BY id DESC LIMIT 1",
                      {in.machine_id}));
    if (id != 0) {
      // The same machine again: its id, its files and sequence stay; only the token is new.
      return tx.exec(
          "UPDATE agents SET host = ?, user_name = ?, department = ?, version = ?, os = ?,"
          " token_digest = ?, token_prev_digest = '', token_issued_ms = ?, token_used = 0,"
          " last_contact_ms = ? WHERE id = ?",
          {in.host, in.user, in.department, in.version, in.os, in.token_digest, in.now_ms,
           in.now_ms, id});
    }
    JAMUL_ASSIGN_OR_RETURN(
        id, tx.scalar("INSERT INTO agents (machine_id, host, user_name, department, version, os,"
                      " token_digest, token_issued_ms, enrolled_ms, last_contact_ms)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                      {in.machine_id, in.host, in.user, in.department, in.version, in.os,
                       in.token_digest, in.now_ms, in.now_ms, in.now_ms}));
    return okStatus();
  });
  if (!s) return s.error();
  return id;
}

Result<AgentAuth> Store::authenticate(std::int64_t agent, const std::string& token_digest,
                                      std::int64_t now_ms, std::int64_t token_max_age_ms) {
  AgentAuth auth;
  auth.id = agent;
  bool first_use = false;
  // A read: most requests use a token already in use; only its first use writes.
  Status s = db_->read([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(
        Rows rows, tx.query("SELECT state, token_digest, token_prev_digest, token_issued_ms,"
                            " token_used, department FROM agents WHERE id = ?",
                            {agent}));
    if (rows.empty()) return okStatus();  // kBadToken: an unknown id looks like a bad token
    const Row& r = rows[0];
    auth.department = r.text(5);
    if (r.text(0) == "revoked") {
      auth.result = AuthResult::kRevoked;
      return okStatus();
    }
    const bool used = r.integer(4) != 0;
    if (!r.text(1).empty() && r.text(1) == token_digest) {
      auth.result = AuthResult::kOk;
      auth.rotation_due = now_ms - r.integer(3) >= token_max_age_ms;
      first_use = !used;
    } else if (!used && !r.text(2).empty() && r.text(2) == token_digest) {
      auth.result = AuthResult::kOk;
      auth.rotation_due = true;  // it never got the new token: hand it out again
    }
    return okStatus();
  });
  if (!s) return s.error();
  if (first_use) {
    // The first use of a new token ends the previous one's grace.
    JAMUL_RETURN_IF_ERROR(db_->transact([&](Tx& tx) {
      return tx.exec("UPDATE agents SET token_used = 1, token_prev_digest = ''"
                     " WHERE id = ? AND token_digest = ?",
                     {agent, token_digest});
    }));
  }
  return auth;
}

Status Store::rotateToken(std::int64_t agent, const std::string& new_digest, std::int64_t now_ms) {
  return db_->transact([&](Tx& tx) -> Status {
    // Mid-rotation (the agent holds the previous token): that one stays the fallback.
    return tx.exec(
        "UPDATE agents SET token_prev_digest = CASE WHEN token_used = 0 AND token_prev_digest <> ''"
        " THEN token_prev_digest ELSE token_digest END, token_digest = ?, token_issued_ms = ?,"
        " token_used = 0 WHERE id = ?",
        {new_digest, now_ms, agent});
  });
}

Result<std::vector<ExceptionRecord>> Store::heartbeat(const HeartbeatInput& in) {
  Status s = db_->transact([&](Tx& tx) -> Status {
    JAMUL_RETURN_IF_ERROR(tx.exec(
        "UPDATE agents SET policy_version = ?, outbox_depth = ?, version = ?, run_state = ?,"
        " last_scan_ms = CASE WHEN ? > last_scan_ms THEN ? ELSE last_scan_ms END,"
        " last_contact_ms = ? WHERE id = ?",
        {in.policy_version, in.outbox_depth, in.version, in.state, in.last_scan_ms,
         in.last_scan_ms, in.now_ms, in.agent}));
    for (std::int64_t request : in.decisions_applied) {
      JAMUL_RETURN_IF_ERROR(tx.exec(
          "UPDATE exceptions SET applied = 1 WHERE agent = ? AND request_id = ?"
          " AND state <> 'pending'",
          {in.agent, request}));
    }
    return okStatus();
  }, /*durable=*/false);
  if (!s) return s.error();
  return decisionsFor(in.agent);
}

Result<AgentRecord> Store::agent(std::int64_t id) {
  std::optional<AgentRecord> found;
  Status s = db_->read([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(
        Rows rows, tx.query(std::string("SELECT ") + kAgentColumns + " FROM agents WHERE id = ?",
                            {id}));
    if (!rows.empty()) found = agentFromRow(rows[0]);
    return okStatus();
  });
  if (!s) return s.error();
  if (!found) return Error(ErrorCode::kNotFound, "no agent " + std::to_string(id));
  return *found;
}

Result<std::pair<std::vector<AgentRecord>, std::int64_t>> Store::agents(const AgentQuery& query) {
  std::string where = " WHERE 1 = 1";
  std::vector<SqlParam> params;
  if (!query.q.empty()) {
    where += " AND (host LIKE ? ESCAPE '\\' OR user_name LIKE ? ESCAPE '\\'"
             " OR department LIKE ? ESCAPE '\\')";
    const std::string pattern = likePattern(query.q);
    params.insert(params.end(), {pattern, pattern, pattern});
  }
  if (!query.state.empty()) {
    where += " AND state = ?";
    params.emplace_back(query.state);
  }
  std::pair<std::vector<AgentRecord>, std::int64_t> page;
  Status s = db_->read([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(page.second, tx.scalar("SELECT COUNT(*) FROM agents" + where, params));
    std::vector<SqlParam> paged = params;
    paged.emplace_back(query.limit);
    paged.emplace_back(query.offset);
    JAMUL_ASSIGN_OR_RETURN(Rows rows,
                           tx.query(std::string("SELECT ") + kAgentColumns + " FROM agents" +
                                        where + " ORDER BY id LIMIT ? OFFSET ?",
                                    paged));
    for (const Row& r : rows) page.first.push_back(agentFromRow(r));
    return okStatus();
  });
  if (!s) return s.error();
  return page;
}

Status Store::revoke(std::int64_t id, std::int64_t now_ms, const std::string& actor) {
  return db_->transact([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(std::int64_t found,
                           tx.scalar("SELECT COUNT(*) FROM agents WHERE id = ?", {id}));
    if (found == 0) return Error(ErrorCode::kNotFound, "no agent " + std::to_string(id));
    JAMUL_RETURN_IF_ERROR(tx.exec(
        "UPDATE agents SET state = 'revoked', token_digest = '', token_prev_digest = ''"
        " WHERE id = ?",
        {id}));
    return tx.exec(
        "INSERT INTO audit (at_ms, admin, action, subject, detail) VALUES (?, ?, 'revoke', ?, '')",
        {now_ms, actor, "agent " + std::to_string(id)});
  });
}

}  // namespace jamul::console
