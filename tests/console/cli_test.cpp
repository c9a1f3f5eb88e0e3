// SPDX-License-Identifier: Apache-2.0
// The jamul-console command line: its parsing, and the real binary as a child process — the lines
// its first start prints, the admin verbs while it runs, a clean stop on SIGTERM, a restart that
// keeps everything.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include <boost/test/unit_test.hpp>

#include <Poco/Net/SSLManager.h>

#include <atomic>
#include <thread>

#include "cli/options.h"
#include "console/console_fixture.h"
#include "support/process.h"
#include "support/temp_dir.h"

extern char** environ;

namespace jamul::console {
namespace {

// jamul-console serving in a child process; its stdout read line by line.
class ConsoleProcess {
 public:
  explicit ConsoleProcess(const std::vector<std::string>& args) {
    int fds[2];
    BOOST_TEST_REQUIRE(pipe2(fds, O_CLOEXEC) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    std::vector<std::string> argv_strings = {JAMUL_CONSOLE_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    BOOST_TEST_REQUIRE(posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    out_ = fds[0];
  }
  ~ConsoleProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(out_);
  }

  // The next line of stdout, or "" after 20 s or at its end.
  std::string line() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
      if (auto nl = buffer_.find('\n'); nl != std::string::npos) {
        std::string l = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        return l;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return {};
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return {};
      char buf[1024];
      const ssize_t n = read(out_, buf, sizeof buf);
      if (n <= 0) return {};
      buffer_.append(buf, static_cast<std::size_t>(n));
    }
  }

  void kill9() {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  // Sends SIGTERM; the exit code.
  int terminate() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::string buffer_;
};

std::string after(const std::string& line, const std::string& prefix) {
  BOOST_TEST_REQUIRE(line.rfind(prefix, 0) == 0u, "'" << line << "' does not start with '" << prefix << "'");
  return line.substr(prefix.size());
}

jamul::test::ProcessResult admin(const std::string& dir, std::vector<std::string> verb) {
  std::vector<std::string> argv = {JAMUL_CONSOLE_BINARY, "admin", "--data-dir", dir};
  argv.insert(argv.end(), verb.begin(), verb.end());
  return jamul::test::runProcess(argv);
}

BOOST_AUTO_TEST_SUITE(cli)

BOOST_AUTO_TEST_CASE(the_command_line_is_parsed_with_clear_errors) {
  auto cl = parseCommandLine({"--data-dir", "/d", "--listen", "[::1]:9443", "--database",
                              "postgresql://u@h:5432/db"});
  BOOST_TEST_REQUIRE(cl.ok());
  BOOST_TEST(cl->listen_host == "::1");
  BOOST_TEST(cl->listen_port == 9443);
  BOOST_TEST(cl->database_url == "postgresql://u@h:5432/db");
  auto admin_cl = parseCommandLine({"admin", "--data-dir", "/d", "policy", "set", "f.json", "--group", "g"});
  BOOST_TEST_REQUIRE(admin_cl.ok());
  BOOST_TEST((admin_cl->mode == CommandLine::Mode::kAdmin));
  BOOST_TEST(admin_cl->admin_args.size() == 5u);
  BOOST_TEST(parseCommandLine({"--listen", "127.0.0.1:1"}).error().message().find("--data-dir") !=
             std::string::npos);
  BOOST_TEST(parseCommandLine({"--data-dir", "/d", "--listen", "127.0.0.1:99999"}).error().message().find("port") !=
             std::string::npos);
  BOOST_TEST(!parseCommandLine({"--data-dir", "/d", "--cert", "c"}).ok());
  BOOST_TEST(!parseCommandLine({"--data-dir", "/d", "--bogus"}).ok());
}

BOOST_AUTO_TEST_CASE(first_start_admin_verbs_clean_stop_and_restart) {
  jamul::test::TempDir tmp;
  const std::string dir = (tmp.path() / "console").string();
  std::string secret, password, fingerprint;
  {
    ConsoleProcess console({"--data-dir", dir, "--listen", "127.0.0.1:0"});
    const std::string listening = after(console.line(), "jamul-console: listening on https://127.0.0.1:");
    BOOST_TEST(std::stoi(listening) > 0);
    fingerprint = after(console.line(), "jamul-console: certificate sha256 ");
    BOOST_TEST(fingerprint.size() == 64u);
    secret = after(console.line(), "jamul-console: enrollment secret: ");
    password = after(console.line(), "jamul-console: admin user admin, one-time password: ");
    BOOST_TEST(password.size() >= 12u);
    struct stat st {};
    BOOST_TEST_REQUIRE(stat(dir.c_str(), &st) == 0);
    BOOST_TEST((st.st_mode & 0777) == 0700u);

    // The admin verbs while the server runs.
    auto s = admin(dir, {"enroll-secret"});
    BOOST_TEST(s.exit_code == 0);
    BOOST_TEST(s.out == secret + "\n");
    BOOST_TEST(admin(dir, {"fingerprint"}).out == fingerprint + "\n");
    auto pw = admin(dir, {"passwd", "bob"});
    BOOST_TEST(pw.exit_code == 0);
    BOOST_TEST(pw.out.find("jamul-console: admin user bob, one-time password: ") == 0u);
    BOOST_TEST(admin(dir, {"agents", "--json"}).out.empty());
    auto missing = admin(dir, {"revoke", "99"});
    BOOST_TEST(missing.exit_code == 1);
    BOOST_TEST(missing.err.find("no agent 99") != std::string::npos);
    BOOST_TEST(admin(dir, {"frobnicate"}).exit_code == 2);
    const std::string policy = (tmp.path() / "policy.json").string();
    std::ofstream(policy) << R"({"schedule":{"days":["mon"],"start":"12:00","end":"13:00"}})";
    auto set = admin(dir, {"policy", "set", policy, "--group", "총무과"});
    BOOST_TEST(set.exit_code == 0, set.err);
    BOOST_TEST(set.out == "1\n");
    std::ofstream(policy) << R"({"schedule":{"dayz":[]}})";
    auto bad = admin(dir, {"policy", "set", policy});
    BOOST_TEST(bad.exit_code == 1);
    BOOST_TEST(bad.err.find("dayz") != std::string::npos);
    auto csv = admin(dir, {"export", "--csv"});
    BOOST_TEST(csv.out.rfind("\xEF\xBB\xBF" "department,", 0) == 0u);
    BOOST_TEST(console.terminate() == 0);
  }
  {
    // A restart prints neither the secret nor a password, and keeps what was set.
    ConsoleProcess console({"--data-dir", dir, "--listen", "127.0.0.1:0"});
    (void)after(console.line(), "jamul-console: listening on https://127.0.0.1:");
    BOOST_TEST(after(console.line(), "jamul-console: certificate sha256 ") == fingerprint);
    BOOST_TEST(admin(dir, {"enroll-secret"}).out == secret + "\n");
    BOOST_TEST(console.terminate() == 0);
  }
  BOOST_TEST(admin((tmp.path() / "nothing").string(), {"agents"}).exit_code == 1);
}

// Events first..first+count-1: one file each, two kr_rrn findings.
std::string batch(std::int64_t first, int count) {
  std::string body = R"({"events":[)";
  for (int i = 0; i < count; ++i) {
    const std::string seq = std::to_string(first + i);
    if (i > 0) body += ",";
    body += R"({"seq":)" + seq + R"(,"at_ms":1,"kind":"file","data":{"path":"/home/kim/)" + seq +
            R"(.xlsx","counts":{"kr_rrn":2}}})";
  }
  return body + "]}";
}

BOOST_AUTO_TEST_CASE(a_kill_9_mid_upload_loses_nothing_acknowledged_and_counts_nothing_twice) {
  Poco::Net::initializeSSL();
  jamul::test::TempDir tmp;
  const std::string dir = (tmp.path() / "console").string();
  constexpr int kBatches = 300;
  constexpr int kPerBatch = 5;
  auto console = std::make_unique<ConsoleProcess>(std::vector<std::string>{"--data-dir", dir, "--listen", "127.0.0.1:0"});
  auto port = static_cast<std::uint16_t>(std::stoi(after(console->line(), "jamul-console: listening on https://127.0.0.1:")));
  (void)console->line();
  const std::string secret = after(console->line(), "jamul-console: enrollment secret: ");
  auto enrolled = console::test::httpsRequest(port, "POST", "/api/v1/enroll",
      R"({"secret":")" + secret + R"(","machine_id":"m1","host":"h","user":"u","department":"d","version":"1","os":"o"})");
  BOOST_TEST_REQUIRE(enrolled.status == 200);
  auto reply = protocol::parseEnrollResponse(enrolled.body);
  const std::map<std::string, std::string> headers{{"X-Jamul-Agent", std::to_string(reply->agent_id)},
                                                   {"Authorization", "Bearer " + reply->token}};
  std::atomic<std::int64_t> acknowledged{0};
  std::thread uploader([&] {
    try {
      for (int b = 0; b < kBatches; ++b) {
        auto r = console::test::httpsRequest(port, "POST", "/api/v1/reports", batch(1 + b * kPerBatch, kPerBatch), headers);
        if (r.status != 200) return;
        acknowledged = protocol::parseReportAck(r.body)->acked_seq;
      }
    } catch (const Poco::Exception&) {
      // The console died mid-request: that request was not acknowledged.
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  console->kill9();
  uploader.join();
  BOOST_TEST_MESSAGE("acknowledged before the kill: " << acknowledged.load());

  console = std::make_unique<ConsoleProcess>(std::vector<std::string>{"--data-dir", dir, "--listen", "127.0.0.1:0"});
  port = static_cast<std::uint16_t>(std::stoi(after(console->line(), "jamul-console: listening on https://127.0.0.1:")));
  auto agents = admin(dir, {"agents", "--json"});
  auto line = protocol::JsonValue::parse(agents.out.substr(0, agents.out.find('\n')));
  BOOST_TEST_REQUIRE(line.ok(), agents.out);
  const std::int64_t kept = line->find("acked_seq")->asInteger();
  BOOST_TEST(kept >= acknowledged.load());
  // The agent sends everything again (it would from acked_seq + 1; all of it is the worst case).
  for (int b = 0; b < kBatches; ++b) {
    auto r = console::test::httpsRequest(port, "POST", "/api/v1/reports", batch(1 + b * kPerBatch, kPerBatch), headers);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
  }
  auto findings = admin(dir, {"findings", "--json"});
  BOOST_TEST(findings.out == "{\"agent\":1,\"counts\":{\"kr_rrn\":" + std::to_string(2 * kBatches * kPerBatch) + "}}\n");
  BOOST_TEST(console->terminate() == 0);
  Poco::Net::uninitializeSSL();
}

BOOST_AUTO_TEST_CASE(admin_exceptions_lists_every_request_where_the_api_pages) {
  Poco::Net::initializeSSL();
  jamul::test::TempDir tmp;
  const std::string dir = (tmp.path() / "console").string();
  ConsoleProcess console({"--data-dir", dir, "--listen", "127.0.0.1:0"});
  const auto port = static_cast<std::uint16_t>(
      std::stoi(after(console.line(), "jamul-console: listening on https://127.0.0.1:")));
  (void)console.line();
  const std::string secret = after(console.line(), "jamul-console: enrollment secret: ");
  auto enrolled = console::test::httpsRequest(port, "POST", "/api/v1/enroll",
      R"({"secret":")" + secret + R"(","machine_id":"m1","host":"h","user":"u","department":"d","version":"1","os":"o"})");
  BOOST_TEST_REQUIRE(enrolled.status == 200);
  auto reply = protocol::parseEnrollResponse(enrolled.body);
  const std::map<std::string, std::string> headers{{"X-Jamul-Agent", std::to_string(reply->agent_id)},
                                                   {"Authorization", "Bearer " + reply->token}};
  // 600 requests: more than the admin API's largest page (500).
  constexpr int kRequests = 600;
  std::string body = R"({"events":[)";
  for (int i = 1; i <= kRequests; ++i) {
    if (i > 1) body += ',';
    body += R"({"seq":)" + std::to_string(i) + R"(,"at_ms":1,"kind":"exception_request","data":{"request_id":)" +
            std::to_string(i) + R"(,"path":"/home/u/)" + std::to_string(i) +
            R"(.xlsx","content_digest":"ab","reason":"r","days":10,"requested_at_ms":1}})";
  }
  body += "]}";
  BOOST_TEST_REQUIRE(console::test::httpsRequest(port, "POST", "/api/v1/reports", body, headers).status == 200);

  auto count_lines = [](const std::string& text) { return std::count(text.begin(), text.end(), '\n'); };
  auto all = admin(dir, {"exceptions", "--json"});
  BOOST_TEST(all.exit_code == 0, all.err);
  BOOST_TEST(count_lines(all.out) == kRequests);
  auto first = protocol::JsonValue::parse(all.out.substr(0, all.out.find('\n')));
  BOOST_TEST_REQUIRE(first.ok());
  BOOST_TEST(first->find("path")->asString() == "/home/u/1.xlsx");  // oldest first
  BOOST_TEST(admin(dir, {"deny", std::to_string(first->find("id")->asInteger())}).exit_code == 0);
  auto pending = admin(dir, {"exceptions", "--state", "pending"});
  BOOST_TEST(count_lines(pending.out) == kRequests - 1);
  BOOST_TEST(pending.out.find("/home/u/600.xlsx") != std::string::npos);
  BOOST_TEST(count_lines(admin(dir, {"exceptions", "--state", "denied"}).out) == 1);
  BOOST_TEST(console.terminate() == 0);
  Poco::Net::uninitializeSSL();
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::console
