// SPDX-License-Identifier: Apache-2.0
#pragma once

// Agent: what jamul-agent does, without the process around it (main.cpp) or the socket in front
// of it (local_api_server.h), so that tests can drive it.
//
// Threads:
//   - the scan thread runs one scan at a time (ScanJob, incremental, paced by the Governor):
//     requests from the local API, the policy's schedule (a missed window runs at the next start),
//     new removable volumes, refreshes after actions, and the scan a kill interrupted (the
//     inventory's agent_state "scan_in_progress" names it until the scan completes: the next start
//     scans those roots again, and files already recorded are not read again);
//   - the action thread (ActionRunner) encrypts, decrypts and shreds: the policy's `encrypt`
//     actions and users' requests;
//   - the monitor thread watches the mount table (a new removable volume, or one under the
//     policy's mount_prefixes, is recorded and scanned), the power supply (pause on battery) and a
//     user's pause (it ends after an hour: a user must not switch the agent off for good; root's
//     pause lasts until resume).
// The inventory is opened twice: one connection for the scan thread, one (under a mutex) for the
// local API's reads and the monitor's writes, so that a reply never waits for a scan.
//
// Policy: the config's policy, validated; one that fails validation is refused (logged, naming
// the key) and the last good one, kept in the inventory, stays in force (the built-in default
// when there was none). reloadPolicy() reads the config's files again (SIGHUP). Once enrolled
// with a console, the console's signed policy takes precedence (kept signed in the inventory and
// verified again at each start); a refused one leaves the policy in force.
//
// The console (issue 17): a fourth thread, the ConsoleLink (service/console/console_link.h),
// talks to the console; the Reporter (service/reporter.h) appends to the inventory's outbox what
// changed after each complete scan, each batch of actions, each exception request and each new
// volume; an approved, unexpired exception whose path and content digest match keeps the policy's
// encrypt or notify action off the file.
//
// stop() cancels the scan (the inventory keeps what it recorded), lets an action finish if it can
// within the grace time, and returns within about 5 s; what it could not finish, the next start
// resumes (scan) or finishes or rolls back (journal).
//
// Thread-safety: every public member may be called from any thread once start() returned.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "jamul/agent/inventory.h"
#include "jamul/common/result.h"
#include "jamul/protocol/json_value.h"
#include "jamul/protocol/policy.h"
#include "jamul/scanner/rule.h"
#include "jamul/scanner/scan_pipeline.h"
#include "platform/impersonation.h"
#include "platform/mount_table.h"
#include "jamul/crypto/keyed_hasher.h"
#include "service/action_runner.h"
#include "service/console/console_link.h"
#include "service/reporter.h"
#include "service/agent_config.h"
#include "service/event_hub.h"
#include "service/governor.h"
#include "service/service_log.h"

namespace jamul::agent {

class Agent {
 public:
  struct Options {
    AgentConfig config;
    std::string config_path;  // for reloadPolicy(); empty: the config is not re-read
    ServiceLog log;
    // Where the OS is looked at (tests point these at their own files).
    std::string mountinfo = "/proc/self/mountinfo";
    std::string power_supply = "/sys/class/power_supply";
    DeviceFolders devices;
    // How often the schedule, the power supply and a user's pause are looked at.
    std::chrono::milliseconds tick = std::chrono::seconds(15);
    // How long a pause asked by a user (not root) lasts.
    std::chrono::minutes user_pause = std::chrono::minutes(60);
    std::string version = "0";
    // How the console link reaches its console (tests give their own; empty: HTTPS).
    TransportFactory console_transport;
    std::chrono::milliseconds console_first_backoff = std::chrono::seconds(1);
  };

  // Creates data_dir (0700), opens the inventory, recovers the journal, applies the policy, and
  // starts the threads. Fails when the inventory or the device key cannot be opened.
  static Result<std::unique_ptr<Agent>> start(Options options);
  ~Agent();
  Agent(const Agent&) = delete;
  Agent& operator=(const Agent&) = delete;

  // Returns within about 5 s. true: every thread ended (false: the process should end now; the
  // next start picks up what was cut short). The local API calls stay usable (the inventories
  // close with the destructor); actions are refused from then on.
  bool stop();

  // Reads the config's policy again (SIGHUP). An invalid one is refused naming the key; the
  // policy in force stays. A console's policy takes precedence over the config's.
  Status reloadPolicy();

  // --- The console (issue 17) -------------------------------------------------------------------
  // Enrolls with the console (root only, the caller checks): {agent_id, certificate_sha256}.
  Result<protocol::JsonValue> enroll(const std::string& url, const std::string& secret,
                                     const std::string& ca_pem, const std::string& department);
  // Heartbeat, policy and outbox now; then the status's console object.
  Result<protocol::JsonValue> syncConsole();
  // Appends to the outbox what changed since the last report (when enrolled).
  void reportToConsole(const std::optional<ScanFacts>& scan);

  // --- For the local API (authorisation is the caller's: `uid` is the peer's) ----------------
  EventHub& events() { return events_; }
  const std::string& version() const { return options_.version; }
  // The "status" reply for `uid` (root sees the roots and paths; users see counts).
  protocol::JsonValue status(std::uint32_t uid);
  // "started" (a scan of the policy's roots was queued or begun) or "running" (one is already).
  std::string requestScan(std::uint32_t uid);
  // Root's pause lasts until resume(); a user's ends after Options::user_pause.
  void pause(std::uint32_t uid);
  void resume(std::uint32_t uid);
  // Waits until no scan is running or queued (scan --wait), or `timeout` (false then).
  bool waitIdle(std::chrono::milliseconds timeout);

  // The caller's files with findings at `min` or above (all files for root), from the `offset`th,
  // as `jamul scan --json` objects, up to about `max_bytes` of JSON; `next` is the offset of the
  // next page, or nullopt at the end. A file with a pending or approved (unexpired) exception
  // request carries it as "exception". With `with_encrypted`, the caller's files that Jamul
  // encrypted and that are still encrypted are listed too, in path order among the others
  // ({path: name.age, status: "encrypted", original, encrypted_at_ms, counts, findings: []}).
  struct FindingsPage {
    std::vector<protocol::JsonValue> files;
    std::optional<std::size_t> next;
    std::size_t total = 0;
  };
  Result<FindingsPage> findings(std::uint32_t uid, scanner::Confidence min, std::size_t offset,
                                std::size_t max_bytes, bool with_encrypted = false);

  // The in-place actions done for the caller (all, for root) that ended at or after `since_ms`,
  // newest first, with an id below `before` (0: the newest), at most `limit` and about
  // `max_bytes` of JSON; `next` is the `before` of the next page, or nullopt at the end.
  struct HistoryPage {
    std::vector<protocol::JsonValue> actions;
    std::optional<std::int64_t> next;
  };
  Result<HistoryPage> history(std::uint32_t uid, std::int64_t since_ms, std::int64_t before,
                              std::size_t limit, std::size_t max_bytes);
  // The caller's exception requests (all, for root), newest first, as the `exceptions` reply's
  // objects.
  Result<std::vector<protocol::JsonValue>> exceptions(std::uint32_t uid);

  // Who asks: the uid and gid the OS gives for the connection (supplementary groups come from the
  // user database; a uid without an account acts with its own uid and gid only).
  struct Caller {
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
  };
  // Encrypt, decrypt or shred `files` for the caller (as that user; root as the agent).
  Result<std::future<std::vector<ActionResult>>> act(ActionKind kind, Caller caller,
                                                     std::vector<std::string> files);
  // A user's request that `path` (theirs) stay in plaintext for `days`; returns its id.
  Result<std::int64_t> requestException(Caller caller, const std::string& path,
                                        const std::string& reason, int days);
  // The answer to a `notify` question ("encrypt", "keep" or "shred"); the question must be the
  // caller's. Returns the action's results (none for "keep").
  Result<std::vector<ActionResult>> answer(Caller caller, std::int64_t question,
                                           const std::string& decision);

 private:
  struct ScanRequest {
    std::string reason;  // "manual", "schedule", "resume", "mount", "refresh"
    std::vector<std::string> roots;  // empty: the policy's roots
    std::string volume;              // reason "mount": the volume's key
  };
  class Listener;

  explicit Agent(Options options);
  Status open();
  void applyPolicy(protocol::Policy policy, std::string source);
  std::vector<std::string> policyRoots() const;
  void enqueueScan(ScanRequest request);
  void scanLoop();
  void runScan(const ScanRequest& request);
  void monitorLoop();
  void checkMounts(MountWatcher& watcher, bool baseline);
  void onFinishedActions(const std::vector<std::string>& paths);
  void publishState();
  std::int64_t nowMs() const;
  protocol::Heartbeat heartbeatFacts();
  // Whether an approved, unexpired exception covers `path` as it is now (path and content).
  bool exceptionCovers(Inventory& inventory, const std::string& path);

  Options options_;
  ServiceLog& log_;
  std::string inventory_path_;
  EventHub events_;
  Governor governor_;
  std::unique_ptr<ActionRunner> actions_;
  std::optional<crypto::KeyedHasher> hasher_;  // content digests of exception requests
  std::unique_ptr<ConsoleLink> link_;

  // The scan thread's inventory (used by that thread only).
  std::optional<Inventory> scan_inventory_;
  // The local API's and the monitor's inventory.
  std::mutex read_mutex_;
  std::optional<Inventory> read_inventory_;

  mutable std::mutex mutex_;  // guards what follows
  std::condition_variable changed_;
  protocol::Policy policy_;
  std::string policy_source_;
  std::string policy_error_;  // why the config's policy was refused, if it was
  std::deque<ScanRequest> queue_;
  std::optional<ScanRequest> running_;
  std::int64_t scan_started_ms_ = 0;
  scanner::ScanProgress progress_;
  std::optional<std::int64_t> user_pause_until_ms_;
  bool root_paused_ = false;
  bool stopping_ = false;
  std::string last_scan_error_;

  std::set<std::uint64_t> known_mounts_;  // the monitor thread's: mount ids seen

  std::atomic<bool> cancel_scan_{false};
  std::thread scan_thread_;
  std::thread monitor_thread_;
  std::promise<void> scan_ended_, monitor_ended_;
};

}  // namespace jamul::agent
