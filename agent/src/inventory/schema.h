// SPDX-License-Identifier: Apache-2.0
#pragma once

// The inventory schema and its migrations (docs/inventory.md). Each schema version is one entry in
// an ordered list; migrate() applies the missing ones in a single transaction and records the
// result in PRAGMA user_version.

#include "inventory/sqlite_db.h"
#include "jamul/common/result.h"

namespace jamul::agent {

// Brings `db` to `target` (the newest version this code knows). Fails with kUnsupportedFormat when
// the database is newer than that, kCorrupt when it is not an inventory.
Status migrate(sqlite::Database& db, int target);

}  // namespace jamul::agent
