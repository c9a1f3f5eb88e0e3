// SPDX-License-Identifier: Apache-2.0
#include "service/action_runner.h"

#include <utility>

#include "jamul/agent/age_sealer.h"
#include "jamul/agent/device_keys.h"
#include "platform/acting_user_env.h"
#include "platform/env.h"

namespace jamul::agent {
namespace {

namespace age = crypto::age;

std::string_view verbOf(ActionKind kind) {
  switch (kind) {
    case ActionKind::kEncrypt: return "encrypt";
    case ActionKind::kDecrypt: return "decrypt";
    case ActionKind::kShred: return "shred";
  }
  return "act on";
}

}  // namespace

ActionRunner::ActionRunner(Paths paths, ServiceLog log)
    : paths_(std::move(paths)), log_(std::move(log)) {}

ActionRunner::~ActionRunner() {
  stop(std::chrono::milliseconds(0));
  // A thread still busy with a file when the agent goes: the process is ending, and the journal
  // finishes or rolls that file back at the next start.
  if (thread_.joinable()) thread_.detach();
}

Status ActionRunner::start() {
  JAMUL_ASSIGN_OR_RETURN(age::X25519Identity device, loadOrCreateDeviceKey(paths_.device_key));
  device_.emplace(std::move(device));
  JAMUL_ASSIGN_OR_RETURN(file_recipients_, loadRecoveryRecipients(paths_.recovery_recipients));
  {
    JAMUL_ASSIGN_OR_RETURN(FileProtector protector, FileProtector::open(paths_.inventory));
    std::vector<age::Identity> ids{&*device_};
    AgeSealer sealer({}, ids);
    JAMUL_ASSIGN_OR_RETURN(auto recovered, protector.recover(sealer));
    for (const RecoveredAction& r : recovered)
      log_.notice(std::string("an interrupted ") + std::string(verbOf(r.kind)) + " was " +
                  (r.finished ? "finished" : "rolled back") + ": " + r.path + " (" + r.detail +
                  ")");
  }
  thread_ = std::thread([this] { run(); });
  return okStatus();
}

void ActionRunner::setPolicyRecipients(std::vector<age::X25519Recipient> recipients) {
  std::lock_guard lock(mutex_);
  policy_recipients_ = std::move(recipients);
}

std::size_t ActionRunner::recoveryRecipients() {
  std::lock_guard lock(mutex_);
  return file_recipients_.size() + policy_recipients_.size();
}

void ActionRunner::onFinished(std::function<void(const std::vector<std::string>&)> callback) {
  std::lock_guard lock(mutex_);
  on_finished_ = std::move(callback);
}

std::future<std::vector<ActionResult>> ActionRunner::submit(ActionRequest request) {
  Job job{std::move(request), {}};
  auto future = job.done.get_future();
  std::unique_lock lock(mutex_);
  if (stopping_ || !thread_.joinable()) {
    lock.unlock();
    std::vector<ActionResult> refused;
    for (const std::string& f : job.request.files)
      refused.push_back({f, Error(ErrorCode::kCancelled, "the agent is stopping")});
    job.done.set_value(std::move(refused));
    return future;
  }
  queue_.push_back(std::move(job));
  wake_.notify_all();
  return future;
}

bool ActionRunner::stop(std::chrono::milliseconds grace) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      stopping_ = true;
      for (Job& job : queue_) {
        std::vector<ActionResult> refused;
        for (const std::string& f : job.request.files)
          refused.push_back({f, Error(ErrorCode::kCancelled, "the agent is stopping")});
        job.done.set_value(std::move(refused));
      }
      queue_.clear();
      wake_.notify_all();
    }
  }
  if (!thread_.joinable()) return true;
  if (ended_future_.wait_for(grace) != std::future_status::ready) return false;
  thread_.join();
  return true;
}

void ActionRunner::run() {
  for (;;) {
    Job job;
    std::function<void(const std::vector<std::string>&)> finished;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) break;
      job = std::move(queue_.front());
      queue_.pop_front();
      finished = on_finished_;
    }
    std::vector<ActionResult> results = perform(job.request);
    std::vector<std::string> touched;
    for (const ActionResult& r : results) {
      if (!r.outcome) continue;
      touched.push_back(r.file);
      if (*r.outcome != r.file) touched.push_back(*r.outcome);
    }
    // The refresh is queued before the requester hears back: what it then asks of the agent
    // (status, findings) waits for, or sees, the inventory catching up.
    if (finished && !touched.empty()) finished(touched);
    job.done.set_value(std::move(results));
  }
  ended_.set_value();
}

std::vector<ActionResult> ActionRunner::perform(const ActionRequest& request) {
  std::vector<ActionResult> results;
  for (const std::string& f : request.files) results.push_back({f, Error(ErrorCode::kCancelled,
                                                                         "not started")});
  const auto failAll = [&](const Error& e) {
    for (ActionResult& r : results) r.outcome = e;
    return results;
  };

  std::optional<ActingUserEnv> acting;
  FileProtector::Options options;
  if (request.user && request.user->uid != 0) {
    acting.emplace(Env::system(), *request.user);
    options.env = &*acting;
    options.owner = request.user->uid;  // root's and the policy's: each file's owner
  }
  auto protector = FileProtector::open(paths_.inventory, options);
  if (!protector) {
    log_.error("cannot open the encryption journal: " + protector.error().toString());
    return failAll(protector.error());
  }
  std::vector<age::Recipient> recipients;
  recipients.emplace_back(device_->recipient());
  {
    std::lock_guard lock(mutex_);
    for (const auto& r : file_recipients_) recipients.emplace_back(r);
    for (const auto& r : policy_recipients_) recipients.emplace_back(r);
  }
  std::vector<age::Identity> ids{&*device_};
  AgeSealer sealer(recipients, ids);

  const std::string& who = request.requester;
  for (ActionResult& r : results) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;  // the rest stay "not started"
    }
    if (r.file.empty() || r.file.front() != '/') {
      r.outcome = Error(ErrorCode::kInvalidArgument, "not an absolute path", r.file);
      continue;
    }
    switch (request.kind) {
      case ActionKind::kEncrypt: r.outcome = protector->encrypt(r.file, sealer); break;
      case ActionKind::kDecrypt: r.outcome = protector->decrypt(r.file, sealer); break;
      case ActionKind::kShred: {
        const Status s = protector->shred(r.file);
        r.outcome = s ? Result<std::string>(r.file) : Result<std::string>(s.error());
        break;
      }
    }
    if (r.outcome)
      log_.info(std::string(verbOf(request.kind)) + " (" + who + "): " + r.file);
    else
      log_.warning(std::string("could not ") + std::string(verbOf(request.kind)) + " (" + who +
                   "): " + r.outcome.error().toString());
  }
  return results;
}

}  // namespace jamul::agent
