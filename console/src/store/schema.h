// SPDX-License-Identifier: Apache-2.0
#pragma once

// The console database's schema and its migrations. The version is kept in `meta` (key
// 'schema_version'); migrate() brings a new or older database to kSchemaVersion in one transaction
// and refuses a newer one (a downgraded console must not write a schema it does not know).
//
// The same SQL serves SQLite and PostgreSQL: only the auto-increment key differs (%ID%). Integers
// are BIGINT, booleans BIGINT 0/1, times milliseconds since the epoch.
//
// Sizing (10,000 agents, a few hundred files with findings each): the dashboard reads per-agent
// totals kept at ingest (agents.*_total, agent_rules) and per-day deltas (history_deltas), never
// the files table as a whole; files are read by index (agent+path, items for the top list,
// volume for removable media).
//
// Thread-safety: call from one thread at start.

#include "jamul/common/result.h"
#include "store/db.h"

namespace jamul::console {

inline constexpr int kSchemaVersion = 1;

// kCorrupt for a database of a newer schema; the Db's errors otherwise.
Status migrate(Db& db);

}  // namespace jamul::console
