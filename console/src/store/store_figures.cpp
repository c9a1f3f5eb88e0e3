// SPDX-License-Identifier: Apache-2.0
// Store: the dashboard's figures, read from the per-agent and per-rule totals kept at ingest and
// from the history's per-day deltas; only the top-files list and the volumes view read files, by
// index.
#include <ctime>
#include <map>

#include "store/store.h"

namespace jamul::console {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

std::string sumOf(const std::string& column) {
  return std::string("CAST(COALESCE(SUM(") + column + "), 0) AS BIGINT)";
}

FigureRow figureFromRow(const Row& r) {
  FigureRow f;
  f.key = r.text(0);
  f.agents = r.integer(1);
  f.files = r.integer(2);
  f.items = r.integer(3);
  f.files_encrypted = r.integer(4);
  f.items_encrypted = r.integer(5);
  if (r.size() > 6) f.label = r.text(6);
  return f;
}

// days since the epoch -> civil date (Howard Hinnant's algorithm).
void civilFromDays(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0));
}

}  // namespace

std::int64_t localDay(std::int64_t ms) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm local{};
  localtime_r(&t, &local);
  const std::int64_t shifted = ms + static_cast<std::int64_t>(local.tm_gmtoff) * 1000;
  return shifted >= 0 ? shifted / kDayMs : (shifted - kDayMs + 1) / kDayMs;
}

std::string dayString(std::int64_t day) {
  int y = 0;
  unsigned m = 0, d = 0;
  civilFromDays(day, y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

Result<Summary> Store::summary(std::int64_t now_ms, const OfflineThresholds& offline) {
  // The cut-off per department as one CASE over the few groups with a policy of their own, so
  // the count stays one scan of the agents whatever their intervals.
  std::string cutoff = "CAST(? AS BIGINT)";
  std::vector<SqlParam> params;
  if (!offline.by_department.empty()) {
    cutoff = "CASE department";
    for (const auto& [department, ms] : offline.by_department) {
      cutoff += " WHEN ? THEN CAST(? AS BIGINT)";
      params.emplace_back(department);
      params.emplace_back(now_ms - ms);
    }
    cutoff += " ELSE CAST(? AS BIGINT) END";
  }
  params.emplace_back(now_ms - offline.fallback_ms);
  Summary out;
  Status s = db_->read([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(
        Rows rows,
        tx.query("SELECT COUNT(*), " +
                     sumOf("CASE WHEN last_contact_ms < " + cutoff + " THEN 1 ELSE 0 END") + ", " +
                     sumOf("files_with_pii") + ", " + sumOf("files_encrypted") + ", " +
                     sumOf("items") + ", " + sumOf("items_encrypted") +
                     " FROM agents WHERE state = 'enrolled'",
                 params));
    const Row& r = rows.at(0);
    out.agents = r.integer(0);
    out.agents_offline = r.integer(1);
    out.files_with_pii = r.integer(2);
    out.files_encrypted = r.integer(3);
    out.items = r.integer(4);
    out.items_encrypted = r.integer(5);
    JAMUL_ASSIGN_OR_RETURN(out.pending_exceptions,
                           tx.scalar("SELECT COUNT(*) FROM exceptions WHERE state = 'pending'", {}));
    JAMUL_ASSIGN_OR_RETURN(
        Rows rules, tx.query("SELECT r.rule, " + sumOf("r.items") +
                             " FROM agent_rules r JOIN agents a ON a.id = r.agent"
                             " WHERE a.state = 'enrolled' GROUP BY r.rule"
                             " HAVING SUM(r.items) > 0 ORDER BY 2 DESC, 1"));
    for (const Row& rr : rules) out.by_rule.emplace_back(rr.text(0), rr.integer(1));
    return okStatus();
  });
  if (!s) return s.error();
  return out;
}

Result<std::vector<FigureRow>> Store::findingsBy(const std::string& by) {
  std::string sql;
  if (by == "rule") {
    // One row per agent and rule: counting rows with files counts agents, without DISTINCT.
    sql = "SELECT r.rule, " + sumOf("CASE WHEN r.files > 0 THEN 1 ELSE 0 END") + ", " + sumOf("r.files") + ", " + sumOf("r.items") +
          ", " + sumOf("r.files_encrypted") + ", " + sumOf("r.items_encrypted") +
          " FROM agent_rules r JOIN agents a ON a.id = r.agent WHERE a.state = 'enrolled'"
          " GROUP BY r.rule HAVING SUM(r.files) > 0 ORDER BY 4 DESC, 1";
  } else if (by == "department") {
    sql = "SELECT department, COUNT(*), " + sumOf("files_with_pii") + ", " + sumOf("items") +
          ", " + sumOf("files_encrypted") + ", " + sumOf("items_encrypted") +
          " FROM agents WHERE state = 'enrolled' GROUP BY department ORDER BY 4 DESC, 1";
  } else if (by == "volume") {
    sql = "SELECT f.volume, COUNT(DISTINCT f.agent), COUNT(*), " + sumOf("f.items") + ", " +
          sumOf("f.encrypted") + ", " + sumOf("CASE WHEN f.encrypted = 1 THEN f.items ELSE 0 END") +
          ", COALESCE(MAX(v.label), '')"
          " FROM files f JOIN agents a ON a.id = f.agent"
          " LEFT JOIN volumes v ON v.agent = f.agent AND v.vol_key = f.volume"
          " WHERE f.volume <> '' AND f.items > 0 AND a.state = 'enrolled'"
          " GROUP BY f.volume ORDER BY 4 DESC, 1";
  } else {
    return Error(ErrorCode::kInvalidArgument, "by: must be rule, department or volume");
  }
  std::vector<FigureRow> out;
  Status s = db_->read([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(Rows rows, tx.query(sql));
    for (const Row& r : rows) out.push_back(figureFromRow(r));
    return okStatus();
  });
  if (!s) return s.error();
  return out;
}

Result<std::vector<DayFigures>> Store::history(int days, std::int64_t now_ms) {
  const std::int64_t today = localDay(now_ms);
  const std::int64_t first = today - days + 1;
  std::vector<DayFigures> out;
  Status s = db_->read([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(Rows base, tx.query("SELECT " + sumOf("files_with_pii") + ", " +
                                                   sumOf("files_encrypted") + ", " + sumOf("items") +
                                                   ", " + sumOf("items_encrypted") +
                                                   " FROM history_deltas WHERE day < ?",
                                               {first}));
    DayFigures running;
    running.files_with_pii = base.at(0).integer(0);
    running.files_encrypted = base.at(0).integer(1);
    running.items = base.at(0).integer(2);
    running.items_encrypted = base.at(0).integer(3);
    JAMUL_ASSIGN_OR_RETURN(
        Rows deltas, tx.query("SELECT day, files_with_pii, files_encrypted, items, items_encrypted"
                              " FROM history_deltas WHERE day >= ? AND day <= ? ORDER BY day",
                              {first, today}));
    std::size_t next = 0;
    for (std::int64_t day = first; day <= today; ++day) {
      for (; next < deltas.size() && deltas[next].integer(0) <= day; ++next) {
        running.files_with_pii += deltas[next].integer(1);
        running.files_encrypted += deltas[next].integer(2);
        running.items += deltas[next].integer(3);
        running.items_encrypted += deltas[next].integer(4);
      }
      running.day = dayString(day);
      out.push_back(running);
    }
    return okStatus();
  });
  if (!s) return s.error();
  return out;
}

Result<std::vector<TopFile>> Store::topFiles(std::int64_t limit) {
  std::vector<TopFile> out;
  Status s = db_->read([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(
        Rows rows, tx.query("SELECT f.agent, a.host, f.path, f.counts, f.excerpts, f.items,"
                            " f.encrypted FROM files f JOIN agents a ON a.id = f.agent"
                            " WHERE f.items > 0 AND a.state = 'enrolled'"
                            " ORDER BY f.items DESC LIMIT ?",
                            {limit}));
    for (const Row& r : rows) {
      out.push_back(TopFile{r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4),
                            r.integer(5), r.integer(6) != 0});
    }
    return okStatus();
  });
  if (!s) return s.error();
  return out;
}

Result<std::vector<FigureRow>> Store::exportRows() { return findingsBy("department"); }

Result<std::vector<AgentFindings>> Store::agentFindings() {
  std::vector<AgentFindings> out;
  Status s = db_->read([&](Tx& tx) -> Status {
    JAMUL_ASSIGN_OR_RETURN(Rows agents,
                           tx.query("SELECT id FROM agents WHERE state = 'enrolled' ORDER BY id"));
    std::map<std::int64_t, std::size_t> index;
    for (const Row& r : agents) {
      index[r.integer(0)] = out.size();
      out.push_back(AgentFindings{r.integer(0), {}});
    }
    JAMUL_ASSIGN_OR_RETURN(
        Rows rules, tx.query("SELECT agent, rule, items - items_encrypted FROM agent_rules"
                             " WHERE items - items_encrypted > 0 ORDER BY agent, rule"));
    for (const Row& r : rules) {
      auto it = index.find(r.integer(0));
      if (it != index.end()) out[it->second].counts.emplace_back(r.text(1), r.integer(2));
    }
    return okStatus();
  });
  if (!s) return s.error();
  return out;
}

}  // namespace jamul::console
