// SPDX-License-Identifier: Apache-2.0
#include "inventory/schema.h"

#include <array>
#include <string>

namespace jamul::agent {
namespace {

// Version 1 (issue 2). Paths are BLOBs: Linux names are bytes, and BLOB order is memcmp order,
// which the prefix range queries rely on. Times are Unix milliseconds (scans) or nanoseconds (file
// signatures, as stat reports them). Rule and confidence names are the stable API names.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE scans (
  id                  INTEGER PRIMARY KEY,
  started_at_ms       INTEGER NOT NULL,
  finished_at_ms      INTEGER,
  roots               TEXT    NOT NULL,  -- JSON array of absolute paths
  ruleset_version     TEXT    NOT NULL,
  status              TEXT    NOT NULL DEFAULT 'running',  -- running | completed | interrupted
  files_seen          INTEGER NOT NULL DEFAULT 0,
  files_read          INTEGER NOT NULL DEFAULT 0,
  files_cached        INTEGER NOT NULL DEFAULT 0,
  bytes_read          INTEGER NOT NULL DEFAULT 0,
  files_with_findings INTEGER NOT NULL DEFAULT 0,
  errors              INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE files (
  id                 INTEGER PRIMARY KEY,
  path               BLOB    NOT NULL UNIQUE,
  size               INTEGER NOT NULL,
  mtime_ns           INTEGER NOT NULL,
  ctime_ns           INTEGER NOT NULL,
  inode              INTEGER NOT NULL,
  device             INTEGER NOT NULL,
  ruleset_version    TEXT    NOT NULL,
  status             TEXT    NOT NULL,  -- ok | protected | unsupported | corrupt | too_large | error
  detail             TEXT    NOT NULL DEFAULT '',
  error_code         TEXT,
  format             TEXT    NOT NULL DEFAULT '',
  text_bytes         INTEGER NOT NULL DEFAULT 0,
  findings_truncated INTEGER NOT NULL DEFAULT 0,
  occurrences        INTEGER NOT NULL DEFAULT 0,  -- all rules, all confidences
  last_scan_id       INTEGER NOT NULL REFERENCES scans(id),
  scanned_at_ms      INTEGER NOT NULL
);
CREATE TABLE file_counts (
  file_id     INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  rule        TEXT    NOT NULL,
  confidence  TEXT    NOT NULL,
  occurrences INTEGER NOT NULL,
  PRIMARY KEY (file_id, rule, confidence)
) WITHOUT ROWID;
CREATE TABLE findings (
  id          INTEGER PRIMARY KEY,
  file_id     INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  ordinal     INTEGER NOT NULL,  -- order of first occurrence in the file
  rule        TEXT    NOT NULL,
  confidence  TEXT    NOT NULL,
  occurrences INTEGER NOT NULL,
  offset      INTEGER NOT NULL,
  location    TEXT    NOT NULL,
  masked      TEXT    NOT NULL,
  digest      BLOB    NOT NULL   -- keyed BLAKE2b-128 of the canonical value; never the value
);
CREATE INDEX findings_by_file ON findings(file_id, ordinal);
CREATE TABLE scan_errors (
  id      INTEGER PRIMARY KEY,
  scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
  path    BLOB    NOT NULL,
  code    TEXT    NOT NULL,
  message TEXT    NOT NULL
);
)sql";

// Version 2 (issue 2, rescan speed): each row's findings packed in one BLOB (report_cache.h), read
// with the row by an incremental rescan. Rows written by version 1 keep NULL and are read from the
// findings table until they are next scanned.
constexpr std::string_view kVersion2 = R"sql(
ALTER TABLE files ADD COLUMN report_cache BLOB;
)sql";

// Version 3 (issue 3, poison files): documents that stopped a scan while a parser read them, by
// keyed digest of their content, per ruleset version (a new release may have fixed the parser).
constexpr std::string_view kVersion3 = R"sql(
CREATE TABLE quarantine (
  digest          BLOB    NOT NULL,  -- keyed BLAKE2b-128 of the whole file
  ruleset_version TEXT    NOT NULL,
  path            BLOB    NOT NULL,  -- where it was seen (the latest)
  format          TEXT    NOT NULL,  -- the parser: pdf, hwp, ...
  since_ms        INTEGER NOT NULL,
  PRIMARY KEY (digest, ruleset_version)
) WITHOUT ROWID;
)sql";

// Version 4 (issue 4): the journal of in-place encryption, decryption and shredding
// (agent/include/jamul/agent/file_protector.h). Each step is written before it runs.
constexpr std::string_view kVersion4 = R"sql(
CREATE TABLE file_actions (
  id            INTEGER PRIMARY KEY,
  action        TEXT    NOT NULL,  -- encrypt | decrypt | shred
  path          BLOB    NOT NULL,  -- the file acted on
  temp_path     BLOB    NOT NULL,  -- .<name>.jamul-tmp, or the random name of a shred
  target_path   BLOB    NOT NULL,  -- name.age (encrypt), name (decrypt), '' (shred)
  step          TEXT    NOT NULL,  -- started ... done | rolled_back | failed
  size          INTEGER NOT NULL,  -- the file as stat'ed when the action started
  mtime_ns      INTEGER NOT NULL,
  ctime_ns      INTEGER NOT NULL,
  inode         INTEGER NOT NULL,
  device        INTEGER NOT NULL,
  detail        TEXT    NOT NULL DEFAULT '',
  started_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
CREATE INDEX file_actions_unfinished ON file_actions(step) WHERE step NOT IN ('done', 'rolled_back', 'failed');
)sql";

// Version 5 (issue 15, the agent): one inventory for the machine, so each file's owner is kept (a
// user sees only their own files); the removable volumes the agent has seen; the exception
// requests and the questions of `notify` actions, kept until a console or the user takes them;
// and a few facts of the agent's own (the scan in progress, the last good policy's version).
constexpr std::string_view kVersion5 = R"sql(
ALTER TABLE files ADD COLUMN owner_uid INTEGER;  -- NULL: written before version 5
CREATE INDEX files_by_owner ON files(owner_uid);
CREATE TABLE volumes (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT    NOT NULL UNIQUE,  -- file system UUID, else label, else device and size
  label         TEXT    NOT NULL DEFAULT '',
  mount_point   BLOB    NOT NULL,         -- where it was last mounted
  size_bytes    INTEGER NOT NULL DEFAULT 0,
  removable     INTEGER NOT NULL DEFAULT 1,
  first_seen_ms INTEGER NOT NULL,
  last_seen_ms  INTEGER NOT NULL
);
CREATE TABLE exceptions (
  id              INTEGER PRIMARY KEY,
  path            BLOB    NOT NULL,
  owner_uid       INTEGER NOT NULL,
  reason          TEXT    NOT NULL,
  days            INTEGER NOT NULL,
  requested_at_ms INTEGER NOT NULL,
  state           TEXT    NOT NULL DEFAULT 'pending',  -- pending | approved | denied | expired
  decided_at_ms   INTEGER,
  expires_at_ms   INTEGER
);
CREATE TABLE questions (
  id          INTEGER PRIMARY KEY,
  path        BLOB    NOT NULL UNIQUE,
  owner_uid   INTEGER NOT NULL,
  asked_at_ms INTEGER NOT NULL,
  answer      TEXT,                     -- NULL: not answered; encrypt | keep | exception
  answered_at_ms INTEGER
);
CREATE TABLE agent_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// Version 6 (the tray's local API): whom each in-place action was done for, and what personal
// data the file held when it started (rule -> occurrences at medium or above, from the inventory),
// so that a user's history and encrypted files can be listed with what they protected. Rows
// written before take their owner from the inventory's row of the file they left (the .age of an
// encryption, the original of a decryption or shred), where the inventory has one; their counts
// are unknown ('{}'). The indexes serve the per-user lists and the "not decrypted since" look-ups,
// which would otherwise read the whole journal once per action.
constexpr std::string_view kVersion6 = R"sql(
ALTER TABLE file_actions ADD COLUMN owner_uid INTEGER;  -- NULL: not known (written before 6)
ALTER TABLE file_actions ADD COLUMN counts TEXT NOT NULL DEFAULT '{}';  -- JSON: rule -> n
UPDATE file_actions SET owner_uid = coalesce(
  (SELECT f.owner_uid FROM files f WHERE f.path = file_actions.target_path),
  (SELECT f.owner_uid FROM files f WHERE f.path = file_actions.path));
CREATE INDEX file_actions_by_owner ON file_actions(owner_uid, id);
CREATE INDEX file_actions_by_path ON file_actions(path, id);
CREATE INDEX file_actions_by_target ON file_actions(target_path, id);
)sql";

// Version 7: why each finding was reported (scanner/include/jamul/scanner/finding_basis.h): the
// bits of a BasisSet (1 checksum, 2 label, 4 keyword, 8 format, 16 repaired). Rows written before
// keep 0, "unknown", until their file is scanned again.
constexpr std::string_view kVersion7 = R"sql(
ALTER TABLE findings ADD COLUMN basis INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 8 (issue 17, the console): the durable outbox of report events (seq from 1 with no gaps:
// AUTOINCREMENT never reuses a number, and a rolled-back append rolls back the counter too), what
// was last reported per file and volume (a fingerprint of the event's data, so that reports are
// deltas: the outbox row and the fingerprint are written in one transaction), and per exception
// request the keyed digest of the file's content it binds to, and whether the console's decision
// on it still waits to be confirmed (decisions_applied).
constexpr std::string_view kVersion8 = R"sql(
CREATE TABLE outbox (
  seq   INTEGER PRIMARY KEY AUTOINCREMENT,
  kind  TEXT    NOT NULL,  -- file | file_removed | scan | volume | exception_request | action
  at_ms INTEGER NOT NULL,
  data  TEXT    NOT NULL   -- the event's data (docs/console-api.md): JSON, never a raw value
);
CREATE TABLE reported (
  kind        TEXT NOT NULL,  -- file | volume
  key         BLOB NOT NULL,  -- the path, or the volume's key
  fingerprint TEXT NOT NULL,  -- BLAKE2b-256 (hex) of the data last reported
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
ALTER TABLE exceptions ADD COLUMN content_digest TEXT NOT NULL DEFAULT '';
ALTER TABLE exceptions ADD COLUMN decision_unconfirmed INTEGER NOT NULL DEFAULT 0;
)sql";

constexpr std::array<std::string_view, 8> kMigrations = {kVersion1, kVersion2, kVersion3,
                                                         kVersion4, kVersion5, kVersion6,
                                                         kVersion7, kVersion8};

}  // namespace

namespace {

Result<int> schemaVersion(sqlite::Database& db) {
  JAMUL_ASSIGN_OR_RETURN(sqlite::Statement version, db.prepare("PRAGMA user_version"));
  JAMUL_ASSIGN_OR_RETURN(bool has_row, version.step());
  return has_row ? static_cast<int>(version.columnInt(0)) : 0;
}

Status refuseNewer(int current, int target) {
  if (current <= target) return okStatus();
  return Error(ErrorCode::kUnsupportedFormat,
               "inventory schema version " + std::to_string(current) +
                   " is newer than this Jamul understands (" + std::to_string(target) + ")");
}

// The migration proper, inside the caller's write transaction.
Status migrateLocked(sqlite::Database& db, int target) {
  // Read again under the write lock: another process may have created or migrated the file
  // since the first look (two scans started at once on a fresh inventory both saw version 0).
  JAMUL_ASSIGN_OR_RETURN(const int current, schemaVersion(db));
  JAMUL_RETURN_IF_ERROR(refuseNewer(current, target));
  if (current == target) return okStatus();
  if (current == 0) {
    // A fresh file must be empty: refuse to write our tables into someone else's database.
    JAMUL_ASSIGN_OR_RETURN(sqlite::Statement tables,
                           db.prepare("SELECT count(*) FROM sqlite_schema"));
    JAMUL_ASSIGN_OR_RETURN(bool row, tables.step());
    if (row && tables.columnInt(0) != 0)
      return Error(ErrorCode::kCorrupt, "not a Jamul inventory (unknown tables, no version)");
  }
  for (int v = current; v < target; ++v)
    JAMUL_RETURN_IF_ERROR(db.exec(kMigrations[static_cast<std::size_t>(v)]));
  return db.exec("PRAGMA user_version = " + std::to_string(target));
}

}  // namespace

Status migrate(sqlite::Database& db, int target) {
  // The usual case, an inventory at this version, reads one pragma and takes no write lock (a
  // status query must not wait for a scan's write batch).
  JAMUL_ASSIGN_OR_RETURN(const int current, schemaVersion(db));
  JAMUL_RETURN_IF_ERROR(refuseNewer(current, target));
  if (current == target) return okStatus();
  JAMUL_RETURN_IF_ERROR(db.exec("BEGIN IMMEDIATE"));
  if (Status s = migrateLocked(db, target); !s) {
    (void)db.exec("ROLLBACK");
    return s;
  }
  return db.exec("COMMIT");
}

}  // namespace jamul::agent
