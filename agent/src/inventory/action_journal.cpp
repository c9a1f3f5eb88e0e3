// SPDX-License-Identifier: Apache-2.0
#include "inventory/action_journal.h"

#include <array>

#include "jamul/common/json_writer.h"
#include "jamul/protocol/json_value.h"

namespace jamul::agent {
namespace {

using Step = ActionJournal::Step;

// The one table of step names: what file_actions.step holds (and held in every earlier version).
constexpr std::array<std::pair<Step, std::string_view>, 11> kStepNames = {{
    {Step::kStarted, "started"},
    {Step::kWritten, "written"},
    {Step::kVerified, "verified"},
    {Step::kRenaming, "renaming"},
    {Step::kRenamed, "renamed"},
    {Step::kWiping, "wiping"},
    {Step::kUnlinking, "unlinking"},
    {Step::kOverwritten, "overwritten"},
    {Step::kDone, "done"},
    {Step::kRolledBack, "rolled_back"},
    {Step::kFailed, "failed"},
}};

constexpr std::array<std::pair<ActionKind, std::string_view>, 3> kKindNames = {{
    {ActionKind::kEncrypt, "encrypt"},
    {ActionKind::kDecrypt, "decrypt"},
    {ActionKind::kShred, "shred"},
}};

std::string_view kindName(ActionKind kind) {
  for (const auto& [k, name] : kKindNames)
    if (k == kind) return name;
  return "encrypt";
}

std::optional<ActionKind> kindFromName(std::string_view name) {
  for (const auto& [k, n] : kKindNames)
    if (n == name) return k;
  return std::nullopt;
}

// The condition of the partial index file_actions_unfinished (schema version 4): the same text,
// so that SQLite answers from the index.
constexpr std::string_view kUnfinished = "step NOT IN ('done', 'rolled_back', 'failed')";

// An encryption `e` whose .age file is still there as far as the journal knows: no later
// decryption or shred of it, and no later encryption to the same name (the .age went some other
// way and was made again: one file, counted once). The look-ups use file_actions_by_path and
// file_actions_by_target (schema version 6).
constexpr std::string_view kStillEncrypted = R"sql(
  e.action = 'encrypt' AND e.step = 'done'
  AND NOT EXISTS (SELECT 1 FROM file_actions d WHERE d.path = e.target_path AND d.id > e.id
                  AND d.step = 'done' AND d.action IN ('decrypt', 'shred'))
  AND NOT EXISTS (SELECT 1 FROM file_actions l WHERE l.target_path = e.target_path
                  AND l.id > e.id AND l.step = 'done' AND l.action = 'encrypt'))sql";

// file_actions.counts back into totals; what is not an object of whole numbers counts as unknown
// (written by hand, or by a newer Jamul).
Inventory::RuleTotals totalsFrom(std::string_view json) {
  Inventory::RuleTotals out;
  auto doc = protocol::JsonValue::parse(json);
  if (!doc || !doc->isObject()) return out;
  for (const auto& [rule, n] : doc->members())
    if (n.isInteger() && n.asInteger() >= 0)
      out.emplace_back(rule, static_cast<std::uint64_t>(n.asInteger()));
  return out;
}

std::optional<std::uint32_t> ownerFrom(const sqlite::Statement& row, int column) {
  if (row.columnIsNull(column)) return std::nullopt;
  return static_cast<std::uint32_t>(row.columnInt(column));
}

}  // namespace

std::string_view ActionJournal::stepName(Step step) {
  for (const auto& [s, name] : kStepNames)
    if (s == step) return name;
  return "failed";
}

std::optional<ActionJournal::Step> ActionJournal::stepFromName(std::string_view name) {
  for (const auto& [s, n] : kStepNames)
    if (n == name) return s;
  return std::nullopt;
}

Result<ActionJournal> ActionJournal::open(const std::string& inventory_path) {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Database db, sqlite::Database::open(inventory_path));
  // FULL: each durable step is on disk before the file operation it announces runs, power cut
  // included (WAL with NORMAL would only survive a crash of the process).
  JAMUL_RETURN_IF_ERROR(
      db.exec("PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"));
  return ActionJournal(std::move(db));
}

Result<std::int64_t> ActionJournal::begin(ActionKind kind, const std::string& path,
                                          const std::string& temp, const std::string& target,
                                          const FileSignature& sig, std::uint32_t owner,
                                          std::int64_t now_ms) {
  // Read before the action: encryption and shredding remove the file's scan row when they end.
  JAMUL_ASSIGN_OR_RETURN(const std::string counts, countsAt(db_, kind, path));
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement insert, db_.prepare(R"sql(
    INSERT INTO file_actions (action, path, temp_path, target_path, step, size, mtime_ns,
                              ctime_ns, inode, device, started_at_ms, updated_at_ms, owner_uid,
                              counts)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?13))sql"));
  insert.bindText(1, kindName(kind)).bindBlob(2, path).bindBlob(3, temp).bindBlob(4, target);
  insert.bindText(5, stepName(Step::kStarted)).bind(6, sig.size).bind(7, sig.mtime_ns);
  insert.bind(8, sig.ctime_ns).bind(9, sig.inode).bind(10, sig.device).bind(11, now_ms);
  insert.bind(12, std::int64_t{owner}).bindText(13, counts);
  JAMUL_RETURN_IF_ERROR(insert.run());
  return db_.lastInsertRowId();
}

Status ActionJournal::record(std::int64_t id, Step step, std::string_view detail,
                             Durability durability, std::int64_t now_ms) {
  JAMUL_ASSIGN_OR_RETURN(
      sqlite::Statement update,
      db_.prepare(
          "UPDATE file_actions SET step = ?2, detail = ?3, updated_at_ms = ?4 WHERE id = ?1"));
  update.bind(1, id).bindText(2, stepName(step)).bindText(3, detail).bind(4, now_ms);
  return runWith(durability, update);
}

Status ActionJournal::runWith(Durability durability, sqlite::Statement& statement) {
  if (durability == Durability::kDurable) return statement.run();
  JAMUL_RETURN_IF_ERROR(db_.exec("PRAGMA synchronous = NORMAL"));
  const Status ran = statement.run();
  JAMUL_RETURN_IF_ERROR(db_.exec("PRAGMA synchronous = FULL"));
  return ran;
}

Result<std::vector<ActionJournal::Entry>> ActionJournal::unfinished() {
  std::vector<Entry> out;
  JAMUL_ASSIGN_OR_RETURN(
      sqlite::Statement select,
      db_.prepare("SELECT id, action, path, temp_path, target_path, step, size, mtime_ns, "
                  "ctime_ns, inode, device FROM file_actions WHERE " +
                  std::string(kUnfinished) + " ORDER BY id"));
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(select, [&](const sqlite::Statement& row) {
    Entry e;
    e.id = row.columnInt(0);
    const auto kind = kindFromName(row.columnTextView(1));
    const auto step = stepFromName(row.columnTextView(5));
    // An action or step of a newer Jamul: not ours to guess at; it is left for that version.
    if (!kind || !step) return;
    e.kind = *kind;
    e.step = *step;
    e.path = row.columnBlob(2);
    e.temp_path = row.columnBlob(3);
    e.target_path = row.columnBlob(4);
    e.signature.size = static_cast<std::uint64_t>(row.columnInt(6));
    e.signature.mtime_ns = row.columnInt(7);
    e.signature.ctime_ns = row.columnInt(8);
    e.signature.inode = static_cast<std::uint64_t>(row.columnInt(9));
    e.signature.device = static_cast<std::uint64_t>(row.columnInt(10));
    out.push_back(std::move(e));
  }));
  return out;
}

Status ActionJournal::forgetFile(const std::string& path) {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement remove,
                         db_.prepare("DELETE FROM files WHERE path = ?1"));
  remove.bindBlob(1, path);
  return runWith(Durability::kLazy, remove);
}

Result<ActionJournal::Summary> ActionJournal::summarize(sqlite::Database& db) {
  Summary s;
  constexpr std::string_view kCounts = R"sql(
    SELECT
      (SELECT count(*) FROM file_actions WHERE action = 'shred' AND step = 'done'),
      (SELECT count(*) FROM file_actions WHERE step NOT IN ('done', 'rolled_back', 'failed')),
      (SELECT count(DISTINCT d.target_path) FROM file_actions d WHERE d.action = 'decrypt'
         AND d.step = 'done'
         AND NOT EXISTS (SELECT 1 FROM file_actions e WHERE e.action IN ('encrypt', 'shred')
                         AND e.step = 'done' AND e.path = d.target_path AND e.id > d.id)
         AND NOT EXISTS (SELECT 1 FROM files f WHERE f.path = d.target_path)),
      (SELECT count(*) FROM file_actions e WHERE )sql";
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select,
                         db.prepare(std::string(kCounts) + std::string(kStillEncrypted) + ")"));
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(select, [&](const sqlite::Statement& row) {
    s.shredded = static_cast<std::uint64_t>(row.columnInt(0));
    s.unfinished = static_cast<std::uint64_t>(row.columnInt(1));
    s.decrypted_unscanned = static_cast<std::uint64_t>(row.columnInt(2));
    s.encrypted = static_cast<std::uint64_t>(row.columnInt(3));
  }));
  return s;
}

Result<std::string> ActionJournal::countsAt(sqlite::Database& db, ActionKind kind,
                                            const std::string& path) {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select, db.prepare(R"sql(
    SELECT c.rule, sum(c.occurrences) FROM files f JOIN file_counts c ON c.file_id = f.id
    WHERE f.path = ?1 AND c.confidence IN ('medium', 'high') AND c.occurrences > 0
    GROUP BY c.rule ORDER BY c.rule)sql"));
  select.bindBlob(1, path);
  std::string json;
  JsonWriter writer(json);
  writer.beginObject();
  bool any = false;
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(select, [&](const sqlite::Statement& row) {
    writer.key(row.columnTextView(0)).value(row.columnInt(1));
    any = true;
  }));
  writer.endObject();
  if (any || kind != ActionKind::kDecrypt) return json;
  // An .age file is never read for personal data: what it holds is what its encryption recorded.
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement sealed, db.prepare(R"sql(
    SELECT counts FROM file_actions WHERE target_path = ?1 AND action = 'encrypt'
      AND step = 'done' ORDER BY id DESC LIMIT 1)sql"));
  sealed.bindBlob(1, path);
  JAMUL_RETURN_IF_ERROR(
      sqlite::forEachRow(sealed, [&](const sqlite::Statement& row) { json = row.columnText(0); }));
  return json;
}

Result<std::vector<Inventory::FinishedAction>> ActionJournal::finished(
    sqlite::Database& db, std::optional<std::uint32_t> owner, std::int64_t since_ms,
    std::int64_t before_id, std::size_t limit) {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select, db.prepare(R"sql(
    SELECT id, action, path, target_path, step, updated_at_ms, owner_uid, counts
    FROM file_actions
    WHERE step IN ('done', 'rolled_back', 'failed') AND (?1 IS NULL OR owner_uid = ?1)
      AND updated_at_ms >= ?2 AND (?3 <= 0 OR id < ?3)
    ORDER BY id DESC LIMIT ?4)sql"));
  if (owner)
    select.bind(1, std::int64_t{*owner});
  else
    select.bindNull(1);
  select.bind(2, since_ms).bind(3, before_id).bind(4, static_cast<std::int64_t>(limit));
  std::vector<Inventory::FinishedAction> out;
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(select, [&](const sqlite::Statement& row) {
    const auto kind = kindFromName(row.columnTextView(1));
    if (!kind) return;  // a newer Jamul's action
    Inventory::FinishedAction& a = out.emplace_back();
    a.id = row.columnInt(0);
    a.kind = *kind;
    a.path = row.columnBlob(2);
    a.target_path = row.columnBlob(3);
    a.state = row.columnText(4);
    a.finished_at_ms = row.columnInt(5);
    a.owner = ownerFrom(row, 6);
    a.counts = totalsFrom(row.columnTextView(7));
  }));
  return out;
}

Result<std::vector<Inventory::EncryptedFile>> ActionJournal::encrypted(
    sqlite::Database& db, std::optional<std::uint32_t> owner) {
  JAMUL_ASSIGN_OR_RETURN(
      sqlite::Statement select,
      db.prepare("SELECT e.id, e.path, e.target_path, e.updated_at_ms, e.owner_uid, e.counts "
                 "FROM file_actions e WHERE (?1 IS NULL OR e.owner_uid = ?1) AND " +
                 std::string(kStillEncrypted) + " ORDER BY e.target_path"));
  if (owner)
    select.bind(1, std::int64_t{*owner});
  else
    select.bindNull(1);
  std::vector<Inventory::EncryptedFile> out;
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(select, [&](const sqlite::Statement& row) {
    Inventory::EncryptedFile& f = out.emplace_back();
    f.action_id = row.columnInt(0);
    f.original = row.columnBlob(1);
    f.path = row.columnBlob(2);
    f.encrypted_at_ms = row.columnInt(3);
    f.owner = ownerFrom(row, 4);
    f.counts = totalsFrom(row.columnTextView(5));
  }));
  return out;
}

Result<std::uint64_t> ActionJournal::countUnfinished(sqlite::Database& db) {
  JAMUL_ASSIGN_OR_RETURN(
      sqlite::Statement select,
      db.prepare("SELECT count(*) FROM file_actions WHERE " + std::string(kUnfinished)));
  JAMUL_ASSIGN_OR_RETURN(bool row, select.step());
  return row ? static_cast<std::uint64_t>(select.columnInt(0)) : 0;
}

}  // namespace jamul::agent
