// SPDX-License-Identifier: Apache-2.0
// Store: report ingestion. One transaction per batch; the per-agent totals, per-rule totals and the
// history's per-day deltas are updated with the files themselves, so the dashboard reads them
// without scanning files.
#include <algorithm>
#include <map>
#include <optional>

#include "jamul/common/json_writer.h"
#include "jamul/protocol/json_value.h"
#include "store/store.h"

namespace jamul::console {
namespace {

struct Totals {
  std::int64_t files = 0, items = 0, files_encrypted = 0, items_encrypted = 0;
  bool empty() const { return files == 0 && items == 0 && files_encrypted == 0 && items_encrypted == 0; }
};

// What one file contributes to its agent's totals, kept by the batch and written once at its end.
struct BatchDeltas {
  Totals agent;
  std::map<std::string, Totals> rules;
  std::int64_t last_scan_ms = 0;
};

using Counts = std::vector<std::pair<std::string, std::int64_t>>;

std::int64_t sumOf(const Counts& counts) {
  std::int64_t n = 0;
  for (const auto& [rule, count] : counts) n += count;
  return n;
}

std::string countsJson(const Counts& counts) {
  std::string out;
  JsonWriter w(out);
  w.beginObject();
  for (const auto& [rule, count] : counts) w.key(rule).value(count);
  w.endObject();
  return out;
}

Counts countsFromJson(const std::string& text) {
  Counts counts;
  auto doc = protocol::JsonValue::parse(text);
  if (!doc || !doc->isObject()) return counts;
  for (const auto& [rule, value] : doc->members()) {
    if (value.isInteger()) counts.emplace_back(rule, value.asInteger());
  }
  return counts;
}

// Adds (sign +1) or removes (-1) a file's contribution.
void account(BatchDeltas& d, const Counts& counts, bool encrypted, int sign) {
  const std::int64_t items = sumOf(counts);
  if (items <= 0) return;
  d.agent.files += sign;
  d.agent.items += sign * items;
  if (encrypted) {
    d.agent.files_encrypted += sign;
    d.agent.items_encrypted += sign * items;
  }
  for (const auto& [rule, count] : counts) {
    if (count <= 0) continue;
    Totals& t = d.rules[rule];
    t.files += sign;
    t.items += sign * count;
    if (encrypted) {
      t.files_encrypted += sign;
      t.items_encrypted += sign * count;
    }
  }
}

// The files a batch touches, by path: what the last event about each says (a row, or none).
// Applying only that final state gives the same table as applying the events one by one, in a
// few statements per batch instead of several per event.
using FileFinals = std::map<std::string, std::optional<FileData>>;

constexpr std::size_t kPathsPerStatement = 200;
constexpr std::size_t kRowsPerStatement = 50;

std::string placeholders(std::size_t n, const std::string& one) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += (i == 0 ? "" : ", ") + one;
  return out;
}

// The agent's current rows for `paths`: path -> (counts, encrypted).
Result<std::map<std::string, std::pair<Counts, bool>>> loadRows(Tx& tx, std::int64_t agent,
                                                                const std::vector<std::string>& paths) {
  std::map<std::string, std::pair<Counts, bool>> rows;
  for (std::size_t at = 0; at < paths.size(); at += kPathsPerStatement) {
    const std::size_t n = std::min(kPathsPerStatement, paths.size() - at);
    std::vector<SqlParam> params{agent};
    for (std::size_t i = 0; i < n; ++i) params.emplace_back(paths[at + i]);
    JAMUL_ASSIGN_OR_RETURN(Rows found,
                           tx.query("SELECT path, counts, encrypted FROM files WHERE agent = ?"
                                    " AND path IN (" + placeholders(n, "?") + ")",
                                    params));
    for (const Row& r : found) rows[r.text(0)] = {countsFromJson(r.text(1)), r.integer(2) != 0};
  }
  return rows;
}

Status deleteRows(Tx& tx, std::int64_t agent, const std::vector<std::string>& paths) {
  for (std::size_t at = 0; at < paths.size(); at += kPathsPerStatement) {
    const std::size_t n = std::min(kPathsPerStatement, paths.size() - at);
    std::vector<SqlParam> params{agent};
    for (std::size_t i = 0; i < n; ++i) params.emplace_back(paths[at + i]);
    JAMUL_RETURN_IF_ERROR(tx.exec(
        "DELETE FROM files WHERE agent = ? AND path IN (" + placeholders(n, "?") + ")", params));
  }
  return okStatus();
}

Status upsertRows(Tx& tx, std::int64_t agent, const std::vector<const FileData*>& files,
                  std::int64_t now_ms) {
  for (std::size_t at = 0; at < files.size(); at += kRowsPerStatement) {
    const std::size_t n = std::min(kRowsPerStatement, files.size() - at);
    std::vector<SqlParam> params;
    for (std::size_t i = 0; i < n; ++i) {
      const FileData& f = *files[at + i];
      params.insert(params.end(),
                    {agent, f.path, f.owner, f.volume, f.status, f.format, f.size,
                     countsJson(f.counts), sumOf(f.counts), std::int64_t{f.encrypted ? 1 : 0},
                     f.original, f.excerpts_json, now_ms});
    }
    JAMUL_RETURN_IF_ERROR(tx.exec(
        "INSERT INTO files (agent, path, owner, volume, status, format, size, counts, items,"
        " encrypted, original, excerpts, updated_ms) VALUES " +
            placeholders(n, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") +
            " ON CONFLICT (agent, path) DO UPDATE SET owner = excluded.owner,"
            " volume = excluded.volume, status = excluded.status, format = excluded.format,"
            " size = excluded.size, counts = excluded.counts, items = excluded.items,"
            " encrypted = excluded.encrypted, original = excluded.original,"
            " excerpts = excluded.excerpts, updated_ms = excluded.updated_ms",
        params));
  }
  return okStatus();
}

// Writes the batch's files and moves the totals by the difference from the rows they replace.
Status applyFiles(Tx& tx, std::int64_t agent, const FileFinals& finals, std::int64_t now_ms,
                  BatchDeltas& d) {
  if (finals.empty()) return okStatus();
  std::vector<std::string> paths;
  for (const auto& entry : finals) paths.push_back(entry.first);
  JAMUL_ASSIGN_OR_RETURN(auto old, loadRows(tx, agent, paths));
  std::vector<std::string> removed;
  std::vector<const FileData*> kept;
  for (const auto& [path, final_state] : finals) {
    auto was = old.find(path);
    if (was != old.end()) account(d, was->second.first, was->second.second, -1);
    if (final_state) {
      account(d, final_state->counts, final_state->encrypted, +1);
      kept.push_back(&*final_state);
    } else if (was != old.end()) {
      removed.push_back(path);
    }
  }
  JAMUL_RETURN_IF_ERROR(deleteRows(tx, agent, removed));
  return upsertRows(tx, agent, kept, now_ms);
}

// The scan's totals; the history moves by the change from the agent's previous latest scan, from
// the scan's day on.
Status applyScan(Tx& tx, std::int64_t agent, const ScanData& s, BatchDeltas& d) {
  JAMUL_RETURN_IF_ERROR(tx.exec(
      "INSERT INTO scans (agent, reason, started_ms, finished_ms, files, files_with_findings,"
      " files_encrypted, items, items_encrypted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {agent, s.reason, s.started_ms, s.finished_ms, s.files, s.files_with_findings,
       s.files_encrypted, s.items, s.items_encrypted}));
  d.last_scan_ms = std::max(d.last_scan_ms, s.finished_ms);
  JAMUL_ASSIGN_OR_RETURN(Rows rows, tx.query("SELECT hist_day, hist_files, hist_files_encrypted,"
                                             " hist_items, hist_items_encrypted FROM agents"
                                             " WHERE id = ?",
                                             {agent}));
  if (rows.empty()) return okStatus();
  const std::int64_t day = localDay(s.finished_ms);
  const Row& prev = rows[0];
  if (day < prev.integer(0)) return okStatus();  // older than the latest: history unchanged
  const std::int64_t df = s.files_with_findings - prev.integer(1);
  const std::int64_t dfe = s.files_encrypted - prev.integer(2);
  const std::int64_t di = s.items - prev.integer(3);
  const std::int64_t die = s.items_encrypted - prev.integer(4);
  JAMUL_RETURN_IF_ERROR(tx.exec(
      "INSERT INTO history_deltas (day, files_with_pii, files_encrypted, items, items_encrypted)"
      " VALUES (?, ?, ?, ?, ?) ON CONFLICT (day) DO UPDATE SET"
      " files_with_pii = history_deltas.files_with_pii + excluded.files_with_pii,"
      " files_encrypted = history_deltas.files_encrypted + excluded.files_encrypted,"
      " items = history_deltas.items + excluded.items,"
      " items_encrypted = history_deltas.items_encrypted + excluded.items_encrypted",
      {day, df, dfe, di, die}));
  return tx.exec(
      "UPDATE agents SET hist_day = ?, hist_files = ?, hist_files_encrypted = ?, hist_items = ?,"
      " hist_items_encrypted = ? WHERE id = ?",
      {day, s.files_with_findings, s.files_encrypted, s.items, s.items_encrypted, agent});
}

Status applyVolume(Tx& tx, std::int64_t agent, const VolumeData& v) {
  return tx.exec(
      "INSERT INTO volumes (agent, vol_key, label, size_bytes, removable, first_seen_ms,"
      " last_seen_ms) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (agent, vol_key) DO UPDATE SET"
      " label = excluded.label, size_bytes = excluded.size_bytes, removable = excluded.removable,"
      " last_seen_ms = excluded.last_seen_ms",
      {agent, v.key, v.label, v.size_bytes, std::int64_t{v.removable ? 1 : 0}, v.first_seen_ms,
       v.last_seen_ms});
}

Status applyExceptionRequest(Tx& tx, std::int64_t agent, const ExceptionRequestData& e) {
  // A request the agent sends again (a new seq for the same request id) stays one request.
  return tx.exec(
      "INSERT INTO exceptions (agent, request_id, path, owner, content_digest, reason, days,"
      " requested_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (agent, request_id) DO NOTHING",
      {agent, e.request_id, e.path, e.owner, e.content_digest, e.reason, e.days,
       e.requested_at_ms});
}

Status applyAction(Tx& tx, std::int64_t agent, const ActionData& a) {
  return tx.exec(
      "INSERT INTO actions (agent, path, action, ok, owner, at_ms) VALUES (?, ?, ?, ?, ?, ?)",
      {agent, a.path, a.action, std::int64_t{a.ok ? 1 : 0}, a.owner, a.at_ms});
}

// Files are collected into `finals` (written at the batch's end); the rest is written now.
Status applyEvent(Tx& tx, std::int64_t agent, const IngestEvent& event, FileFinals& finals,
                  BatchDeltas& d) {
  struct Visitor {
    Tx& tx;
    std::int64_t agent;
    FileFinals& finals;
    BatchDeltas& d;
    Status operator()(const FileData& f) {
      finals[f.path] = f;
      return okStatus();
    }
    Status operator()(const FileRemovedData& f) {
      finals[f.path] = std::nullopt;
      return okStatus();
    }
    Status operator()(const ScanData& s) { return applyScan(tx, agent, s, d); }
    Status operator()(const VolumeData& v) { return applyVolume(tx, agent, v); }
    Status operator()(const ExceptionRequestData& e) { return applyExceptionRequest(tx, agent, e); }
    Status operator()(const ActionData& a) { return applyAction(tx, agent, a); }
  };
  return std::visit(Visitor{tx, agent, finals, d}, event.data);
}

Status writeDeltas(Tx& tx, std::int64_t agent, const BatchDeltas& d, std::int64_t acked) {
  for (const auto& [rule, t] : d.rules) {
    if (t.empty()) continue;
    JAMUL_RETURN_IF_ERROR(tx.exec(
        "INSERT INTO agent_rules (agent, rule, files, items, files_encrypted, items_encrypted)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (agent, rule) DO UPDATE SET"
        " files = agent_rules.files + excluded.files, items = agent_rules.items + excluded.items,"
        " files_encrypted = agent_rules.files_encrypted + excluded.files_encrypted,"
        " items_encrypted = agent_rules.items_encrypted + excluded.items_encrypted",
        {agent, rule, t.files, t.items, t.files_encrypted, t.items_encrypted}));
  }
  return tx.exec(
      "UPDATE agents SET acked_seq = ?, files_with_pii = files_with_pii + ?,"
      " files_encrypted = files_encrypted + ?, items = items + ?,"
      " items_encrypted = items_encrypted + ?,"
      " last_scan_ms = CASE WHEN ? > last_scan_ms THEN ? ELSE last_scan_ms END WHERE id = ?",
      {acked, d.agent.files, d.agent.files_encrypted, d.agent.items, d.agent.items_encrypted,
       d.last_scan_ms, d.last_scan_ms, agent});
}

}  // namespace

Result<IngestOutcome> Store::ingest(std::int64_t agent, const std::vector<IngestEvent>& events,
                                    std::int64_t now_ms) {
  IngestOutcome outcome;
  Status s = db_->transact([&](Tx& tx) -> Status {
    // Touching the agent's row first locks it (PostgreSQL), so two batches of one agent apply
    // one after the other and the sequence check below sees the other's commit.
    JAMUL_RETURN_IF_ERROR(
        tx.exec("UPDATE agents SET last_contact_ms = ? WHERE id = ?", {now_ms, agent}));
    JAMUL_ASSIGN_OR_RETURN(outcome.acked_seq,
                           tx.scalar("SELECT acked_seq FROM agents WHERE id = ?", {agent}));
    std::int64_t acked = outcome.acked_seq;
    BatchDeltas deltas;
    FileFinals finals;
    for (const IngestEvent& event : events) {
      if (event.seq <= acked) continue;  // sent again after a lost reply: already counted
      if (event.seq != acked + 1) {
        outcome.gap = true;  // roll back what the batch applied; the caller answers 409
        return Error(ErrorCode::kCorrupt, "sequence gap");
      }
      JAMUL_RETURN_IF_ERROR(applyEvent(tx, agent, event, finals, deltas));
      acked = event.seq;
    }
    JAMUL_RETURN_IF_ERROR(applyFiles(tx, agent, finals, now_ms, deltas));
    JAMUL_RETURN_IF_ERROR(writeDeltas(tx, agent, deltas, acked));
    outcome.acked_seq = acked;
    return okStatus();
  });
  if (outcome.gap) return outcome;
  if (!s) return s.error();
  return outcome;
}

}  // namespace jamul::console
