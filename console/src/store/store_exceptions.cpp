// SPDX-License-Identifier: Apache-2.0
// Store: exception requests and the admins' decisions on them.
#include "store/store.h"

namespace jamul::console {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

constexpr const char* kExceptionSelect =
    "SELECT e.id, e.agent, a.host, e.request_id, e.path, e.owner, e.content_digest, e.reason,"
    " e.days, e.requested_at_ms, e.state, e.decided_at_ms, e.expires_at_ms, e.decided_by"
    " FROM exceptions e LEFT JOIN agents a ON a.id = e.agent";

ExceptionRecord exceptionFromRow(const Row& r) {
  ExceptionRecord e;
  e.id = r.integer(0);
  e.agent = r.integer(1);
  e.host = r.text(2);
  e.request_id = r.integer(3);
  e.path = r.text(4);
  e.owner = r.text(5);
  e.content_digest = r.text(6);
  e.reason = r.text(7);
  e.days = r.integer(8);
  e.requested_at_ms = r.integer(9);
  e.state = r.text(10);
  e.decided_at_ms = r.integer(11);
  e.expires_at_ms = r.integer(12);
  e.decided_by = r.text(13);
  return e;
}

Result<std::vector<ExceptionRecord>> selectExceptions(Tx& tx, const std::string& where,
                                                      const std::vector<SqlParam>& params) {
  JAMUL_ASSIGN_OR_RETURN(Rows rows,
                         tx.query(std::string(kExceptionSelect) + where + " ORDER BY e.id", params));
  std::vector<ExceptionRecord> out;
  for (const Row& r : rows) out.push_back(exceptionFromRow(r));
  return out;
}

}  // namespace

Result<std::pair<std::vector<ExceptionRecord>, std::int64_t>> Store::exceptions(
    const ExceptionQuery& query) {
  const std::string where = query.state.empty() ? "" : " WHERE e.state = ?";
  std::vector<SqlParam> params;
  if (!query.state.empty()) params.emplace_back(query.state);
  std::pair<std::vector<ExceptionRecord>, std::int64_t> page;
  Status s = db_->read([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(page.second,
                           tx.scalar("SELECT COUNT(*) FROM exceptions e" + where, params));
    std::vector<SqlParam> paged = params;
    paged.emplace_back(query.limit);
    paged.emplace_back(query.offset);
    JAMUL_ASSIGN_OR_RETURN(
        Rows rows,
        tx.query(std::string(kExceptionSelect) + where + " ORDER BY e.id LIMIT ? OFFSET ?", paged));
    for (const Row& r : rows) page.first.push_back(exceptionFromRow(r));
    return okStatus();
  });
  if (!s) return s.error();
  return page;
}

Result<std::vector<ExceptionRecord>> Store::decisionsFor(std::int64_t agent) {
  std::vector<ExceptionRecord> out;
  Status s = db_->read([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(
        out, selectExceptions(tx, " WHERE e.agent = ? AND e.state <> 'pending' AND e.applied = 0",
                              {agent}));
    return okStatus();
  });
  if (!s) return s.error();
  return out;
}

Result<ExceptionRecord> Store::decide(std::int64_t id, bool approve,
                                      std::optional<std::int64_t> days, std::int64_t now_ms,
                                      const std::string& actor) {
  ExceptionRecord record;
  Status s = db_->transact([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(auto found, selectExceptions(tx, " WHERE e.id = ?", {id}));
    if (found.empty()) return Error(ErrorCode::kNotFound, "no exception " + std::to_string(id));
    record = found[0];
    if (record.state != "pending") {
      return Error(ErrorCode::kInvalidArgument,
                   "exception " + std::to_string(id) + " is already " + record.state);
    }
    record.state = approve ? "approved" : "denied";
    record.decided_at_ms = now_ms;
    record.decided_by = actor;
    if (approve) {
      const std::int64_t d = days.value_or(record.days > 0 ? record.days : 30);
      record.days = d;
      record.expires_at_ms = now_ms + d * kDayMs;
    }
    JAMUL_RETURN_IF_ERROR(tx.exec(
        "UPDATE exceptions SET state = ?, decided_at_ms = ?, expires_at_ms = ?, decided_by = ?,"
        " days = ?, applied = 0 WHERE id = ?",
        {record.state, now_ms, record.expires_at_ms, actor, record.days, id}));
    return tx.exec(
        "INSERT INTO audit (at_ms, admin, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
        {now_ms, actor, approve ? std::string("exception_approve") : std::string("exception_deny"),
         "exception " + std::to_string(id),
         approve ? "days " + std::to_string(record.days) : std::string()});
  });
  if (!s) return s.error();
  return record;
}

}  // namespace jamul::console
