// SPDX-License-Identifier: Apache-2.0
#include "store/schema.h"

#include <string>
#include <string_view>

namespace jamul::console {
namespace {

constexpr std::string_view kSchemaV1[] = {
    "CREATE TABLE agents ("
    " id %ID%, machine_id TEXT NOT NULL, host TEXT NOT NULL DEFAULT '',"
    " user_name TEXT NOT NULL DEFAULT '', department TEXT NOT NULL DEFAULT '',"
    " version TEXT NOT NULL DEFAULT '', os TEXT NOT NULL DEFAULT '',"
    " policy_version BIGINT NOT NULL DEFAULT 0, state TEXT NOT NULL DEFAULT 'enrolled',"
    " run_state TEXT NOT NULL DEFAULT '',"
    " token_digest TEXT NOT NULL, token_prev_digest TEXT NOT NULL DEFAULT '',"
    " token_issued_ms BIGINT NOT NULL, token_used BIGINT NOT NULL DEFAULT 0,"
    " enrolled_ms BIGINT NOT NULL, last_contact_ms BIGINT NOT NULL DEFAULT 0,"
    " last_scan_ms BIGINT NOT NULL DEFAULT 0, outbox_depth BIGINT NOT NULL DEFAULT 0,"
    " acked_seq BIGINT NOT NULL DEFAULT 0,"
    " files_with_pii BIGINT NOT NULL DEFAULT 0, files_encrypted BIGINT NOT NULL DEFAULT 0,"
    " items BIGINT NOT NULL DEFAULT 0, items_encrypted BIGINT NOT NULL DEFAULT 0,"
    " hist_day BIGINT NOT NULL DEFAULT -1, hist_files BIGINT NOT NULL DEFAULT 0,"
    " hist_files_encrypted BIGINT NOT NULL DEFAULT 0, hist_items BIGINT NOT NULL DEFAULT 0,"
    " hist_items_encrypted BIGINT NOT NULL DEFAULT 0)",
    "CREATE INDEX agents_machine ON agents (machine_id)",
    "CREATE INDEX agents_department ON agents (department)",
    "CREATE INDEX agents_host ON agents (host)",
    "CREATE INDEX agents_contact ON agents (last_contact_ms)",
    "CREATE TABLE files ("
    " agent BIGINT NOT NULL, path TEXT NOT NULL, owner TEXT NOT NULL DEFAULT '',"
    " volume TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT '',"
    " format TEXT NOT NULL DEFAULT '', size BIGINT NOT NULL DEFAULT 0,"
    " counts TEXT NOT NULL DEFAULT '{}', items BIGINT NOT NULL DEFAULT 0,"
    " encrypted BIGINT NOT NULL DEFAULT 0, original TEXT NOT NULL DEFAULT '',"
    " excerpts TEXT NOT NULL DEFAULT '[]', updated_ms BIGINT NOT NULL DEFAULT 0,"
    " PRIMARY KEY (agent, path))",
    "CREATE INDEX files_items ON files (items)",
    "CREATE INDEX files_volume ON files (volume)",
    // Per agent and rule: what the agent's files hold, kept at ingest (by-rule figures, and
    // `admin findings`, without reading files).
    "CREATE TABLE agent_rules ("
    " agent BIGINT NOT NULL, rule TEXT NOT NULL, files BIGINT NOT NULL DEFAULT 0,"
    " items BIGINT NOT NULL DEFAULT 0, files_encrypted BIGINT NOT NULL DEFAULT 0,"
    " items_encrypted BIGINT NOT NULL DEFAULT 0, PRIMARY KEY (agent, rule))",
    "CREATE TABLE scans ("
    " id %ID%, agent BIGINT NOT NULL, reason TEXT NOT NULL DEFAULT '',"
    " started_ms BIGINT NOT NULL DEFAULT 0, finished_ms BIGINT NOT NULL DEFAULT 0,"
    " files BIGINT NOT NULL DEFAULT 0, files_with_findings BIGINT NOT NULL DEFAULT 0,"
    " files_encrypted BIGINT NOT NULL DEFAULT 0, items BIGINT NOT NULL DEFAULT 0,"
    " items_encrypted BIGINT NOT NULL DEFAULT 0)",
    "CREATE INDEX scans_agent ON scans (agent, finished_ms)",
    // The fleet's before/after history as per-day changes: each agent's latest scan counts from
    // its day on, so a day's figure is the sum of the deltas up to it.
    "CREATE TABLE history_deltas ("
    " day BIGINT PRIMARY KEY, files_with_pii BIGINT NOT NULL DEFAULT 0,"
    " files_encrypted BIGINT NOT NULL DEFAULT 0, items BIGINT NOT NULL DEFAULT 0,"
    " items_encrypted BIGINT NOT NULL DEFAULT 0)",
    "CREATE TABLE volumes ("
    " agent BIGINT NOT NULL, vol_key TEXT NOT NULL, label TEXT NOT NULL DEFAULT '',"
    " size_bytes BIGINT NOT NULL DEFAULT 0, removable BIGINT NOT NULL DEFAULT 0,"
    " first_seen_ms BIGINT NOT NULL DEFAULT 0, last_seen_ms BIGINT NOT NULL DEFAULT 0,"
    " PRIMARY KEY (agent, vol_key))",
    "CREATE TABLE exceptions ("
    " id %ID%, agent BIGINT NOT NULL, request_id BIGINT NOT NULL,"
    " path TEXT NOT NULL, owner TEXT NOT NULL DEFAULT '', content_digest TEXT NOT NULL DEFAULT '',"
    " reason TEXT NOT NULL DEFAULT '', days BIGINT NOT NULL DEFAULT 0,"
    " requested_at_ms BIGINT NOT NULL DEFAULT 0, state TEXT NOT NULL DEFAULT 'pending',"
    " decided_at_ms BIGINT NOT NULL DEFAULT 0, expires_at_ms BIGINT NOT NULL DEFAULT 0,"
    " decided_by TEXT NOT NULL DEFAULT '', applied BIGINT NOT NULL DEFAULT 0)",
    "CREATE UNIQUE INDEX exceptions_request ON exceptions (agent, request_id)",
    "CREATE INDEX exceptions_state ON exceptions (state)",
    "CREATE TABLE actions ("
    " id %ID%, agent BIGINT NOT NULL, path TEXT NOT NULL, action TEXT NOT NULL,"
    " ok BIGINT NOT NULL DEFAULT 0, owner TEXT NOT NULL DEFAULT '', at_ms BIGINT NOT NULL DEFAULT 0)",
    "CREATE INDEX actions_agent ON actions (agent, at_ms)",
    "CREATE TABLE policies ("
    " group_name TEXT PRIMARY KEY, version BIGINT NOT NULL, body TEXT NOT NULL,"
    " signature TEXT NOT NULL, policy TEXT NOT NULL, updated_ms BIGINT NOT NULL)",
    "CREATE TABLE admins ("
    " name TEXT PRIMARY KEY, password_hash TEXT NOT NULL,"
    " must_change_password BIGINT NOT NULL DEFAULT 1, created_ms BIGINT NOT NULL)",
    "CREATE TABLE sessions ("
    " digest TEXT PRIMARY KEY, admin TEXT NOT NULL, csrf TEXT NOT NULL,"
    " created_ms BIGINT NOT NULL, last_seen_ms BIGINT NOT NULL)",
    "CREATE TABLE audit ("
    " id %ID%, at_ms BIGINT NOT NULL, admin TEXT NOT NULL, action TEXT NOT NULL,"
    " subject TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX audit_at ON audit (at_ms)",
};

std::string expand(std::string_view sql, Dialect dialect) {
  std::string out(sql);
  const std::string id = dialect == Dialect::kSqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                                                     : "BIGSERIAL PRIMARY KEY";
  if (auto at = out.find("%ID%"); at != std::string::npos) out.replace(at, 4, id);
  return out;
}

Result<int> currentVersion(Tx& tx) {
  JAMUL_RETURN_IF_ERROR(tx.exec(
      "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"));
  JAMUL_ASSIGN_OR_RETURN(Rows rows,
                         tx.query("SELECT value FROM meta WHERE name = 'schema_version'"));
  if (rows.empty()) return 0;
  return static_cast<int>(rows[0].integer(0));
}

}  // namespace

Status migrate(Db& db) {
  return db.transact([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(int version, currentVersion(tx));
    if (version > kSchemaVersion) {
      return Error(ErrorCode::kCorrupt, "the database has schema version " +
                                            std::to_string(version) + ", newer than this console's " +
                                            std::to_string(kSchemaVersion));
    }
    if (version == kSchemaVersion) return okStatus();
    for (std::string_view sql : kSchemaV1) JAMUL_RETURN_IF_ERROR(tx.exec(expand(sql, tx.dialect())));
    JAMUL_RETURN_IF_ERROR(tx.exec("INSERT INTO meta (name, value) VALUES ('policy_version', '0')"));
    return tx.exec("INSERT INTO meta (name, value) VALUES ('schema_version', ?)",
                   {std::to_string(kSchemaVersion)});
  });
}

}  // namespace jamul::console
