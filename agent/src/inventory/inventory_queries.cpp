// SPDX-License-Identifier: Apache-2.0
// The inventory's other readers and writers: the quarantine of poison documents, the files
// `encrypt --findings` takes, the summaries behind `jamul status`, and what in-place actions did
// (read through action_journal.h, the one reader of file_actions).
#include <cstring>

#include "inventory/action_journal.h"
#include "inventory/inventory_impl.h"

namespace jamul::agent {

using scanner::Confidence;
using scanner::FileStatus;

Status Inventory::addQuarantined(std::span<const UnfinishedParse> parses,
                                 std::string_view ruleset_version) {
  if (parses.empty()) return okStatus();
  Impl& d = *impl_;
  JAMUL_RETURN_IF_ERROR(d.commitBatch());
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement insert, d.db.prepare(R"sql(
    INSERT INTO quarantine (digest, ruleset_version, path, format, since_ms)
    VALUES (?1, ?2, ?3, ?4, ?5)
    ON CONFLICT (digest, ruleset_version) DO UPDATE SET path = excluded.path)sql"));
  JAMUL_RETURN_IF_ERROR(d.db.exec("BEGIN IMMEDIATE"));
  for (const UnfinishedParse& p : parses) {
    insert.bindBlob(
        1, std::string_view(reinterpret_cast<const char*>(p.content.data()), p.content.size()));
    insert.bindText(2, ruleset_version).bindBlob(3, p.path).bindText(4, p.format).bind(5, d.env.nowMs());
    if (Status s = insert.run(); !s) {
      (void)d.db.exec("ROLLBACK");
      return s;
    }
  }
  return d.db.exec("COMMIT");
}

Result<std::vector<ValueDigest>> Inventory::quarantined(std::string_view ruleset_version) {
  std::vector<ValueDigest> out;
  JAMUL_ASSIGN_OR_RETURN(
      sqlite::Statement select,
      impl_->db.prepare("SELECT digest FROM quarantine WHERE ruleset_version = ?1"));
  select.bindText(1, ruleset_version);
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(select, [&](const sqlite::Statement& row) {
    const std::string_view blob = row.columnBlobView(0);
    ValueDigest d{};
    if (blob.size() != d.size()) return;
    std::memcpy(d.data(), blob.data(), d.size());
    out.push_back(d);
  }));
  return out;
}

Result<std::uint64_t> Inventory::clearQuarantine(std::string_view ruleset_version) {
  Impl& d = *impl_;
  JAMUL_RETURN_IF_ERROR(d.commitBatch());
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement remove,
                         d.db.prepare("DELETE FROM quarantine WHERE ruleset_version = ?1"));
  const std::int64_t before = d.db.totalChanges();
  JAMUL_RETURN_IF_ERROR(remove.bindText(1, ruleset_version).run());
  return static_cast<std::uint64_t>(d.db.totalChanges() - before);
}

Result<std::vector<std::string>> Inventory::filesWithFindings(Confidence min) {
  std::vector<std::string> out;
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select, impl_->db.prepare(R"sql(
    SELECT path FROM files
    WHERE EXISTS (SELECT 1 FROM file_counts c WHERE c.file_id = files.id AND c.occurrences > 0
                  AND c.confidence IN (SELECT value FROM json_each(?1)))
    ORDER BY path)sql"));
  std::string levels = "[";
  for (std::size_t c = scanner::confidenceIndex(min); c < scanner::kConfidenceCount; ++c) {
    if (levels.size() > 1) levels += ",";
    levels += "\"" + std::string(scanner::confidenceName(scanner::confidenceFromIndex(c))) + "\"";
  }
  levels += "]";
  select.bindText(1, levels);
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(
      select, [&](const sqlite::Statement& row) { out.push_back(row.columnBlob(0)); }));
  return out;
}

Result<std::uint64_t> Inventory::unfinishedActions() {
  return ActionJournal::countUnfinished(impl_->db);
}

Result<Inventory::ProtectionSummary> Inventory::protectionSummary() {
  ProtectionSummary p;
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select, impl_->db.prepare(R"sql(
    SELECT count(*) FROM files WHERE EXISTS (
      SELECT 1 FROM file_counts c WHERE c.file_id = files.id AND c.occurrences > 0
      AND c.confidence IN ('medium', 'high')))sql"));
  JAMUL_ASSIGN_OR_RETURN(bool row, select.step());
  if (row) p.files_with_findings = static_cast<std::uint64_t>(select.columnInt(0));
  JAMUL_ASSIGN_OR_RETURN(ActionJournal::Summary journal, ActionJournal::summarize(impl_->db));
  p.encrypted = journal.encrypted;
  p.decrypted_unscanned = journal.decrypted_unscanned;
  p.shredded = journal.shredded;
  p.unfinished = journal.unfinished;
  return p;
}

Result<std::vector<Inventory::FinishedAction>> Inventory::finishedActions(
    std::optional<std::uint32_t> owner, std::int64_t since_ms, std::int64_t before_id,
    std::size_t limit) {
  return ActionJournal::finished(impl_->db, owner, since_ms, before_id, limit);
}

Result<std::vector<Inventory::EncryptedFile>> Inventory::encryptedFiles(
    std::optional<std::uint32_t> owner) {
  return ActionJournal::encrypted(impl_->db, owner);
}

Result<InventorySummary> Inventory::summary() {
  sqlite::Database& db = impl_->db;
  InventorySummary s;
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement files, db.prepare(R"sql(
    SELECT status, count(*), sum(occurrences > 0) FROM files GROUP BY status)sql"));
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(files, [&](const sqlite::Statement& row) {
    const auto n = static_cast<std::uint64_t>(row.columnInt(1));
    const FileStatus status =
        scanner::fileStatusFromName(row.columnText(0)).value_or(FileStatus::kError);
    s.files += n;
    s.files_by_status[static_cast<std::size_t>(status)] += n;
    if (status != FileStatus::kOk) s.files_not_read += n;
    s.files_with_findings += static_cast<std::uint64_t>(row.columnInt(2));
  }));
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement counts, db.prepare(R"sql(
    SELECT rule, confidence, sum(occurrences) FROM file_counts GROUP BY rule, confidence)sql"));
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(counts, [&](const sqlite::Statement& row) {
    const auto rule = scanner::ruleFromName(row.columnText(0));
    const auto confidence = scanner::confidenceFromName(row.columnText(1));
    if (rule && confidence)
      s.occurrences[scanner::ruleIndex(*rule)][scanner::confidenceIndex(*confidence)] =
          static_cast<std::uint64_t>(row.columnInt(2));
  }));
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement scans, db.prepare(R"sql(
    SELECT count(*), coalesce(max(CASE WHEN status = 'completed' THEN finished_at_ms END), 0)
    FROM scans)sql"));
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(scans, [&](const sqlite::Statement& row) {
    s.scans = static_cast<std::uint64_t>(row.columnInt(0));
    s.last_completed_scan_ms = row.columnInt(1);
  }));
  return s;
}

}  // namespace jamul::agent
