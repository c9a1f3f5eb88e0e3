// SPDX-License-Identifier: Apache-2.0
#pragma once

// AgentProcess: the real jamul-agent, started in the foreground on a test's temporary folders
// (its config, data folder and socket there), its log in a file the test can read, stopped with
// SIGTERM (and the stop timed) or killed with SIGKILL. Optionally in a mount namespace of its own
// (`unshare -m`), so that a test can mount into it with `nsenter` without touching the machine's.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "jamul/agent/agent_client.h"
#include "support/process.h"

extern char** environ;

namespace jamul::test {

inline std::string agentBinary() {
  const std::string cli = jamulBinary();
  return cli.substr(0, cli.rfind('/')) + "/jamul-agent";
}

class AgentProcess {
 public:
  // Writes `config_json` to <dir>/agent.json and starts the agent; waits until its socket answers.
  AgentProcess(const std::filesystem::path& dir, const std::string& config_json,
               bool own_mount_namespace = false)
      : dir_(dir), log_(dir / "agent.log"), socket_((dir / "agent.sock").string()) {
    {
      std::ofstream(dir / "agent.json") << config_json;
    }
    std::vector<std::string> argv;
    // A namespace whose mounts stay in it: private from "/" down where "/" is a mount point
    // (`unshare --propagation private` fails where it is not, in a chroot, whose mounts are
    // usually private already); the shell then becomes the agent (same pid, for nsenter).
    if (own_mount_namespace)
      argv = {"/usr/bin/unshare", "--mount", "--propagation", "unchanged", "/bin/sh", "-c",
              "mount --make-rprivate / 2>/dev/null; exec \"$0\" \"$@\""};
    argv.insert(argv.end(), {agentBinary(), "--foreground", "--config",
                             (dir / "agent.json").string()});
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log_.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<char*> args;
    for (std::string& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    const int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    BOOST_REQUIRE_MESSAGE(rc == 0, "cannot start jamul-agent");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      if (agent::AgentClient::connect(socket_)) return;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        BOOST_FAIL("jamul-agent ended at start:\n" + log());
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    BOOST_FAIL("jamul-agent did not open its socket:\n" + log());
  }
  ~AgentProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  AgentProcess(const AgentProcess&) = delete;
  AgentProcess& operator=(const AgentProcess&) = delete;

  pid_t pid() const { return pid_; }
  const std::string& socket() const { return socket_; }
  std::string log() const {
    std::ifstream in(log_);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }
  agent::AgentClient client() const {
    auto c = agent::AgentClient::connect(socket_);
    BOOST_REQUIRE_MESSAGE(c.ok(), "cannot connect to the agent");
    return std::move(*c);
  }

  // SIGTERM; returns how long the agent took to exit (and its exit status through `status`).
  std::chrono::milliseconds terminate(int* status = nullptr) {
    const auto start = std::chrono::steady_clock::now();
    ::kill(pid_, SIGTERM);
    int st = 0;
    ::waitpid(pid_, &st, 0);
    pid_ = -1;
    if (status != nullptr) *status = st;
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start);
  }
  void kill9() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  // `jamul agent ARGS...` against this agent, as `uid` when given.
  ProcessResult cli(std::vector<std::string> args, std::optional<uid_t> uid = std::nullopt) const {
    std::vector<std::string> argv = {jamulBinary(), "agent"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), {"--socket", socket_});
    ProcessOptions options;
    options.uid = uid;
    options.gid = uid;
    return runProcess(argv, options);
  }

 private:
  std::filesystem::path dir_;
  std::filesystem::path log_;
  std::string socket_;
  pid_t pid_ = -1;
};

// Polls `done` every 50 ms for up to `limit`; true when it held.
template <typename F>
bool eventually(F done, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

}  // namespace jamul::test
