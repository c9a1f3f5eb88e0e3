// SPDX-License-Identifier: Apache-2.0
// What the inventory keeps for the console link (issue 17, docs/console-api.md): the durable
// outbox of report events, what was last reported per file and volume (so reports are deltas),
// and the console's decisions on exception requests. Tables in schema.cpp (version 8).
//
// Exactly once: an event and the fingerprint that says it was reported are written in one
// transaction (appendToOutbox), and events leave the outbox only once the console acknowledged
// them (deleteOutboxThrough); the console skips a seq it has already applied.
#include "inventory/inventory_impl.h"

namespace jamul::agent {

namespace {

// Runs `body` in a write transaction (BEGIN IMMEDIATE: the lock is taken before anything is read,
// so two writers cannot interleave), committing if it succeeds and rolling back otherwise.
template <typename Body>
Status inWriteTransaction(sqlite::Database& db, Body&& body) {
  JAMUL_RETURN_IF_ERROR(db.exec("BEGIN IMMEDIATE"));
  Status s = body();
  if (s) s = db.exec("COMMIT");
  if (!s && db.inTransaction()) (void)db.exec("ROLLBACK");
  return s;
}

}  // namespace

Status Inventory::appendToOutbox(const OutboxWrite& write) {
  Impl& d = *impl_;
  JAMUL_RETURN_IF_ERROR(d.commitBatch());
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement insert,
                         d.db.prepare("INSERT INTO outbox (kind, at_ms, data) VALUES (?1, ?2, ?3)"));
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement upsert, d.db.prepare(R"sql(
    INSERT INTO reported (kind, key, fingerprint) VALUES (?1, ?2, ?3)
    ON CONFLICT (kind, key) DO UPDATE SET fingerprint = excluded.fingerprint)sql"));
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement forget,
                         d.db.prepare("DELETE FROM reported WHERE kind = ?1 AND key = ?2"));
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement state, d.db.prepare(R"sql(
    INSERT INTO agent_state (key, value) VALUES (?1, ?2)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value)sql"));
  return inWriteTransaction(d.db, [&]() -> Status {
    for (const NewEvent& e : write.events) {
      insert.bindText(1, e.kind).bind(2, e.at_ms).bindText(3, e.data);
      JAMUL_RETURN_IF_ERROR(insert.run());
      insert.reset();
    }
    for (const ReportedChange& c : write.reported) {
      if (c.fingerprint) {
        upsert.bindText(1, c.kind).bindBlob(2, c.key).bindText(3, *c.fingerprint);
        JAMUL_RETURN_IF_ERROR(upsert.run());
        upsert.reset();
      } else {
        forget.bindText(1, c.kind).bindBlob(2, c.key);
        JAMUL_RETURN_IF_ERROR(forget.run());
        forget.reset();
      }
    }
    for (const auto& [key, value] : write.state) {
      state.bindText(1, key).bindText(2, value);
      JAMUL_RETURN_IF_ERROR(state.run());
      state.reset();
    }
    return okStatus();
  });
}

Result<std::vector<std::pair<std::string, std::string>>> Inventory::reportedFingerprints(
    std::string_view kind) {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select,
                         impl_->db.prepare("SELECT key, fingerprint FROM reported WHERE kind = ?1"));
  select.bindText(1, kind);
  std::vector<std::pair<std::string, std::string>> out;
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(select, [&](const sqlite::Statement& row) {
    out.emplace_back(row.columnBlob(0), row.columnText(1));
  }));
  return out;
}

Result<std::vector<Inventory::OutboxEvent>> Inventory::outboxAfter(std::int64_t after_seq,
                                                                   std::size_t max_events,
                                                                   std::size_t max_bytes) {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select, impl_->db.prepare(
      "SELECT seq, kind, at_ms, data FROM outbox WHERE seq > ?1 ORDER BY seq LIMIT ?2"));
  select.bind(1, after_seq).bind(2, static_cast<std::int64_t>(max_events));
  std::vector<OutboxEvent> out;
  std::size_t bytes = 0;
  bool full = false;
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(select, [&](const sqlite::Statement& row) {
    if (full) return;
    const std::string_view data = row.columnTextView(3);
    // ~80 bytes of envelope per event ({"seq":…,"at_ms":…,"kind":…,"data":…}).
    const std::size_t size = data.size() + 80;
    if (!out.empty() && bytes + size > max_bytes) {
      full = true;
      return;
    }
    bytes += size;
    out.push_back({row.columnInt(0), row.columnText(1), row.columnInt(2), std::string(data)});
  }));
  return out;
}

Status Inventory::deleteOutboxThrough(std::int64_t seq) {
  Impl& d = *impl_;
  JAMUL_RETURN_IF_ERROR(d.commitBatch());
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement del, d.db.prepare("DELETE FROM outbox WHERE seq <= ?1"));
  del.bind(1, seq);
  return del.run();
}

Result<std::int64_t> Inventory::outboxDepth() {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select, impl_->db.prepare("SELECT count(*) FROM outbox"));
  JAMUL_ASSIGN_OR_RETURN(bool row, select.step());
  return row ? select.columnInt(0) : 0;
}

Result<std::int64_t> Inventory::lastOutboxSeq() {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select, impl_->db.prepare(
      "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0)"));
  JAMUL_ASSIGN_OR_RETURN(bool row, select.step());
  return row ? select.columnInt(0) : 0;
}

Status Inventory::resetReporting() {
  Impl& d = *impl_;
  JAMUL_RETURN_IF_ERROR(d.commitBatch());
  return inWriteTransaction(d.db, [&]() -> Status {
    JAMUL_RETURN_IF_ERROR(d.db.exec("DELETE FROM outbox"));
    JAMUL_RETURN_IF_ERROR(d.db.exec("DELETE FROM reported"));
    // sqlite_sequence exists once an AUTOINCREMENT table has been created (schema 8).
    return d.db.exec("DELETE FROM sqlite_sequence WHERE name = 'outbox'");
  });
}

Status Inventory::applyDecision(std::int64_t id, const std::string& state,
                                std::int64_t decided_at_ms, std::int64_t expires_at_ms,
                                const std::string& content_digest) {
  Impl& d = *impl_;
  JAMUL_RETURN_IF_ERROR(d.commitBatch());
  if (state != "approved" && state != "denied")
    return Error(ErrorCode::kInvalidArgument, "a decision is approved or denied, not " + state);
  // The approval binds to the digest the console decided on (the one the request carried);
  // an empty one from the console leaves the request's own.
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement update, d.db.prepare(R"sql(
    UPDATE exceptions SET state = ?2, decided_at_ms = ?3, expires_at_ms = ?4,
      content_digest = CASE WHEN ?5 = '' THEN content_digest ELSE ?5 END,
      decision_unconfirmed = 1
    WHERE id = ?1 RETURNING id)sql"));
  update.bind(1, id).bindText(2, state).bind(3, decided_at_ms);
  if (state == "approved")
    update.bind(4, expires_at_ms);
  else
    update.bindNull(4);
  update.bindText(5, content_digest);
  bool found = false;
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(update, [&](const sqlite::Statement&) { found = true; }));
  if (!found) return Error(ErrorCode::kNotFound, "no exception request " + std::to_string(id));
  return okStatus();
}

Result<std::vector<std::int64_t>> Inventory::unconfirmedDecisions() {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select, impl_->db.prepare(
      "SELECT id FROM exceptions WHERE decision_unconfirmed = 1 ORDER BY id"));
  std::vector<std::int64_t> out;
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(
      select, [&](const sqlite::Statement& row) { out.push_back(row.columnInt(0)); }));
  return out;
}

Status Inventory::confirmDecisions(const std::vector<std::int64_t>& ids) {
  Impl& d = *impl_;
  JAMUL_RETURN_IF_ERROR(d.commitBatch());
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement update, d.db.prepare(
      "UPDATE exceptions SET decision_unconfirmed = 0 WHERE id = ?1"));
  return inWriteTransaction(d.db, [&]() -> Status {
    for (std::int64_t id : ids) {
      update.bind(1, id);
      JAMUL_RETURN_IF_ERROR(update.run());
      update.reset();
    }
    return okStatus();
  });
}

Result<std::vector<std::string>> Inventory::approvedDigests(const std::string& path,
                                                            std::int64_t now_ms) {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select, impl_->db.prepare(R"sql(
    SELECT content_digest FROM exceptions
    WHERE path = ?1 AND state = 'approved' AND expires_at_ms > ?2 AND content_digest != '')sql"));
  select.bindBlob(1, path).bind(2, now_ms);
  std::vector<std::string> out;
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(
      select, [&](const sqlite::Statement& row) { out.push_back(row.columnText(0)); }));
  return out;
}

Result<std::optional<std::uint32_t>> Inventory::mostCommonOwner(std::uint32_t min_uid) {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select, impl_->db.prepare(R"sql(
    SELECT owner_uid FROM files WHERE owner_uid >= ?1 AND owner_uid != 65534
    GROUP BY owner_uid ORDER BY count(*) DESC, owner_uid LIMIT 1)sql"));
  select.bind(1, std::int64_t{min_uid});
  std::optional<std::uint32_t> out;
  JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(select, [&](const sqlite::Statement& row) {
    out = static_cast<std::uint32_t>(row.columnInt(0));
  }));
  return out;
}

}  // namespace jamul::agent
