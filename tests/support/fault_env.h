// SPDX-License-Identifier: Apache-2.0
#pragma once

// FaultEnv: the agent's Env (agent/src/platform/env.h) over the real file system of a test's temp
// folder, with what a test needs to make the OS misbehave (LevelDB's FaultInjectionTestEnv is the
// model):
//   - every call is counted by kind; each call that changes the disk (a mutation: creating a
//     file, writing, syncing, renaming, linking, removing, truncating, changing metadata) also
//     gets a number in one sequence;
//   - crashAt(n) kills the process with SIGKILL right before mutation n (a crash test runs the
//     work in a forked child and recovers in the parent);
//   - fail(op, nth, err) makes the nth call of `op` fail as the OS would with errno `err` (ENOSPC:
//     the disk is full; EIO);
//   - before(op, ...) runs a test's code right before each call of `op` (a writer that opens the
//     file mid-encryption);
//   - the wall clock of a FakeClock the test moves (useClock, fake_clock.h); the real one until
//     then. (Env has no steady clock yet: code that measures durations reads the OS's.)
// For tests only: agent test executables, which see agent/src.
//
// Thread-safety: none; one thread drives it.

#include <signal.h>

#include <cerrno>
#include <functional>
#include <map>
#include <optional>
#include <utility>

#include "platform/env.h"
#include "support/fake_clock.h"

namespace jamul::test {

class FaultEnv final : public agent::EnvWrapper {
 public:
  enum class Op {
    kCreate,  // openFile with kCreateNew or kAppend
    kOpen,    // openFile that creates nothing
    kRead,
    kWrite,
    kTruncate,
    kSync,
    kSyncFolder,
    kMetadata,  // copyMetadata, setMode
    kRename,
    kLink,
    kRemove,
    kExcludeWriters,
  };

  FaultEnv() : EnvWrapper(agent::Env::system()) {}

  void crashAt(int mutation) { crash_at_ = mutation; }
  // Kills the process right before the nth call of `op`.
  void crashBefore(Op op, int nth) { crash_before_ = {op, nth}; }
  void fail(Op op, int nth, int err) { failures_[{op, nth}] = err; }
  // Makes mutation number `mutation` fail with errno `err`.
  void failAt(int mutation, int err) { fail_at_ = {mutation, err}; }
  void before(Op op, std::function<void(const std::string& path)> run) { before_[op] = run; }
  // nowMs() reads `clock` from now on; it must outlive this Env.
  void useClock(const FakeClock& clock) { clock_ = &clock; }

  int mutations() const { return mutations_; }
  int calls(Op op) const {
    const auto it = calls_.find(op);
    return it == calls_.end() ? 0 : it->second;
  }

  Result<agent::Fd> openFile(const std::string& path, agent::OpenMode mode,
                             std::uint32_t create_mode = 0600) override {
    const bool creates = mode == agent::OpenMode::kCreateNew || mode == agent::OpenMode::kAppend;
    if (auto e = enter(creates ? Op::kCreate : Op::kOpen, path)) return *e;
    return EnvWrapper::openFile(path, mode, create_mode);
  }
  Result<std::size_t> read(int fd, std::span<std::uint8_t> out, const std::string& path) override {
    if (auto e = enter(Op::kRead, path)) return *e;
    return EnvWrapper::read(fd, out, path);
  }
  Status writeAll(int fd, std::span<const std::uint8_t> bytes, const std::string& path) override {
    if (auto e = enter(Op::kWrite, path)) return *e;
    return EnvWrapper::writeAll(fd, bytes, path);
  }
  Status truncate(int fd, std::uint64_t size, const std::string& path) override {
    if (auto e = enter(Op::kTruncate, path)) return *e;
    return EnvWrapper::truncate(fd, size, path);
  }
  Status sync(int fd, const std::string& path) override {
    if (auto e = enter(Op::kSync, path)) return *e;
    return EnvWrapper::sync(fd, path);
  }
  Status syncFolderOf(const std::string& path) override {
    if (auto e = enter(Op::kSyncFolder, path)) return *e;
    return EnvWrapper::syncFolderOf(path);
  }
  Status copyMetadata(int fd, const agent::FileInfo& from, const std::string& path) override {
    if (auto e = enter(Op::kMetadata, path)) return *e;
    return EnvWrapper::copyMetadata(fd, from, path);
  }
  Status setMode(int fd, std::uint32_t mode, const std::string& path) override {
    if (auto e = enter(Op::kMetadata, path)) return *e;
    return EnvWrapper::setMode(fd, mode, path);
  }
  Status rename(const std::string& from, const std::string& to) override {
    if (auto e = enter(Op::kRename, from)) return *e;
    return EnvWrapper::rename(from, to);
  }
  Status link(const std::string& from, const std::string& to) override {
    if (auto e = enter(Op::kLink, to)) return *e;
    return EnvWrapper::link(from, to);
  }
  Status remove(const std::string& path) override {
    if (auto e = enter(Op::kRemove, path)) return *e;
    return EnvWrapper::remove(path);
  }
  Result<std::unique_ptr<agent::WriterExclusion>> excludeWriters(int fd,
                                                                 const std::string& path) override {
    if (auto e = enter(Op::kExcludeWriters, path)) return *e;
    return EnvWrapper::excludeWriters(fd, path);
  }
  std::int64_t nowMs() override {
    return clock_ != nullptr ? clock_->wallMs() : EnvWrapper::nowMs();
  }

 private:
  static bool mutates(Op op) {
    return op != Op::kOpen && op != Op::kRead && op != Op::kExcludeWriters;
  }

  // Counts the call, runs what the test asked for, and returns the injected error if any.
  std::optional<Error> enter(Op op, const std::string& path) {
    const int nth = calls_[op]++;
    const int mutation = mutates(op) ? mutations_++ : -1;
    if (mutation >= 0 && mutation == crash_at_) ::raise(SIGKILL);
    if (crash_before_ && *crash_before_ == std::make_pair(op, nth)) ::raise(SIGKILL);
    if (const auto it = before_.find(op); it != before_.end()) it->second(path);
    if (const auto it = failures_.find({op, nth}); it != failures_.end())
      return errorFromErrno(it->second, "injected", path);
    if (fail_at_ && mutation == fail_at_->first) return errorFromErrno(fail_at_->second, "injected", path);
    return std::nullopt;
  }

  std::map<Op, int> calls_;
  std::map<std::pair<Op, int>, int> failures_;
  std::map<Op, std::function<void(const std::string&)>> before_;
  int mutations_ = 0;
  int crash_at_ = -1;
  std::optional<std::pair<Op, int>> crash_before_;
  std::optional<std::pair<int, int>> fail_at_;  // mutation, errno
  const FakeClock* clock_ = nullptr;
};

}  // namespace jamul::test
