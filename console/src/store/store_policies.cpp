// SPDX-License-Identifier: Apache-2.0
// Store: signed policies per group, one version counter for all groups.
#include <set>

#include "store/store.h"

namespace jamul::console {
namespace {

StoredPolicy policyFromRow(const Row& r) {
  return StoredPolicy{r.text(0), r.integer(1), r.text(2), r.text(3), r.text(4), r.integer(5)};
}

constexpr const char* kPolicyColumns = "group_name, version, body, signature, policy, updated_ms";

}  // namespace

Result<std::optional<StoredPolicy>> Store::policyFor(const std::string& department) {
  std::optional<StoredPolicy> found;
  Status s = db_->read([&](Tx& tx) -> Status {
    const std::string group = department.empty() ? "default" : department;
    JAMUL_ASSIGN_OR_RETURN(
        Rows rows,
        tx.query(std::string("SELECT ") + kPolicyColumns +
                     " FROM policies WHERE group_name IN (?, 'default')"
                     " ORDER BY CASE WHEN group_name = ? THEN 0 ELSE 1 END LIMIT 1",
                 {group, group}));
    if (!rows.empty()) found = policyFromRow(rows[0]);
    return okStatus();
  });
  if (!s) return s.error();
  return found;
}

Result<std::vector<StoredPolicy>> Store::policies() {
  std::vector<StoredPolicy> out;
  Status s = db_->read([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(Rows rows, tx.query(std::string("SELECT ") + kPolicyColumns +
                                               " FROM policies ORDER BY group_name"));
    for (const Row& r : rows) out.push_back(policyFromRow(r));
    return okStatus();
  });
  if (!s) return s.error();
  return out;
}

Result<std::vector<std::string>> Store::groups() {
  std::set<std::string> names{"default"};
  Status s = db_->read([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(Rows depts, tx.query("SELECT DISTINCT department FROM agents"
                                                " WHERE department <> ''"));
    for (const Row& r : depts) names.insert(r.text(0));
    JAMUL_ASSIGN_OR_RETURN(Rows groups, tx.query("SELECT group_name FROM policies"));
    for (const Row& r : groups) names.insert(r.text(0));
    return okStatus();
  });
  if (!s) return s.error();
  return std::vector<std::string>(names.begin(), names.end());
}

Result<std::int64_t> Store::setPolicy(const std::string& group, const std::string& policy_json,
                                      const PolicySigner& sign, std::int64_t now_ms,
                                      const std::string& actor) {
  std::int64_t version = 0;
  Status s = db_->transact([&](Tx& tx) -> Status {
    // The counter row is updated first: it serialises concurrent `policy set`s (PostgreSQL row
    // lock), and the version never goes back even if a group's policy is replaced.
    JAMUL_RETURN_IF_ERROR(tx.exec(
        "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT)"
        " WHERE name = 'policy_version'"));
    JAMUL_ASSIGN_OR_RETURN(
        version, tx.scalar("SELECT CAST(value AS BIGINT) FROM meta WHERE name = 'policy_version'",
                           {}));
    JAMUL_ASSIGN_OR_RETURN(auto signed_body, sign(version));
    JAMUL_RETURN_IF_ERROR(tx.exec(
        "INSERT INTO policies (group_name, version, body, signature, policy, updated_ms)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (group_name) DO UPDATE SET"
        " version = excluded.version, body = excluded.body, signature = excluded.signature,"
        " policy = excluded.policy, updated_ms = excluded.updated_ms",
        {group, version, signed_body.first, signed_body.second, policy_json, now_ms}));
    return tx.exec(
        "INSERT INTO audit (at_ms, admin, action, subject, detail)"
        " VALUES (?, ?, 'policy_set', ?, ?)",
        {now_ms, actor, "group " + group, "version " + std::to_string(version)});
  });
  if (!s) return s.error();
  return version;
}

}  // namespace jamul::console
