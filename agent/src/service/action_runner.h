// SPDX-License-Identifier: Apache-2.0
#pragma once

// ActionRunner: the one thread of the agent that encrypts, decrypts and shreds files
// (FileProtector, DESIGN.md §5), for the policy's `encrypt` actions and for users' requests
// through the local API. One thread, because the journal is one process's at a time and a file is
// never acted on twice at once.
//
// A request made for a user runs as that user (ActingUserEnv): the OS refuses what they could not
// do themselves, every file the action opens must be theirs (fstat on the open descriptor, so a
// path swapped for a link to another user's file is refused), and what it creates belongs to them.
// A request for root (the policy's actions, root's own requests) runs as the agent.
//
// Encryption is to the device key (`<inventory>.device-key`, created on first start) and the
// organisation's recovery recipients (`<inventory>.recovery-recipients`, `jamul keys`, and the
// policy's recovery_recipients), as `jamul encrypt` does.
//
// start() finishes or rolls back what an earlier process left in the journal before anything
// else. stop() lets the file in hand finish if it can within the grace time; a file cut short by
// the process ending is finished or rolled back by the next start (the journal's promise), and
// requests not started are answered kCancelled.
//
// Thread-safety: every member may be called from any thread.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "jamul/agent/file_protector.h"
#include "jamul/common/result.h"
#include "jamul/crypto/age_keys.h"
#include "platform/impersonation.h"
#include "service/service_log.h"

namespace jamul::agent {

struct ActionRequest {
  ActionKind kind = ActionKind::kEncrypt;
  // Whose rights the action runs with; nullopt: the agent's own (root).
  std::optional<UserIdentity> user;
  std::vector<std::string> files;  // absolute paths
  std::string requester;           // for the log: "policy", "root", "uid 1000"
};

struct ActionResult {
  std::string file;
  // The path the action gives (name.age, the decrypted name; the shredded path itself).
  Result<std::string> outcome = Error(ErrorCode::kCancelled, "not started");
};

class ActionRunner {
 public:
  struct Paths {
    std::string inventory;
    std::string device_key;
    std::string recovery_recipients;
  };
  ActionRunner(Paths paths, ServiceLog log);
  ~ActionRunner();
  ActionRunner(const ActionRunner&) = delete;
  ActionRunner& operator=(const ActionRunner&) = delete;

  // Loads (or creates) the device key, recovers the journal, starts the thread.
  Status start();
  // The policy's recovery recipients (age1...), added to the file's; invalid ones are refused
  // by the policy's validation before they get here.
  void setPolicyRecipients(std::vector<crypto::age::X25519Recipient> recipients);
  // How many recovery recipients encryption adds to the device key (the inventory's list and the
  // policy's): 0 means only this PC's key opens what the agent encrypts.
  std::size_t recoveryRecipients();
  // Called on the action thread after each request, with the paths it touched (for the agent to
  // refresh the inventory).
  void onFinished(std::function<void(const std::vector<std::string>&)> callback);

  // Queues `request`; the future holds one result per file, in order.
  std::future<std::vector<ActionResult>> submit(ActionRequest request);
  // Stops taking requests and waits up to `grace` for the one in hand. true: the thread ended.
  bool stop(std::chrono::milliseconds grace);

 private:
  struct Job {
    ActionRequest request;
    std::promise<std::vector<ActionResult>> done;
  };
  void run();
  std::vector<ActionResult> perform(const ActionRequest& request);

  Paths paths_;
  ServiceLog log_;
  std::optional<crypto::age::X25519Identity> device_;
  std::vector<crypto::age::X25519Recipient> file_recipients_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  std::vector<crypto::age::X25519Recipient> policy_recipients_;
  std::function<void(const std::vector<std::string>&)> on_finished_;
  bool stopping_ = false;
  std::promise<void> ended_;
  std::future<void> ended_future_ = ended_.get_future();
  std::thread thread_;
};

}  // namespace jamul::agent
