// SPDX-License-Identifier: Apache-2.0
#pragma once

// ConsoleProcess: the real jamul-console on 127.0.0.1 for the fleet test, on a data folder of the
// test's, with its standard output and error appended to files beside it (every start of the same
// console adds to them, so the test can read what each start printed and grep the whole log for
// raw values). It can be killed with SIGKILL and started again on the same port and data, which
// the agents pinned. `admin()` runs `jamul-console admin --data-dir DIR ...`.
//
// The database: SQLite in the data folder, or PostgreSQL when a URL is given (the throwaway
// cluster of tests/support/postgres_cluster.sh; the test reads its URL from the file named by
// $JAMUL_TEST_POSTGRES_URL_FILE).

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/process.h"

extern char** environ;

namespace jamul::test {

inline std::string consoleBinary() {
  if (const char* path = std::getenv("JAMUL_CONSOLE_BINARY")) return path;
  const std::string cli = jamulBinary();  // <build>/agent/jamul
  return cli.substr(0, cli.rfind('/')) + "/../console/jamul-console";
}

// A TCP port on 127.0.0.1 that nothing listens on right now.
inline int freeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  BOOST_REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  BOOST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  BOOST_REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  ::close(fd);
  return ntohs(addr.sin_port);
}

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class ConsoleProcess {
 public:
  ConsoleProcess(std::filesystem::path data_dir, std::string database_url)
      : data_dir_(std::move(data_dir)),
        database_(std::move(database_url)),
        out_(data_dir_.string() + ".out"),
        err_(data_dir_.string() + ".err"),
        port_(freeLoopbackPort()) {
    start();
    // The secret and the password follow the "listening on" line.
    std::string first;
    for (int i = 0; i < 200; ++i) {
      first = slurp(out_);
      if (first.find("one-time password") != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::smatch m;
    BOOST_REQUIRE_MESSAGE(std::regex_search(first, m, std::regex(R"(enrollment secret: (\S+))")),
                          "no enrollment secret printed:\n" + first);
    secret_ = m[1];
    BOOST_REQUIRE_MESSAGE(
        std::regex_search(first, m, std::regex(R"(admin user (\S+), one-time password: (\S+))")),
        "no admin password printed:\n" + first);
    admin_user_ = m[1];
    admin_password_ = m[2];
  }
  ~ConsoleProcess() { stop(SIGKILL); }
  ConsoleProcess(const ConsoleProcess&) = delete;
  ConsoleProcess& operator=(const ConsoleProcess&) = delete;

  // Starts it and waits until it prints that it listens (each start appends to the same files).
  void start() {
    BOOST_REQUIRE(pid_ <= 0);
    const std::size_t printed_before = countListening(slurp(out_));
    std::vector<std::string> argv = {consoleBinary(), "--data-dir", data_dir_.string(), "--listen",
                                     "127.0.0.1:" + std::to_string(port_)};
    if (!database_.empty()) argv.insert(argv.end(), {"--database", database_});
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out_.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0600);
    posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0600);
    std::vector<char*> args;
    for (std::string& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    const int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    BOOST_REQUIRE_MESSAGE(rc == 0, "cannot start " + argv[0]);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      if (countListening(slurp(out_)) > printed_before) return;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        BOOST_FAIL("jamul-console ended at start:\n" + slurp(out_) + slurp(err_));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    BOOST_FAIL("jamul-console did not say it listens:\n" + slurp(out_) + slurp(err_));
  }
  // SIGKILL (a crash: nothing flushed, no clean shutdown) or SIGTERM.
  void stop(int signal) {
    if (pid_ <= 0) return;
    ::kill(pid_, signal);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  bool running() const { return pid_ > 0; }

  // `jamul-console admin --data-dir DIR ARGS...` (the data folder remembers the database).
  ProcessResult admin(const std::vector<std::string>& args) const {
    std::vector<std::string> argv = {consoleBinary(), "admin", "--data-dir", data_dir_.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return runProcess(argv);
  }

  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  const std::string& secret() const { return secret_; }
  const std::string& adminUser() const { return admin_user_; }
  const std::string& adminPassword() const { return admin_password_; }
  // After the one-time password was replaced.
  void setAdminPassword(std::string password) { admin_password_ = std::move(password); }
  const std::filesystem::path& dataDir() const { return data_dir_; }
  const std::string& database() const { return database_; }
  std::string out() const { return slurp(out_); }
  std::string err() const { return slurp(err_); }

 private:
  static std::size_t countListening(const std::string& text) {
    std::size_t n = 0;
    for (auto at = text.find("listening on"); at != std::string::npos;
         at = text.find("listening on", at + 1))
      ++n;
    return n;
  }

  std::filesystem::path data_dir_;
  std::string database_;
  std::string out_;
  std::string err_;
  int port_;
  pid_t pid_ = -1;
  std::string secret_;
  std::string admin_user_;
  std::string admin_password_;
};

}  // namespace jamul::test
