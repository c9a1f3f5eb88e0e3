// SPDX-License-Identifier: Apache-2.0
#pragma once

// Store: everything the console keeps, behind one interface over Db (SQLite or PostgreSQL, the
// same SQL). Each method is one transaction (or one read), so a caller that got an ok has it on
// disk: the report handler acknowledges only after ingest() returned.
//
// Credentials are stored as digests only (crypto::tokenDigest of agent tokens and session ids);
// the caller digests, the store compares. Times come from the caller (`now_ms`), so tests control
// them.
//
// Every method that an admin uses to change something writes the audit log in the same
// transaction (`actor`: the admin's name, or "cli:<user>" for `jamul-console admin`).
//
// Errors: kNotFound (no such agent, exception, admin), kInvalidArgument (a decision on an
// exception that is no longer pending), the Db's kUnavailable/kInternal.
//
// Thread-safety: thread-safe (Db is).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "jamul/common/result.h"
#include "store/db.h"
#include "store/records.h"

namespace jamul::console {

class Store {
 public:
  // Opens the database and migrates it to the current schema.
  static Result<std::unique_ptr<Store>> open(const DbConfig& config);
  explicit Store(std::unique_ptr<Db> db) : db_(std::move(db)) {}

  Dialect dialect() const { return db_->dialect(); }

  // ---- agents (store_agents.cpp) ----
  // The machine's agent id (the same for a machine enrolled before and not revoked, a new one
  // otherwise), now holding only `token_digest`.
  Result<std::int64_t> enroll(const EnrollInput& input);
  // Checks a token digest against the agent's current and (during a rotation) previous token.
  // Using the current one ends the previous one's grace.
  Result<AgentAuth> authenticate(std::int64_t agent, const std::string& token_digest,
                                 std::int64_t now_ms, std::int64_t token_max_age_ms);
  // The agent's new current token; the token it still holds stays valid until it uses the new one.
  Status rotateToken(std::int64_t agent, const std::string& new_digest, std::int64_t now_ms);
  // Records the contact; marks the listed decisions applied; returns the decisions still to send.
  Result<std::vector<ExceptionRecord>> heartbeat(const HeartbeatInput& input);
  Result<AgentRecord> agent(std::int64_t id);
  // A page of agents (by id) and the number matching.
  Result<std::pair<std::vector<AgentRecord>, std::int64_t>> agents(const AgentQuery& query);
  Status revoke(std::int64_t id, std::int64_t now_ms, const std::string& actor);

  // ---- reports (store_reports.cpp) ----
  // Applies the events above the agent's acknowledged sequence in one transaction; a batch that
  // does not continue it (a gap) changes nothing and says so.
  Result<IngestOutcome> ingest(std::int64_t agent, const std::vector<IngestEvent>& events,
                               std::int64_t now_ms);

  // ---- policies (store_policies.cpp) ----
  // The policy for a department: its group's, else the `default` group's, else none.
  Result<std::optional<StoredPolicy>> policyFor(const std::string& department);
  Result<std::vector<StoredPolicy>> policies();
  // The groups an admin can assign to: `default`, the departments agents reported, the groups
  // that have a policy.
  Result<std::vector<std::string>> groups();
  // Takes the next version (one counter for all groups), lets `sign` build body and signature for
  // it, stores them for `group`. Returns the version.
  using PolicySigner =
      std::function<Result<std::pair<std::string, std::string>>(std::int64_t version)>;
  Result<std::int64_t> setPolicy(const std::string& group, const std::string& policy_json,
                                 const PolicySigner& sign, std::int64_t now_ms,
                                 const std::string& actor);

  // ---- exceptions (store_exceptions.cpp) ----
  // A page of the requests in `query.state` (by id: oldest first) and the number in that state.
  Result<std::pair<std::vector<ExceptionRecord>, std::int64_t>> exceptions(
      const ExceptionQuery& query);
  // The agent's decided requests it has not confirmed applying (heartbeat replies carry them).
  Result<std::vector<ExceptionRecord>> decisionsFor(std::int64_t agent);
  // Approves (for `days`, else the requested days) or denies a pending request.
  Result<ExceptionRecord> decide(std::int64_t id, bool approve, std::optional<std::int64_t> days,
                                 std::int64_t now_ms, const std::string& actor);

  // ---- admins, sessions, audit (store_admins.cpp) ----
  Result<std::optional<AdminRecord>> admin(const std::string& name);
  // Sets (and creates) an admin's password hash.
  Status setPassword(const std::string& name, const std::string& hash, bool must_change,
                     std::int64_t now_ms, const std::string& actor);
  Result<bool> hasAdmins();
  Status createSession(const std::string& digest, const SessionRecord& session);
  // The live session for `digest`, touched; none when unknown, older than `max_age_ms` or idle
  // for `idle_ms` (then it is deleted).
  Result<std::optional<SessionRecord>> touchSession(const std::string& digest, std::int64_t now_ms,
                                                    std::int64_t max_age_ms, std::int64_t idle_ms);
  Status deleteSession(const std::string& digest);
  Status audit(const AuditEntry& entry);
  Result<std::pair<std::vector<AuditEntry>, std::int64_t>> auditLog(std::int64_t offset,
                                                                    std::int64_t limit);

  // ---- figures (store_figures.cpp) ----
  // `agents_offline`: enrolled agents silent for longer than their group's threshold.
  Result<Summary> summary(std::int64_t now_ms, const OfflineThresholds& offline);
  // by: "rule", "department" or "volume".
  Result<std::vector<FigureRow>> findingsBy(const std::string& by);
  Result<std::vector<DayFigures>> history(int days, std::int64_t now_ms);
  Result<std::vector<TopFile>> topFiles(std::int64_t limit);
  // Per department: agents, files with PII, encrypted, items, items encrypted.
  Result<std::vector<FigureRow>> exportRows();
  // Per enrolled agent: the findings of its files that are not encrypted.
  Result<std::vector<AgentFindings>> agentFindings();

 private:
  std::unique_ptr<Db> db_;
};

// The console's local day of `ms` (days since 1970-01-01 in local time), and its YYYY-MM-DD form.
std::int64_t localDay(std::int64_t ms);
std::string dayString(std::int64_t day);

}  // namespace jamul::console
