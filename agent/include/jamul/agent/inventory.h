// SPDX-License-Identifier: Apache-2.0
#pragma once

// Inventory: the local record of what each scan found (DESIGN.md §3, §4), in SQLite (WAL mode).
// Schema, versions and example queries: docs/inventory.md. The inventory holds paths, statuses,
// counts per rule and confidence, and per distinct value a masked excerpt, a location and a keyed
// digest — never a raw value (none reaches it: FileReport carries none).
//
// A scan is recorded as:
//   beginScan(roots) -> prepareIncremental(roots) -> runScan(..., &changeOracle(), sink)
//     sink: fillFromCache(report) for from_cache reports, then record(report), for every report
//   -> finishScan(totals)
// A full (non-incremental) scan skips prepareIncremental() and passes no oracle.
//
// Cost: an unchanged file costs no write at all — record() only notes it as seen — and
// prepareIncremental() loads what is known under the roots in one range query, so a rescan of an
// unchanged tree costs little more than its directory walk. Fresh reports are written in
// transactions of ~500 reports (or 2 s), each report atomically (a failed record() leaves the
// file's previous row intact).
//
// Deletion: when a scan completes, rows of files under its roots that it did not see (deleted, or
// now excluded) are removed — except at or below a path the walk could not list (a walk error other
// than kNotFound, e.g. a directory that became unreadable): what was known there is kept. An
// interrupted scan removes nothing.
//
// Processes: several may open the same inventory at once (the agent scanning, the CLI and the tray
// reading). Opening is safe however many start together on a fresh file (the schema is created
// once, under SQLite's write lock). Scans take turns: beginScan() waits until no other process is
// between its own beginScan() and finishScan() (`<inventory>.scan.lock`), so each scan's rows are
// consistent whoever started first. Other writes wait for SQLite's lock (5 s busy timeout,
// kUnavailable beyond); a scan never holds it longer than about 2 s (see flushIfDue()).
//
// Thread-safety: one thread uses the Inventory, except changeOracle().unchanged(), which may be
// called from another thread (the walker) between prepareIncremental() and finishScan(): it reads
// only data that prepareIncremental() loaded and that nothing modifies until finishScan().

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jamul/agent/file_protector.h"
#include "jamul/agent/parse_journal.h"
#include "jamul/agent/turn_wait.h"
#include "jamul/common/result.h"
#include "jamul/scanner/file_report.h"
#include "jamul/scanner/scan_pipeline.h"

namespace jamul::agent {

// Number of scanner::FileStatus values, for per-status arrays.
using scanner::kFileStatusCount;

struct ScanTotals {
  std::uint64_t files_seen = 0;
  std::uint64_t files_read = 0;
  std::uint64_t files_cached = 0;
  std::uint64_t bytes_read = 0;
  std::uint64_t files_with_findings = 0;
  std::uint64_t errors = 0;
  bool completed = false;  // false: interrupted (nothing is deleted as "no longer there")
};

// What the inventory holds now, over all scans (for `jamul status`, the tray, the console).
struct InventorySummary {
  std::uint64_t files = 0;
  // Files by their last status, indexed by static_cast<std::size_t>(scanner::FileStatus).
  std::array<std::uint64_t, kFileStatusCount> files_by_status{};
  std::uint64_t files_not_read = 0;  // any status but ok
  std::uint64_t files_with_findings = 0;
  // Occurrences over all files, by rule and confidence (exact, also where findings are truncated).
  scanner::RuleCounts occurrences{};
  std::uint64_t scans = 0;
  // When the newest completed scan finished (Unix ms, UTC); 0: no scan has completed.
  std::int64_t last_completed_scan_ms = 0;
};

class Inventory {
 public:
  // The schema version this code writes (PRAGMA user_version).
  static constexpr int kSchemaVersion = 8;

  // Opens the inventory at `path`, creating it (mode 0600, never through a symbolic link) and
  // migrating it to kSchemaVersion as needed. The parent directory must exist. Fails with
  // kUnsupportedFormat for a database written by a newer Jamul (its tables left untouched),
  // kCorrupt for a file that is not an inventory, kPermissionDenied, kNotFound (no parent
  // directory), kIo.
  static Result<Inventory> open(const std::string& path);

  Inventory(Inventory&&) noexcept;
  Inventory& operator=(Inventory&&) noexcept;
  // Commits what is pending. A commit that fails here has no caller to return to: it goes to the
  // error log (setErrorLog()), and that batch's reports are lost (the next scan reads their files
  // again: they are not in the inventory).
  ~Inventory();

  // Where errors that no call can return go (the destructor's commit): standard error until set
  // (the agent sends them to its log). Never given a PII value: errors hold none.
  void setErrorLog(std::function<void(const Error&)> log);

  // Records the start of a scan of `roots` (absolute, normalised paths: no trailing '/', no '.'
  // or '..') under `ruleset_version`, which fresh reports of this scan are stored with. Returns
  // the scan's id. First waits for the scan turn (see "Processes" above; `wait` says how), which
  // it holds until finishScan() or destruction. Fails with kIo, kUnavailable, kCancelled (while
  // waiting).
  Result<std::int64_t> beginScan(std::span<const std::string> roots,
                                 std::string_view ruleset_version, const TurnWait& wait = {});

  // Loads what the inventory knows of every file at or under `roots` (path == root, or path
  // starting with root + "/"), so that changeOracle() can answer and fillFromCache() can fill
  // reports without per-file queries. REQUIRES: not while a walker may call changeOracle().
  Status prepareIncremental(std::span<const std::string> roots, std::string_view ruleset_version);

  // prepareIncremental() on a thread of its own, reading on connections of its own, so that the
  // walk can start at once: the oracle says ready() only once loading is over (also when it
  // failed; it then knows nothing and the future holds the error), and the pipeline holds what it
  // walks until then. Call it after beginScan(). Until the future is ready, the Inventory may be
  // used (quarantine, say) except fillFromCache(), record() and finishScan(), and changeOracle()
  // only through the pipeline. Wait for the future before finishScan().
  std::future<Status> prepareIncrementalInBackground(std::vector<std::string> roots,
                                                     std::string ruleset_version);

  // unchanged(entry) is true iff the file was loaded by prepareIncremental(), its size, mtime,
  // ctime, inode and device are the same (FileSignature), it was scanned under the
  // ruleset version given there, and its stored status may be reused (ok, protected, unsupported,
  // encrypted; files in error, corrupt or too_large are always read again). Without
  // prepareIncremental(), nothing is unchanged. The reference stays valid as long as the Inventory.
  const scanner::ChangeOracle& changeOracle() const;

  // Fills status, detail, error code, format, counts, findings (in their stored order), truncation
  // and text size of a from_cache report from the stored row, from memory: prepareIncremental()
  // loaded each row's packed findings (rows of schema version 1 cost one query until rescanned).
  // Fails with kNotFound if prepareIncremental() did not load the file, kIo.
  Status fillFromCache(scanner::FileReport& report);

  // Records one report of scan `scan_id`:
  //  - from_cache: only noted as seen (no write);
  //  - kSkipped (a link or special file passed over): nothing;
  //  - a walk error (status kError and an entry without signature: inode, size, mtime and ctime 0):
  //  goes
  //    to the scan's error list only, no file row;
  //  - anything else replaces the file's row, counts and findings (and a kError also goes to the
  //    error list).
  // Fails with kIo (disk full), kUnavailable (locked by another process too long).
  Status record(std::int64_t scan_id, const scanner::FileReport& report);

  // Commits what record() has batched so far (e.g. at a checkpoint of a long scan).
  Status flush();
  // Commits the batch if it has been open for about 2 s: call it while reports pause (the CLI does
  // on each progress tick, ten times a second), so that a scan busy with one large file does not
  // hold SQLite's write lock and other writers never wait long for it.
  Status flushIfDue();

  // Commits, stores the totals and finished_at, and — if totals.completed — deletes the rows of
  // files under the scan's roots that it did not see (see "Deletion" above). Ends the scan and
  // gives up the scan turn: changeOracle() knows nothing until the next prepareIncremental().
  Status finishScan(std::int64_t scan_id, const ScanTotals& totals);

  // Quarantine (poison documents, see parse_journal.h): records parses that never ended, under
  // `ruleset_version`; an entry already there keeps its first date and takes the newest path.
  Status addQuarantined(std::span<const UnfinishedParse> parses, std::string_view ruleset_version);
  // The digests quarantined under `ruleset_version`.
  Result<std::vector<ValueDigest>> quarantined(std::string_view ruleset_version);
  // Forgets the quarantine of `ruleset_version` (jamul scan --retry-quarantined); returns how many
  // entries it held.
  Result<std::uint64_t> clearQuarantine(std::string_view ruleset_version);

  // Paths of the files whose last scan found personal data at `min` confidence or above (what
  // `jamul encrypt --findings` encrypts), in path order.
  Result<std::vector<std::string>> filesWithFindings(scanner::Confidence min);

  // The files whose last scan found personal data at `min` or above, as reports (status, format,
  // counts, findings with their masked excerpts), in path order; with `owner`, only the files of
  // that user (the agent's local API: a user sees only their own files).
  Result<std::vector<scanner::FileReport>> reportsWithFindings(
      scanner::Confidence min, std::optional<std::uint32_t> owner = std::nullopt);
  // The owner the last scan saw for `path` (nullopt: not in the inventory, or recorded before
  // owners were).
  Result<std::optional<std::uint32_t>> ownerOf(const std::string& path);

  // --- What the agent keeps (issue 15) ---------------------------------------------------------
  // A removable volume seen mounted (the key is VolumeFacts::key: UUID, label or device).
  struct Volume {
    std::string key;
    std::string label;
    std::string mount_point;
    std::uint64_t size_bytes = 0;
    bool removable = true;
    std::int64_t first_seen_ms = 0;
    std::int64_t last_seen_ms = 0;
  };
  // Adds the volume, or updates its label, mount point, size and last_seen (first_seen kept).
  Status recordVolume(const Volume& volume);
  Result<std::vector<Volume>> volumes();
  // An employee's request that `path` be left in plaintext for `days` (kept until a console
  // decides it); returns its id.
  // `content_digest`: the keyed digest of the file's content (hex) the request binds to.
  Result<std::int64_t> addException(const std::string& path, std::uint32_t owner,
                                    const std::string& reason, int days, std::int64_t now_ms,
                                    const std::string& content_digest = {});
  // The question a `notify` action asks about `path` (one open question per file); returns its id,
  // the existing one's if there is one.
  Result<std::int64_t> askQuestion(const std::string& path, std::uint32_t owner,
                                   std::int64_t now_ms);
  struct Question {
    std::int64_t id = 0;
    std::string path;
    std::uint32_t owner = 0;
    std::int64_t asked_at_ms = 0;
    std::string answer;  // empty: not answered yet
  };
  Result<std::optional<Question>> question(std::int64_t id);
  // The unanswered questions (of `owner` only, when given).
  Result<std::vector<Question>> openQuestions(std::optional<std::uint32_t> owner);
  // Records `answer` to question `id` (it is then no longer open; a later answer replaces it).
  // kNotFound when no question has that id.
  Status answerQuestion(std::int64_t id, const std::string& answer, std::int64_t now_ms);
  // Small facts of the agent's own (the scan in progress, the policy version), by key.
  Status setAgentState(std::string_view key, std::string_view value);
  Result<std::optional<std::string>> agentState(std::string_view key);

  // The exception requests (of `owner` only, when given), newest first. `now_ms` decides which
  // approved ones have expired (reported as "expired" whatever the table says).
  struct ExceptionRequest {
    std::int64_t id = 0;
    std::string path;
    std::uint32_t owner = 0;
    std::string reason;
    int days = 0;
    std::int64_t requested_at_ms = 0;
    std::string state;  // pending | approved | denied | expired
    std::optional<std::int64_t> decided_at_ms;
    std::optional<std::int64_t> expires_at_ms;
    std::string content_digest;  // hex; empty for requests made before schema 8
  };
  Result<std::vector<ExceptionRequest>> exceptions(std::optional<std::uint32_t> owner,
                                                   std::int64_t now_ms);

  // --- The console (issue 17): outbox, what was reported, decisions ---------------------------
  // An event waiting in the outbox for the console (docs/console-api.md): `seq` counts from 1
  // with no gaps until resetReporting().
  struct OutboxEvent {
    std::int64_t seq = 0;
    std::string kind;
    std::int64_t at_ms = 0;
    std::string data;  // JSON object
  };
  struct NewEvent {
    std::string kind;
    std::int64_t at_ms = 0;
    std::string data;
  };
  // What was reported of a file or volume: the fingerprint of its last event; nullopt forgets it.
  struct ReportedChange {
    std::string kind;  // file | volume
    std::string key;
    std::optional<std::string> fingerprint;
  };
  struct OutboxWrite {
    std::vector<NewEvent> events;
    std::vector<ReportedChange> reported;
    std::vector<std::pair<std::string, std::string>> state;  // agent_state keys to set
  };
  // Appends the events, records the fingerprints and sets the state in ONE transaction: either
  // all of it is durable or none (a crash can neither lose an event nor send one twice).
  Status appendToOutbox(const OutboxWrite& write);
  // key -> fingerprint of everything reported of `kind`.
  Result<std::vector<std::pair<std::string, std::string>>> reportedFingerprints(
      std::string_view kind);
  // The oldest events with seq above `after_seq`, at most `max_events`, and as many as fit in
  // `max_bytes` of data (at least one).
  Result<std::vector<OutboxEvent>> outboxAfter(std::int64_t after_seq, std::size_t max_events,
                                               std::size_t max_bytes);
  // Deletes the events up to `seq` (acknowledged by the console).
  Status deleteOutboxThrough(std::int64_t seq);
  Result<std::int64_t> outboxDepth();
  // The last seq handed out (0: none since the last reset).
  Result<std::int64_t> lastOutboxSeq();
  // Forgets the outbox, the sequence and what was reported (enrollment with another console or
  // agent id: everything is reported afresh from seq 1).
  Status resetReporting();
  // Records a console's decision on exception request `id` (approved | denied), marked to be
  // confirmed; kNotFound when no request has that id.
  Status applyDecision(std::int64_t id, const std::string& state, std::int64_t decided_at_ms,
                       std::int64_t expires_at_ms, const std::string& content_digest);
  // The ids of decisions applied and not yet confirmed to the console, and their confirmation.
  Result<std::vector<std::int64_t>> unconfirmedDecisions();
  Status confirmDecisions(const std::vector<std::int64_t>& ids);
  // The content digests of the approved, unexpired exceptions for `path`.
  Result<std::vector<std::string>> approvedDigests(const std::string& path, std::int64_t now_ms);
  // The uid owning the most files in the inventory at or above `min_uid` (nullopt: none).
  Result<std::optional<std::uint32_t>> mostCommonOwner(std::uint32_t min_uid);

  // How many files the inventory holds (of `owner` only, when given), whatever their status.
  Result<std::uint64_t> fileCount(std::optional<std::uint32_t> owner);

  // --- What in-place actions did (file_actions, read through action_journal.h) ----------------
  // Occurrences of personal data by rule name ("kr_rrn"), at medium confidence or above, in name
  // order: what a file held when an action on it started, as the inventory knew it.
  using RuleTotals = std::vector<std::pair<std::string, std::uint64_t>>;
  // An action that has ended.
  struct FinishedAction {
    std::int64_t id = 0;
    ActionKind kind = ActionKind::kEncrypt;
    std::string path;         // the file acted on (for a decryption: the .age file)
    std::string target_path;  // what it was to give: name.age, the decrypted name, "" (shred)
    std::string state;        // done | failed | rolled_back
    std::int64_t finished_at_ms = 0;
    std::optional<std::uint32_t> owner;  // nullopt: done before owners were kept
    RuleTotals counts;
  };
  // The actions that ended at or after `since_ms`, done for `owner` (all, when not given), with an
  // id below `before_id` (0: no bound), newest first, at most `limit`.
  Result<std::vector<FinishedAction>> finishedActions(std::optional<std::uint32_t> owner,
                                                      std::int64_t since_ms, std::int64_t before_id,
                                                      std::size_t limit);
  // A file Jamul encrypted that is still encrypted: the journal holds no later decryption or
  // shred of the .age file it made.
  struct EncryptedFile {
    std::int64_t action_id = 0;
    std::string original;  // the path it had in plaintext
    std::string path;      // original + ".age"
    std::int64_t encrypted_at_ms = 0;
    std::optional<std::uint32_t> owner;
    RuleTotals counts;  // what it held when it was encrypted
  };
  // Those done for `owner` (all, when not given), in path order (of the .age file).
  Result<std::vector<EncryptedFile>> encryptedFiles(std::optional<std::uint32_t> owner);

  // What in-place protection has done (file_actions, see file_protector.h), and how much personal
  // data is still in plaintext, for `jamul status` and the 암호화율.
  struct ProtectionSummary {
    std::uint64_t files_with_findings = 0;  // at medium or above, in plaintext now
    // Encrypted by Jamul and not decrypted (nor the .age shredded) since: encryptedFiles().size().
    std::uint64_t encrypted = 0;
    // Decrypted by Jamul and not scanned (nor encrypted again) since: they held personal data when
    // they were encrypted, so until a scan says otherwise they count as plaintext with it.
    std::uint64_t decrypted_unscanned = 0;
    std::uint64_t shredded = 0;
    std::uint64_t unfinished = 0;  // actions a crash left for recovery
  };
  Result<ProtectionSummary> protectionSummary();
  // ProtectionSummary::unfinished alone, from an index: cheap enough for every command's start.
  Result<std::uint64_t> unfinishedActions();

  // Totals over the whole inventory. Fails with kIo.
  Result<InventorySummary> summary();

  // Rows inserted, updated or deleted by this Inventory's statements since open() (SQLite's
  // total_changes; cascaded deletions not counted). For diagnostics, and for tests that hold an
  // unchanged rescan to zero writes per file.
  std::int64_t rowsWritten() const;

 private:
  struct Impl;
  explicit Inventory(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace jamul::agent
