// SPDX-License-Identifier: Apache-2.0
#pragma once

// The records the console's store reads and writes: plain value types, shared by the store, the
// HTTP handlers and the admin CLI. Times are milliseconds since the epoch. Nothing here holds a
// personal-data value: paths, owners and masked excerpts (the agent masks before it sends), counts
// and digests only.
//
// Thread-safety: value types.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace jamul::console {

struct AgentRecord {
  std::int64_t id = 0;
  std::string machine_id;
  std::string host;
  std::string user;
  std::string department;
  std::string version;
  std::string os;
  std::int64_t policy_version = 0;
  std::string state;      // enrolled | revoked
  std::string run_state;  // the agent's own: idle | scanning | paused
  std::int64_t enrolled_ms = 0;
  std::int64_t last_contact_ms = 0;
  std::int64_t outbox_depth = 0;
  std::int64_t acked_seq = 0;
  std::int64_t files_with_pii = 0;
  std::int64_t files_encrypted = 0;
  std::int64_t items = 0;
  std::int64_t items_encrypted = 0;
};

struct EnrollInput {
  std::string machine_id;
  std::string host;
  std::string user;
  std::string department;
  std::string version;
  std::string os;
  std::string token_digest;
  std::int64_t now_ms = 0;
};

// The outcome of checking an agent's bearer token.
enum class AuthResult { kOk, kBadToken, kRevoked };
struct AgentAuth {
  AuthResult result = AuthResult::kBadToken;
  std::int64_t id = 0;
  std::string department;
  bool rotation_due = false;  // token old enough, or the agent still uses the previous one
};

struct HeartbeatInput {
  std::int64_t agent = 0;
  std::int64_t policy_version = 0;
  std::int64_t outbox_depth = 0;
  std::string version;
  std::string state;
  std::int64_t last_scan_ms = 0;
  std::vector<std::int64_t> decisions_applied;
  std::int64_t now_ms = 0;
};

struct StoredPolicy {
  std::string group;
  std::int64_t version = 0;
  std::string body;       // the signed PolicyBody text, served byte-identical
  std::string signature;  // base64
  std::string policy;     // the policy document alone (JSON)
  std::int64_t updated_ms = 0;
};

// Validated report events (the console keeps only the documented fields).
struct FileData {
  std::string path, owner, volume, status, format;
  std::int64_t size = 0;
  std::vector<std::pair<std::string, std::int64_t>> counts;  // rule -> occurrences
  std::string excerpts_json = "[]";                          // at most 20 masked findings
  bool encrypted = false;
  std::string original;
};
struct FileRemovedData {
  std::string path;
};
struct ScanData {
  std::string reason;
  std::int64_t started_ms = 0, finished_ms = 0, files = 0, files_with_findings = 0,
               files_encrypted = 0, items = 0, items_encrypted = 0;
};
struct VolumeData {
  std::string key, label;
  std::int64_t size_bytes = 0;
  bool removable = false;
  std::int64_t first_seen_ms = 0, last_seen_ms = 0;
};
struct ExceptionRequestData {
  std::int64_t request_id = 0;
  std::string path, owner, content_digest, reason;
  std::int64_t days = 0, requested_at_ms = 0;
};
struct ActionData {
  std::string path, action;
  bool ok = false;
  std::string owner;
  std::int64_t at_ms = 0;
};
struct IngestEvent {
  std::int64_t seq = 0;
  std::int64_t at_ms = 0;
  std::variant<FileData, FileRemovedData, ScanData, VolumeData, ExceptionRequestData, ActionData>
      data;
};

// What ingest() did: the acknowledged sequence, and whether the batch left a gap (then nothing
// of it was applied).
struct IngestOutcome {
  std::int64_t acked_seq = 0;
  bool gap = false;
};

struct ExceptionRecord {
  std::int64_t id = 0;
  std::int64_t agent = 0;
  std::string host;
  std::int64_t request_id = 0;
  std::string path, owner, content_digest, reason;
  std::int64_t days = 0, requested_at_ms = 0;
  std::string state;  // pending | approved | denied
  std::int64_t decided_at_ms = 0, expires_at_ms = 0;
  std::string decided_by;
};

struct AdminRecord {
  std::string name;
  std::string password_hash;
  bool must_change_password = true;
};

struct SessionRecord {
  std::string admin;
  std::string csrf;
  std::int64_t created_ms = 0;
  std::int64_t last_seen_ms = 0;
};

struct AuditEntry {
  std::int64_t at_ms = 0;
  std::string admin, action, subject, detail;
};

struct Summary {
  std::int64_t agents = 0, agents_offline = 0, files_with_pii = 0, files_encrypted = 0, items = 0,
               items_encrypted = 0, pending_exceptions = 0;
  std::vector<std::pair<std::string, std::int64_t>> by_rule;
};

// A row of the findings views (by rule, department, volume) and of the export.
struct FigureRow {
  std::string key;
  std::string label;  // by volume: the volume's label, when the agent reported it
  std::int64_t agents = 0, files = 0, items = 0, files_encrypted = 0, items_encrypted = 0;
};

struct DayFigures {
  std::string day;  // YYYY-MM-DD, the console's local time
  std::int64_t files_with_pii = 0, files_encrypted = 0, items = 0, items_encrypted = 0;
};

struct TopFile {
  std::int64_t agent = 0;
  std::string host, path, counts_json, excerpts_json;
  std::int64_t items = 0;
  bool encrypted = false;
};

struct AgentFindings {
  std::int64_t agent = 0;
  std::vector<std::pair<std::string, std::int64_t>> counts;  // not encrypted, rule -> n
};

struct AgentQuery {
  std::int64_t offset = 0;
  std::int64_t limit = 100;
  std::string q;      // substring of host, user or department
  std::string state;  // enrolled | revoked | empty: all
};

struct ExceptionQuery {
  std::string state;  // pending | approved | denied | empty: all
  std::int64_t offset = 0;
  std::int64_t limit = 100;
};

// When an agent counts as offline: after three heartbeat intervals without contact, the interval
// being the one of the policy assigned to its group (as Store::policyFor picks it: its
// department's, else `default`'s, else the console's own). One entry per group, not per agent,
// so the agents list and the summary cost the same on 10,000 agents.
struct OfflineThresholds {
  std::int64_t fallback_ms = 0;  // `default`'s policy, else the console's heartbeat
  std::map<std::string, std::int64_t> by_department;  // departments whose own policy differs

  std::int64_t forDepartment(const std::string& department) const {
    auto it = by_department.find(department);
    return it == by_department.end() ? fallback_ms : it->second;
  }
};

}  // namespace jamul::console
