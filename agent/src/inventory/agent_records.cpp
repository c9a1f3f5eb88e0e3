// SPDX-License-Identifier: Apache-2.0
// What the inventory keeps for the agent (issue 15): each user's findings as reports, the
// removable volumes seen, exception requests, the questions of `notify` actions, and the agent's
// own state. Tables in schema.cpp (version 5), described in docs/inventory.md.
#include <cstring>

#include "inventory/inventory_impl.h"

namespace jamul::agent {

using scanner::Confidence;
using scanner::FileReport;

namespace {

// The JSON array of confidence names at `min` or above, for `IN (SELECT value FROM json_each(?))`.
std::string levelsFrom(Confidence min) {
  std::string levels = "[";
  for (std::size_t c = scanner::confidenceIndex(min); c < scanner::kConfidenceCount; ++c) {
    if (levels.size() > 1) levels += ",";
    levels += "\"" + std::string(scanner::confidenceName(scanner::confidenceFromIndex(c))) + "\"";
  }
  return levels + "]";
}

}  // namespace

Result<std::vector<FileReport>> Inventory::reportsWithFindings(Confidence min,
                                                               std::optional<std::uint32_t> owner) {
  Impl& d = *impl_;
  JAMUL_RETURN_IF_ERROR(d.commitBatch());
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement files, d.db.prepare(R"sql(
    SELECT id, path, size, mtime_ns, ctime_ns, inode, device, status, detail, error_code, format,
           text_bytes, findings_truncated, coalesce(owner_uid, -1)
    FROM files
    WHERE (?2 IS NULL OR owner_uid = ?2)
      AND EXISTS (SELECT 1 FROM file_counts c WHERE c.file_id = files.id AND c.occurrences > 0
                  AND c.confidence IN (SELECT value FROM json_each(?1)))
    ORDER BY path)sql"));
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement counts, d.db.prepare(
      "SELECT rule, confidence, occurrences FROM file_counts WHERE file_id = ?1"));
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement findings, d.db.prepare(R"sql(
    SELECT rule, confidence, occurrences, offset, location, masked, digest, basis
    FROM findings WHERE file_id = ?1 ORDER BY ordinal)sql"));
  files.bindText(1, levelsFrom(min));
  if (owner)
    files.bind(2, static_cast<std::int64_t>(*owner));
  else
    files.bindNull(2);
  // One read transaction: the three queries see one state of the inventory.
  JAMUL_RETURN_IF_ERROR(d.db.exec("BEGIN"));
  std::vector<FileReport> out;
  std::vector<std::int64_t> ids;
  Status status = sqlite::forEachRow(files, [&](const sqlite::Statement& row) {
    FileReport& r = out.emplace_back();
    ids.push_back(row.columnInt(0));
    r.entry.path = row.columnBlob(1);
    r.entry.size = static_cast<std::uint64_t>(row.columnInt(2));
    r.entry.mtime_ns = row.columnInt(3);
    r.entry.ctime_ns = row.columnInt(4);
    r.entry.inode = static_cast<std::uint64_t>(row.columnInt(5));
    r.entry.device = static_cast<std::uint64_t>(row.columnInt(6));
    r.status = scanner::fileStatusFromName(row.columnText(7)).value_or(scanner::FileStatus::kError);
    r.detail = row.columnText(8);
    if (!row.columnIsNull(9)) r.error_code = errorCodeFromName(row.columnText(9));
    r.format = row.columnText(10);
    r.text_bytes = static_cast<std::uint64_t>(row.columnInt(11));
    r.findings_truncated = row.columnInt(12) != 0;
    const std::int64_t uid = row.columnInt(13);
    r.entry.owner = uid < 0 ? 0 : static_cast<std::uint32_t>(uid);
  });
  for (std::size_t i = 0; status && i < out.size(); ++i) {
    FileReport& r = out[i];
    status = sqlite::forEachRow(counts.bind(1, ids[i]), [&](const sqlite::Statement& row) {
      const auto rule = scanner::ruleFromName(row.columnText(0));
      const auto level = scanner::confidenceFromName(row.columnText(1));
      if (!rule || !level) return;  // a rule this version does not know
      r.counts[scanner::ruleIndex(*rule)][scanner::confidenceIndex(*level)] +=
          static_cast<std::uint64_t>(row.columnInt(2));
    });
    if (!status) break;
    status = sqlite::forEachRow(findings.bind(1, ids[i]), [&](const sqlite::Statement& row) {
      if (auto f = inventory_detail::findingFromRow(row)) r.findings.push_back(std::move(*f));
    });
  }
  (void)d.db.exec(status ? "COMMIT" : "ROLLBACK");
  if (!status) return status.error();
  return out;
}

Result<std::optional<std::uint32_t>> Inventory::ownerOf(const std::string& path) {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select,
                         impl_->db.prepare("SELECT owner_uid FROM files WHERE path = ?1"));
  select.bindBlob(1, path);
  std::optional<std::uint32_t> owner;
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(select, [&](const sqlite::Statement& row) {
    if (!row.columnIsNull(0)) owner = static_cast<std::uint32_t>(row.columnInt(0));
  }));
  return owner;
}

Status Inventory::recordVolume(const Volume& v) {
  Impl& d = *impl_;
  JAMUL_RETURN_IF_ERROR(d.commitBatch());
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement upsert, d.db.prepare(R"sql(
    INSERT INTO volumes (uuid, label, mount_point, size_bytes, removable, first_seen_ms,
                         last_seen_ms)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
    ON CONFLICT (uuid) DO UPDATE SET label = excluded.label, mount_point = excluded.mount_point,
      size_bytes = excluded.size_bytes, removable = excluded.removable,
      last_seen_ms = excluded.last_seen_ms)sql"));
  upsert.bindText(1, v.key).bindText(2, v.label).bindBlob(3, v.mount_point);
  upsert.bind(4, v.size_bytes).bind(5, std::int64_t{v.removable ? 1 : 0}).bind(6, v.last_seen_ms);
  return upsert.run();
}

Result<std::vector<Inventory::Volume>> Inventory::volumes() {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select, impl_->db.prepare(R"sql(
    SELECT uuid, label, mount_point, size_bytes, removable, first_seen_ms, last_seen_ms
    FROM volumes ORDER BY last_seen_ms DESC, id)sql"));
  std::vector<Volume> out;
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(select, [&](const sqlite::Statement& row) {
    Volume& v = out.emplace_back();
    v.key = row.columnText(0);
    v.label = row.columnText(1);
    v.mount_point = row.columnBlob(2);
    v.size_bytes = static_cast<std::uint64_t>(row.columnInt(3));
    v.removable = row.columnInt(4) != 0;
    v.first_seen_ms = row.columnInt(5);
    v.last_seen_ms = row.columnInt(6);
  }));
  return out;
}

Result<std::int64_t> Inventory::addException(const std::string& path, std::uint32_t owner,
                                             const std::string& reason, int days,
                                             std::int64_t now_ms,
                                             const std::string& content_digest) {
  Impl& d = *impl_;
  JAMUL_RETURN_IF_ERROR(d.commitBatch());
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement insert, d.db.prepare(R"sql(
    INSERT INTO exceptions (path, owner_uid, reason, days, requested_at_ms, content_digest)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql"));
  insert.bindBlob(1, path).bind(2, std::int64_t{owner}).bindText(3, reason);
  insert.bind(4, std::int64_t{days}).bind(5, now_ms).bindText(6, content_digest);
  JAMUL_RETURN_IF_ERROR(insert.run());
  return d.db.lastInsertRowId();
}

Result<std::vector<Inventory::ExceptionRequest>> Inventory::exceptions(
    std::optional<std::uint32_t> owner, std::int64_t now_ms) {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select, impl_->db.prepare(R"sql(
    SELECT id, path, owner_uid, reason, days, requested_at_ms, state, decided_at_ms,
           expires_at_ms, content_digest
    FROM exceptions WHERE (?1 IS NULL OR owner_uid = ?1) ORDER BY id DESC)sql"));
  if (owner)
    select.bind(1, std::int64_t{*owner});
  else
    select.bindNull(1);
  std::vector<ExceptionRequest> out;
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(select, [&](const sqlite::Statement& row) {
    ExceptionRequest& e = out.emplace_back();
    e.id = row.columnInt(0);
    e.path = row.columnBlob(1);
    e.owner = static_cast<std::uint32_t>(row.columnInt(2));
    e.reason = row.columnText(3);
    e.days = static_cast<int>(row.columnInt(4));
    e.requested_at_ms = row.columnInt(5);
    e.state = row.columnText(6);
    if (!row.columnIsNull(7)) e.decided_at_ms = row.columnInt(7);
    if (!row.columnIsNull(8)) e.expires_at_ms = row.columnInt(8);
    e.content_digest = row.columnText(9);
    // The console may not have marked it yet: an approval ends when its time does.
    if (e.state == "approved" && e.expires_at_ms && *e.expires_at_ms <= now_ms) e.state = "expired";
  }));
  return out;
}

Result<std::uint64_t> Inventory::fileCount(std::optional<std::uint32_t> owner) {
  JAMUL_ASSIGN_OR_RETURN(
      sqlite::Statement select,
      impl_->db.prepare("SELECT count(*) FROM files WHERE (?1 IS NULL OR owner_uid = ?1)"));
  if (owner)
    select.bind(1, std::int64_t{*owner});
  else
    select.bindNull(1);
  JAMUL_ASSIGN_OR_RETURN(bool row, select.step());
  return row ? static_cast<std::uint64_t>(select.columnInt(0)) : 0;
}

Result<std::int64_t> Inventory::askQuestion(const std::string& path, std::uint32_t owner,
                                            std::int64_t now_ms) {
  Impl& d = *impl_;
  JAMUL_RETURN_IF_ERROR(d.commitBatch());
  // A file asked about before and answered is asked again (it was scanned again with findings);
  // an open question stays as it is.
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement upsert, d.db.prepare(R"sql(
    INSERT INTO questions (path, owner_uid, asked_at_ms) VALUES (?1, ?2, ?3)
    ON CONFLICT (path) DO UPDATE SET owner_uid = excluded.owner_uid,
      asked_at_ms = excluded.asked_at_ms, answer = NULL, answered_at_ms = NULL
      WHERE answer IS NOT NULL
    RETURNING id)sql"));
  upsert.bindBlob(1, path).bind(2, std::int64_t{owner}).bind(3, now_ms);
  std::optional<std::int64_t> id;
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(
      upsert, [&](const sqlite::Statement& row) { id = row.columnInt(0); }));
  if (id) return *id;
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select,
                         d.db.prepare("SELECT id FROM questions WHERE path = ?1"));
  select.bindBlob(1, path);
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(
      select, [&](const sqlite::Statement& row) { id = row.columnInt(0); }));
  if (!id) return Error(ErrorCode::kInternal, "question not recorded", path);
  return *id;
}

namespace {

constexpr std::string_view kQuestionColumns =
    "SELECT id, path, owner_uid, asked_at_ms, coalesce(answer, '') FROM questions ";

Inventory::Question questionOf(const sqlite::Statement& row) {
  Inventory::Question q;
  q.id = row.columnInt(0);
  q.path = row.columnBlob(1);
  q.owner = static_cast<std::uint32_t>(row.columnInt(2));
  q.asked_at_ms = row.columnInt(3);
  q.answer = row.columnText(4);
  return q;
}

}  // namespace

Result<std::optional<Inventory::Question>> Inventory::question(std::int64_t id) {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select,
                         impl_->db.prepare(std::string(kQuestionColumns) + "WHERE id = ?1"));
  select.bind(1, id);
  std::optional<Question> out;
  JAMUL_RETURN_IF_ERROR(
      sqlite::forEachRow(select, [&](const sqlite::Statement& row) { out = questionOf(row); }));
  return out;
}

Result<std::vector<Inventory::Question>> Inventory::openQuestions(
    std::optional<std::uint32_t> owner) {
  JAMUL_ASSIGN_OR_RETURN(
      sqlite::Statement select,
      impl_->db.prepare(std::string(kQuestionColumns) +
                        "WHERE answer IS NULL AND (?1 IS NULL OR owner_uid = ?1) ORDER BY id"));
  if (owner)
    select.bind(1, std::int64_t{*owner});
  else
    select.bindNull(1);
  std::vector<Question> out;
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(
      select, [&](const sqlite::Statement& row) { out.push_back(questionOf(row)); }));
  return out;
}

Status Inventory::answerQuestion(std::int64_t id, const std::string& answer, std::int64_t now_ms) {
  Impl& d = *impl_;
  JAMUL_RETURN_IF_ERROR(d.commitBatch());
  // RETURNING tells an id that names no question (the tray's answer to a question gone since)
  // from one answered: the caller must not report the first as done.
  JAMUL_ASSIGN_OR_RETURN(
      sqlite::Statement update,
      d.db.prepare(
          "UPDATE questions SET answer = ?2, answered_at_ms = ?3 WHERE id = ?1 RETURNING id"));
  update.bind(1, id).bindText(2, answer).bind(3, now_ms);
  bool found = false;
  JAMUL_RETURN_IF_ERROR(
      sqlite::forEachRow(update, [&](const sqlite::Statement&) { found = true; }));
  if (!found) return Error(ErrorCode::kNotFound, "no question " + std::to_string(id));
  return okStatus();
}

Status Inventory::setAgentState(std::string_view key, std::string_view value) {
  Impl& d = *impl_;
  JAMUL_RETURN_IF_ERROR(d.commitBatch());
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement upsert, d.db.prepare(R"sql(
    INSERT INTO agent_state (key, value) VALUES (?1, ?2)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value)sql"));
  upsert.bindText(1, key).bindText(2, value);
  return upsert.run();
}

Result<std::optional<std::string>> Inventory::agentState(std::string_view key) {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select,
                         impl_->db.prepare("SELECT value FROM agent_state WHERE key = ?1"));
  select.bindText(1, key);
  std::optional<std::string> out;
  JAMUL_RETURN_IF_ERROR(
      sqlite::forEachRow(select, [&](const sqlite::Statement& row) { out = row.columnText(0); }));
  return out;
}

}  // namespace jamul::agent
