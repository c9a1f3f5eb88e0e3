// SPDX-License-Identifier: Apache-2.0
#pragma once

// ConsoleLink: the agent's side of the console API (docs/console-api.md), on a thread of its own.
//
// Once enrolled (enroll(): the enrollment secret buys an agent id and a token; the console's
// certificate (trust on first use) or the given CA, and its policy key, are pinned), each cycle:
//   1. heartbeat (every `heartbeat_seconds`, the console policy's console.heartbeat_seconds, else
//      the enrollment's): reports the policy version in force, the outbox depth and the decisions
//      applied since; takes a rotated token (persisted before it is used, the previous one kept
//      until the new one worked) and exception decisions (recorded, confirmed in the next
//      heartbeat);
//   2. policy: when the console's version differs from the one in force, fetches it
//      (If-None-Match), verifies it (policy_verifier.h), checks that a changed console.url
//      answers a heartbeat with the pinned certificate, and hands it to the agent to apply; a
//      refused policy leaves the last good one and its reason in status();
//   3. outbox: uploads the inventory's outbox in batches (≤1000 events, ≤4 MiB), deletes rows up
//      to acked_seq only after the 200 reply, and sends again from acked+1 after a 409. A batch
//      the console refuses (400, or 413) is sent again in halves until the refused event is
//      alone; an event the console refuses on its own is dropped: a placeholder of the same seq
//      that changes nothing on the console takes its place (the seq stays gapless), and the
//      count of dropped events is kept and shown in status(). When the console refuses even the
//      placeholder, its refusal is not about the event: nothing is dropped and the cycle fails.
// A cycle that fails (the console down) is retried with exponential backoff and jitter (1 s to
// 5 min); a 403 "revoked" makes the state `revoked` and the link stops contacting the console.
//
// What it keeps (the inventory's agent_state, root-only like the inventory): console.url,
// agent_id, token, previous_token, policy_key, the pin (certificate SHA-256 and PEM, or the CA
// file), state, acked_seq, last_contact_ms, last_error, policy_refused, signed_policy,
// refused_events.
//
// Thread-safety: every public member may be called from any thread; cycles, sync() and enroll()
// take turns.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "jamul/agent/inventory.h"
#include "jamul/common/result.h"
#include "jamul/protocol/console_api.h"
#include "jamul/protocol/json_value.h"
#include "jamul/protocol/policy.h"
#include "service/console/backoff.h"
#include "service/console/console_transport.h"
#include "service/console/policy_verifier.h"
#include "service/service_log.h"

namespace jamul::agent {

// agent_state keys of the console link.
namespace console_state {
inline constexpr std::string_view kUrl = "console.url";
inline constexpr std::string_view kAgentId = "console.agent_id";
inline constexpr std::string_view kToken = "console.token";
inline constexpr std::string_view kPreviousToken = "console.previous_token";
inline constexpr std::string_view kPolicyKey = "console.policy_key";
inline constexpr std::string_view kPinMode = "console.pin_mode";  // certificate | ca
inline constexpr std::string_view kCertificateSha256 = "console.certificate_sha256";
inline constexpr std::string_view kCertificatePem = "console.certificate_pem";
inline constexpr std::string_view kCaFile = "console.ca_file";
inline constexpr std::string_view kState = "console.state";  // enrolled | revoked
inline constexpr std::string_view kHeartbeatSeconds = "console.heartbeat_seconds";
inline constexpr std::string_view kAckedSeq = "console.acked_seq";
inline constexpr std::string_view kLastContactMs = "console.last_contact_ms";
inline constexpr std::string_view kLastError = "console.last_error";
inline constexpr std::string_view kPolicyRefused = "console.policy_refused";
inline constexpr std::string_view kSignedPolicy = "console.signed_policy";
inline constexpr std::string_view kMachineId = "console.machine_id";
// How many events the console refused and the agent dropped (since enrollment).
inline constexpr std::string_view kRefusedEvents = "console.refused_events";
}  // namespace console_state

class ConsoleLink {
 public:
  struct Hooks {
    // The heartbeat's facts about the agent: policy_version, version, state, last_scan_ms (the
    // link fills outbox_depth and decisions_applied).
    std::function<protocol::Heartbeat()> facts;
    // Applies a verified console policy (atomically; the agent keeps it as the last good one).
    std::function<void(const VerifiedPolicy&)> apply_policy;
    // A console policy was refused (the reason, for status): the last good one stays.
    std::function<void(const std::string&)> policy_refused;
    // Enrollment succeeded (the agent reports what it knows); `fresh`: the report stream started
    // afresh (another console or agent id), so everything is to be reported again.
    std::function<void(bool fresh)> enrolled;
  };
  struct Options {
    std::string inventory_path;
    std::string data_dir;  // where the pinned CA file is kept
    TransportFactory transport;
    protocol::PolicyVocabulary vocabulary;
    ServiceLog log;
    std::chrono::milliseconds first_backoff = std::chrono::seconds(1);
    std::chrono::milliseconds max_backoff = std::chrono::minutes(5);
    // The interval when neither policy nor enrollment gave one (and a floor for tests).
    int default_heartbeat_seconds = 60;
    // false: no thread (tests drive the cycles with sync()).
    bool run_thread = true;
  };

  // Opens its own inventory connection and starts the thread (idle until enrolled).
  static Result<std::unique_ptr<ConsoleLink>> start(Options options, Hooks hooks);
  ~ConsoleLink();
  ConsoleLink(const ConsoleLink&) = delete;
  ConsoleLink& operator=(const ConsoleLink&) = delete;
  // Ends the thread. An exchange in progress may hold it until its timeouts (10 s to connect,
  // 30 s to read): after `grace` the thread is left to end by itself and stop() returns false
  // (as Agent::stop(): the process should end now).
  bool stop(std::chrono::milliseconds grace = std::chrono::seconds(3));

  struct EnrollArgs {
    std::string url;
    std::string secret;
    std::string ca_pem;  // empty: trust the certificate presented now, and only it, from now on
    std::string department;
    std::string machine_id, host, user, version, os;
  };
  // Enrolls with the console at `url`: {agent_id, certificate_sha256}. Enrolling with another
  // console, or getting another agent id, starts the report stream afresh.
  Result<protocol::JsonValue> enroll(const EnrollArgs& args);
  // One cycle now (heartbeat, policy, outbox), on the caller's thread.
  Status sync();
  // The "console" object of the agent's status (docs/local-api.md), read from `reader` (the
  // caller's connection to the same inventory: status never waits for an exchange in progress).
  protocol::JsonValue status(Inventory& reader, std::int64_t policy_version);
  // Enrolled and not revoked (no lock: a cached flag).
  bool enrolled() const { return enrolled_.load(); }
  // New events are in the outbox: upload them soon (unless the link is backing off).
  void wake();

 private:
  struct Settings;
  ConsoleLink(Options options, Hooks hooks, Inventory inventory);
  void loop();
  Status cycleLocked(Settings& s, ConsoleTransport& transport);
  Result<HttpReply> call(Settings& s, ConsoleTransport& transport, HttpCall call);
  Status fetchPolicy(Settings& s, ConsoleTransport& transport, std::int64_t running);
  Status flushOutbox(Settings& s, ConsoleTransport& transport);
  Status acknowledged(const HttpReply& reply);
  Status dropRefused(Settings& s, ConsoleTransport& transport, const Inventory::OutboxEvent& event,
                     const HttpReply& refusal);
  Result<std::unique_ptr<ConsoleTransport>> transportFor(const Settings& s, const std::string& url);
  Settings load();
  void set(std::string_view key, const std::string& value);
  std::string get(std::string_view key);
  std::int64_t nowMs() const;

  Options options_;
  Hooks hooks_;
  std::mutex cycle_mutex_;  // one exchange with the console at a time; guards inventory_
  Inventory inventory_;
  Backoff backoff_;

  std::mutex mutex_;  // guards what follows
  std::condition_variable wake_;
  bool stopping_ = false;
  bool woken_ = false;
  bool offline_ = false;  // the last cycle failed
  std::atomic<bool> enrolled_{false};
  std::thread thread_;
  std::promise<void> ended_;
};

}  // namespace jamul::agent
