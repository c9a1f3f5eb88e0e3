// SPDX-License-Identifier: Apache-2.0
// The fleet end to end (issue 17): the real jamul-console on 127.0.0.1 and two real jamul-agent
// processes on temporary trees with planted personal data, driven through `jamul agent ...`,
// `jamul-console admin ...` and the admin API. The same test runs on the console's SQLite and on
// a throwaway PostgreSQL cluster (tests/support/postgres_cluster.sh; the CTest fixture `postgres`
// starts it and $JAMUL_TEST_POSTGRES_URL_FILE names the file with its URL).
//
// What it shows (issue 17, "Done means"): enrollment; the console's per-agent totals equal each
// agent's own; a policy push changes what the agents do (an encrypt action: the files get
// encrypted, and the console shows them so); reports arrive exactly once while the console is
// killed and restarted mid-upload and one agent is offline; an exception round-trips and the
// encrypt action then skips that file; a revoked agent is refused; a policy whose signature does
// not verify is refused and the last good one stays; no planted raw value reaches the console's
// database or its log. The agents reach the console through a loopback TCP proxy of the test's
// (console_proxy.h), which can drop the console's reply to a batch it committed, so that the
// crash the test causes is the one that would make a naive console count a batch twice.
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "integration/agent_process.h"
#include "integration/cli_helpers.h"
#include "integration/console_https.h"
#include "integration/console_process.h"
#include "integration/console_proxy.h"
#include "jamul/protocol/console_api.h"
#include "jamul/protocol/json_value.h"
#include "support/skip.h"
#include "support/temp_dir.h"

namespace jamul::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using protocol::JsonValue;
using protocol::LocalOp;
using Counts = std::map<std::string, long>;

// A resident registration number with a valid check digit (weights 2..9,2..5; (11 - sum % 11) %
// 10), from a birth date and six more digits: each agent gets values of its own.
std::string rrn(const std::string& birth, const std::string& rest) {
  static constexpr int kWeights[12] = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
  const std::string digits = birth + rest;
  int sum = 0;
  for (int i = 0; i < 12; ++i) sum += (digits[static_cast<std::size_t>(i)] - '0') * kWeights[i];
  return birth + "-" + rest + std::to_string((11 - sum % 11) % 10);
}

// The database the console runs on: "" (SQLite in its data folder) or the PostgreSQL URL.
std::string databaseUrl() {
  const char* file = std::getenv("JAMUL_TEST_POSTGRES_URL_FILE");
  if (file == nullptr) return {};
  std::string url = slurp(file);
  while (!url.empty() && (url.back() == '\n' || url.back() == '\r')) url.pop_back();
  return url;
}

// A jamul-agent like AgentProcess's. Both agents of the test share this machine's
// /etc/machine-id, as PCs cloned from one VDI image do: each installation's own id (kept in its
// inventory) must still make them two PCs to the console.
class FleetAgent {
 public:
  FleetAgent(fs::path dir, std::string config_json)
      : dir_(std::move(dir)), config_(std::move(config_json)) {
    start();
  }
  ~FleetAgent() { stop(); }
  FleetAgent(const FleetAgent&) = delete;
  FleetAgent& operator=(const FleetAgent&) = delete;

  void start() {
    std::ofstream(dir_ / "agent.json") << config_;
    const std::string log = (dir_ / "agent.log").string();
    std::vector<std::string> argv = {
        agentBinary(),
        "--foreground",
        "--config",
        (dir_ / "agent.json").string()};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<char*> args;
    for (std::string& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    BOOST_REQUIRE(posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    const bool up = eventually(
        [&] {
          int status = 0;
          if (pid_ > 0 && ::waitpid(pid_, &status, WNOHANG) == pid_) pid_ = -1;
          return pid_ < 0 || agent::AgentClient::connect(socket()).ok();
        },
        20s);
    BOOST_REQUIRE_MESSAGE(up && pid_ > 0, "jamul-agent did not start:\n" + log_text());
  }
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  std::string socket() const { return (dir_ / "agent.sock").string(); }
  std::string log_text() const { return slurp(dir_ / "agent.log"); }
  agent::AgentClient client() const {
    auto c = agent::AgentClient::connect(socket());
    BOOST_REQUIRE_MESSAGE(c.ok(), "cannot connect to the agent");
    return std::move(*c);
  }
  ProcessResult cli(std::vector<std::string> args) const {
    std::vector<std::string> argv = {jamulBinary(), "agent"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), {"--socket", socket()});
    return runProcess(argv);
  }
  // `jamul agent status --json`, its one line.
  boost::property_tree::ptree status() const {
    const ProcessResult r = cli({"status", "--json"});
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, "status: " + r.err);
    const auto lines = jsonLines(r.out);
    BOOST_REQUIRE_EQUAL(lines.size(), 1u);
    return lines[0];
  }
  std::string consoleState() const { return status().get<std::string>("console.state", ""); }
  long outboxDepth() const { return status().get<long>("console.outbox_depth", -1); }
  // The same through the local API, without starting a process: for polling closely.
  long outboxDepthNow() const {
    auto c = client();
    auto s = c.call(LocalOp::kStatus, JsonValue::object({}));
    if (!s.ok()) return -1;
    const JsonValue* console = s->find("console");
    const JsonValue* depth = console != nullptr ? console->find("outbox_depth") : nullptr;
    return depth != nullptr && depth->isInteger() ? static_cast<long>(depth->asInteger()) : -1;
  }
  // Scans it completed since it started (its log says so of each).
  long completedScans() const {
    const std::string log = log_text();
    long n = 0;
    for (auto at = log.find(") completed: "); at != std::string::npos;
         at = log.find(") completed: ", at + 1))
      ++n;
    return n;
  }
  bool idle() const {
    const auto s = status();
    return s.get<std::string>("state", "") == "idle" && s.get<long>("queued_scans", -1) == 0;
  }
  long policyVersion() const { return status().get<long>("console.policy_version", -1); }
  std::int64_t agentId() const { return status().get<std::int64_t>("console.agent_id", 0); }

  // Per-rule totals of `jamul agent findings --json [--encrypted]`.
  Counts findingTotals(bool with_encrypted) const {
    std::vector<std::string> args = {"findings", "--json"};
    if (with_encrypted) args.push_back("--encrypted");
    const ProcessResult r = cli(args);
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, "findings: " + r.err);
    Counts totals;
    for (const auto& line : jsonLines(r.out))
      if (auto counts = line.get_child_optional("counts"))
        for (const auto& [rule, n] : *counts) totals[rule] += n.get_value<long>();
    return totals;
  }
  void scan() const {
    const ProcessResult r = cli({"scan", "--wait"});
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, "scan: " + r.err + "\n" + log_text());
  }
  // `jamul agent sync` until the outbox is empty (the console acknowledged everything).
  bool drain(std::chrono::seconds limit = 60s) const {
    return eventually(
        [&] {
          (void)cli({"sync"});
          return outboxDepth() == 0;
        },
        limit);
  }

 private:
  fs::path dir_;
  std::string config_;
  pid_t pid_ = -1;
};

std::string agentConfig(const fs::path& dir, const fs::path& home) {
  return R"({"data_dir":")" + (dir / "data").string() + R"(","socket":")" +
         (dir / "agent.sock").string() + R"(","log":"console","policy":{"roots":[")" +
         home.string() + R"("],"schedule":"manual","governor":{"cpu_percent":100}}})";
}

// The console's `findings --json`: agent id -> rule -> findings.
std::map<std::int64_t, Counts> consoleFindings(const ConsoleProcess& console) {
  const ProcessResult r = console.admin({"findings", "--json"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, "admin findings: " + r.err);
  std::map<std::int64_t, Counts> all;
  for (const auto& line : jsonLines(r.out)) {
    Counts& c = all[line.get<std::int64_t>("agent")];
    if (auto counts = line.get_child_optional("counts"))
      for (const auto& [rule, n] : *counts)
        if (n.get_value<long>() != 0) c[rule] = n.get_value<long>();
  }
  return all;
}

Counts nonZero(Counts c) {
  std::erase_if(c, [](const auto& kv) { return kv.second == 0; });
  return c;
}

std::string describe(const Counts& c) {
  std::string s;
  for (const auto& [k, v] : c) s += k + "=" + std::to_string(v) + " ";
  return s;
}

// The policy document the console pushes to one group: the agent's own tree, and `actions`.
std::string policyFile(const fs::path& dir, const std::string& name, const fs::path& home,
                       const std::string& actions) {
  const fs::path file = dir / name;
  std::ofstream(file) << R"({"roots":[")" << home.string()
                      << R"("],"schedule":"manual","governor":{"cpu_percent":100},"actions":)"
                      << actions << "}";
  return file.string();
}

// Runs SQL on the console's database: sqlite3 on its file, psql on the PostgreSQL URL.
ProcessResult sql(const ConsoleProcess& console, const std::string& statement) {
  if (!console.database().empty())
    return runProcess({"/usr/bin/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                       console.database(), "-c", statement});
  for (const auto& e : fs::recursive_directory_iterator(console.dataDir()))
    if (e.path().extension() == ".db" || e.path().extension() == ".sqlite")
      return runProcess(
          {"/usr/bin/sqlite3", "-cmd", ".timeout 15000", e.path().string(), statement});
  return ProcessResult{-1, "", "no SQLite database in " + console.dataDir().string()};
}

long sqlInt(const ConsoleProcess& console, const std::string& query) {
  const ProcessResult r = sql(console, query);
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, query + ": " + r.err);
  return std::atol(r.out.c_str());
}

// What the agent in `dir` knows the console acknowledged (its inventory's console.acked_seq).
long agentAcked(const fs::path& dir) {
  const ProcessResult r = runProcess(
      {"/usr/bin/sqlite3", "-cmd", ".timeout 15000", (dir / "data/inventory.db").string(),
       "SELECT value FROM agent_state WHERE key = 'console.acked_seq'"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, "acked_seq: " + r.err);
  return std::atol(r.out.c_str());
}

// Everything the console keeps: every file under its data folder (the SQLite database and its
// journal), or a dump of the PostgreSQL database, and its log (standard output and error).
std::string consoleTraces(const ConsoleProcess& console) {
  std::string all = console.out() + console.err();
  if (!console.database().empty()) {
    const ProcessResult dump = runProcess({"/usr/lib/postgresql/15/bin/pg_dump", "--no-owner",
                                           "--schema=public", "-d", console.database()});
    BOOST_REQUIRE_MESSAGE(dump.exit_code == 0, "pg_dump: " + dump.err);
    BOOST_REQUIRE(dump.out.find("CREATE TABLE") != std::string::npos);
    all += dump.out;
  }
  for (const auto& e : fs::recursive_directory_iterator(console.dataDir()))
    if (e.is_regular_file()) all += slurp(e.path());
  return all;
}

std::string requestException(const FleetAgent& agent, const fs::path& file,
                             const std::string& reason) {
  auto client = agent.client();
  auto asked = client.call(LocalOp::kException,
                           JsonValue::object({{"file", JsonValue::string(file.string())},
                                              {"reason", JsonValue::string(reason)},
                                              {"days", JsonValue::integer(30)}}));
  BOOST_REQUIRE_MESSAGE(asked.ok(), (asked.ok() ? "" : asked.error().message()));
  return asked->toJson();
}

// The admin API's exceptions of one agent, in the given state.
std::vector<JsonValue> consoleExceptions(AdminSession& admin, std::int64_t agent,
                                         const std::string& state) {
  const HttpReply r = admin.get("/api/admin/exceptions?state=" + state);
  BOOST_REQUIRE_MESSAGE(r.status == 200,
                        "exceptions: " + std::to_string(r.status) + " " + r.body + r.error);
  auto doc = JsonValue::parse(r.body);
  BOOST_REQUIRE(doc.ok());
  std::vector<JsonValue> mine;
  for (const JsonValue& e : doc->find("exceptions")->asArray())
    if (e.find("agent") != nullptr && e.find("agent")->asInteger() == agent) mine.push_back(e);
  return mine;
}

std::int64_t summaryInt(AdminSession& admin, const std::string& key) {
  const HttpReply r = admin.get("/api/admin/summary");
  BOOST_REQUIRE_MESSAGE(r.status == 200, "summary: " + std::to_string(r.status) + r.error);
  auto doc = JsonValue::parse(r.body);
  BOOST_REQUIRE(doc.ok());
  const JsonValue* v = doc->find(key);
  BOOST_REQUIRE_MESSAGE(v != nullptr && v->isInteger(), "summary has no " + key + ": " + r.body);
  return v->asInteger();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(console_fleet)

BOOST_AUTO_TEST_CASE(
    enrolls_pushes_policy_reports_exactly_once_round_trips_exceptions_and_revokes) {
  if (::geteuid() != 0) JAMUL_SKIP("needs root: the agents act as the files' owners");
  const std::string database = databaseUrl();
  BOOST_TEST_MESSAGE("database: " << (database.empty() ? "SQLite" : database));
  if (!database.empty()) {
    // Each run starts on an empty PostgreSQL database: drop whatever an earlier run created.
    const ProcessResult reset =
        runProcess({"/usr/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", database, "-c",
                    "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"});
    BOOST_REQUIRE_MESSAGE(reset.exit_code == 0, "cannot reset the database: " + reset.err);
  }
  TempDir dir;

  // --- planted personal data: two PCs, each with values of its own
  const std::vector<std::string> raw_a = {rrn("900101", "123456"), rrn("851231", "234567"),
                                          rrn("770707", "145678"), "010-2345-6789"};
  const std::vector<std::string> raw_b = {rrn("920229", "212345"), "010-3456-7890", "010-4567-8901",
                                          "010-5678-9012"};
  const fs::path home_a = dir.path() / "a/home";
  const fs::path home_b = dir.path() / "b/home";
  const fs::path a_rrn = dir.write(
      "a/home/명단.txt", "주민등록번호 " + raw_a[0] + "\n주민등록번호 " + raw_a[1] + "\n");
  const fs::path a_keep = dir.write("a/home/keep/보관.txt", "주민등록번호 " + raw_a[2] + "\n");
  const fs::path a_phone = dir.write("a/home/phone.txt", "휴대전화 " + raw_a[3] + "\n");
  dir.write("a/home/clean.txt", "nothing personal here\n");
  const fs::path b_rrn = dir.write("b/home/신청서.txt", "주민등록번호 " + raw_b[0] + "\n");
  const fs::path b_phones =
      dir.write("b/home/phones.csv",
                "이름,휴대전화\n김,휴대전화 " + raw_b[1] + "\n이,휴대전화 " + raw_b[2] + "\n");
  fs::create_directories(dir.path() / "console");

  ConsoleProcess console(dir.path() / "console/data", database);
  ConsoleProxy proxy(console.port());  // the agents' way to the console
  BOOST_TEST_MESSAGE("console at " << console.url() << ", the agents' proxy at " << proxy.url());
  FleetAgent a(dir.path() / "a", agentConfig(dir.path() / "a", home_a));
  FleetAgent b(dir.path() / "b", agentConfig(dir.path() / "b", home_b));

  // --- enrollment
  {
    const ProcessResult wrong = a.cli({"enroll", proxy.url(), "--secret", "jes_wrong"});
    BOOST_TEST(wrong.exit_code != 0);
    BOOST_TEST(a.consoleState() != "enrolled");
  }
  for (auto [agent, department] : {std::pair{&a, "총무과"}, std::pair{&b, "민원과"}}) {
    const ProcessResult r = agent->cli(
        {"enroll", proxy.url(), "--secret", console.secret(), "--department", department});
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, "enroll: " + r.out + r.err + "\n" + agent->log_text());
    BOOST_TEST(agent->consoleState() == "enrolled");
  }
  const std::int64_t id_a = a.agentId();
  const std::int64_t id_b = b.agentId();
  BOOST_TEST(id_a > 0);
  BOOST_TEST(id_b > 0);
  BOOST_REQUIRE_NE(id_a, id_b);  // one /etc/machine-id, two installations: two PCs
  {
    // The same installation enrolling again keeps its id (and gets a new token).
    const ProcessResult again = a.cli(
        {"enroll", proxy.url(), "--secret", console.secret(), "--department", "총무과"});
    BOOST_REQUIRE_MESSAGE(again.exit_code == 0, "enroll again: " + again.out + again.err);
    BOOST_TEST(a.agentId() == id_a);
  }
  {
    const ProcessResult agents = console.admin({"agents", "--json"});
    BOOST_REQUIRE_MESSAGE(agents.exit_code == 0, agents.err);
    const auto lines = jsonLines(agents.out);
    BOOST_REQUIRE_EQUAL(lines.size(), 2u);
    for (const auto& l : lines) {
      BOOST_TEST(l.get<std::string>("state") == "enrolled");
      const std::string dept = l.get<std::string>("department");
      BOOST_TEST((l.get<std::int64_t>("id") == (dept == "총무과" ? id_a : id_b)));
    }
  }

  // --- a scan, a sync: the console's totals are each agent's own
  a.scan();
  b.scan();
  BOOST_REQUIRE_MESSAGE(a.drain(), "agent A's outbox did not drain:\n" + a.log_text());
  BOOST_REQUIRE_MESSAGE(b.drain(), "agent B's outbox did not drain:\n" + b.log_text());
  {
    const Counts own_a = nonZero(a.findingTotals(false));
    const Counts own_b = nonZero(b.findingTotals(false));
    BOOST_TEST(own_a.at("kr_rrn") == 3);
    BOOST_TEST(own_b.at("kr_phone") == 2);
    auto fleet = consoleFindings(console);
    BOOST_TEST(fleet[id_a] == own_a,
               "console " << describe(fleet[id_a]) << "agent " << describe(own_a));
    BOOST_TEST(fleet[id_b] == own_b,
               "console " << describe(fleet[id_b]) << "agent " << describe(own_b));
  }

  AdminSession admin("127.0.0.1", console.port());
  {
    std::string failure;
    const std::string password = admin.loginReady(console.adminUser(), console.adminPassword(),
                                                  "fleet-test-password-2026", &failure);
    BOOST_REQUIRE_MESSAGE(!password.empty(), failure);
    console.setAdminPassword(password);
    BOOST_TEST(summaryInt(admin, "agents") == 2);
    BOOST_TEST(summaryInt(admin, "files_encrypted") == 0);
  }

  // --- an exception round-trips: asked on the PC, approved on the console, applied by the agent
  requestException(a, a_keep, "업무상 보관 필요");
  BOOST_REQUIRE(a.drain());
  std::int64_t keep_exception = 0;
  {
    const auto pending = consoleExceptions(admin, id_a, "pending");
    BOOST_REQUIRE_EQUAL(pending.size(), 1u);
    BOOST_TEST(pending[0].find("path")->asString() == a_keep.string());
    BOOST_TEST(pending[0].find("reason")->asString() == "업무상 보관 필요");
    keep_exception = pending[0].find("id")->asInteger();
    const ProcessResult listed = console.admin({"exceptions"});
    BOOST_TEST(listed.exit_code == 0);
    BOOST_TEST(listed.out.find(a_keep.filename().string()) != std::string::npos, listed.out);
    const ProcessResult approved = console.admin({"approve", std::to_string(keep_exception)});
    BOOST_REQUIRE_MESSAGE(approved.exit_code == 0, "approve: " + approved.err);
  }
  BOOST_REQUIRE(eventually(
      [&] {
        (void)a.cli({"sync"});
        const auto mine = jsonLines(a.cli({"exceptions", "--json"}).out);
        return mine.size() == 1 && mine[0].get<std::string>("state", "") == "approved";
      },
      30s));
  BOOST_TEST(consoleExceptions(admin, id_a, "approved").size() == 1u);

  // --- a policy push changes what the agents do: resident numbers are encrypted
  // (Before it, the agents' own policy has no action: the files are as they were.)
  BOOST_TEST((fs::exists(a_rrn) && !fs::exists(a_rrn.string() + ".age")));
  BOOST_TEST((fs::exists(b_rrn) && !fs::exists(b_rrn.string() + ".age")));
  const std::string encrypt_rrn =
      R"([{"rules":["kr_rrn"],"min_confidence":"medium","action":"encrypt"}])";
  for (auto [home, group, name] :
       {std::tuple{home_a, "총무과", "a.json"}, std::tuple{home_b, "민원과", "b.json"}}) {
    const ProcessResult set = console.admin(
        {"policy", "set", policyFile(dir.path(), name, home, encrypt_rrn), "--group", group});
    BOOST_REQUIRE_MESSAGE(set.exit_code == 0, "policy set: " + set.out + set.err);
  }
  BOOST_REQUIRE_MESSAGE(eventually(
                            [&] {
                              (void)a.cli({"sync"});
                              (void)b.cli({"sync"});
                              return a.policyVersion() > 0 && b.policyVersion() > 0;
                            },
                            30s),
                        "the agents did not take the policy:\n" + a.log_text() + b.log_text());
  const long good_version_a = a.policyVersion();
  a.scan();
  b.scan();
  const auto sealed = [](const fs::path& p) {
    return fs::exists(p.string() + ".age") && !fs::exists(p);
  };
  BOOST_REQUIRE_MESSAGE(eventually([&] { return sealed(a_rrn) && sealed(b_rrn); }, 30s),
                        "not encrypted:\n" + a.log_text() + b.log_text());
  // The approved exception: the file stays as it is.
  BOOST_TEST(fs::exists(a_keep));
  BOOST_TEST(!fs::exists(a_keep.string() + ".age"));
  BOOST_TEST(fs::exists(b_phones));
  BOOST_REQUIRE(a.drain());
  BOOST_REQUIRE(b.drain());
  BOOST_TEST(summaryInt(admin, "files_encrypted") == 2);
  {
    auto fleet = consoleFindings(console);
    // `admin findings` gives what `jamul agent findings` gives on the PC: files still in plaintext.
    const Counts own_a = nonZero(a.findingTotals(false));
    const Counts own_b = nonZero(b.findingTotals(false));
    BOOST_TEST(own_a.at("kr_rrn") == 1);  // the excepted file only
    BOOST_TEST(fleet[id_a] == own_a,
               "console " << describe(fleet[id_a]) << "agent " << describe(own_a));
    BOOST_TEST(fleet[id_b] == own_b,
               "console " << describe(fleet[id_b]) << "agent " << describe(own_b));
    const HttpReply top = admin.get("/api/admin/top-files?limit=50");
    BOOST_REQUIRE_EQUAL(top.status, 200);
    auto doc = JsonValue::parse(top.body);
    BOOST_REQUIRE(doc.ok());
    int encrypted = 0;
    for (const JsonValue& f : doc->find("files")->asArray())
      if (f.find("encrypted") != nullptr && f.find("encrypted")->asBool()) ++encrypted;
    BOOST_TEST(encrypted == 2);
  }

  // --- reports exactly once: the console killed mid-upload, agent B offline
  // Three files A will ask exceptions for and two it will encrypt by hand, known to the console.
  std::vector<fs::path> asked, by_hand;
  for (int i = 0; i < 3; ++i)
    asked.push_back(dir.write("a/home/ask/x" + std::to_string(i) + ".txt",
                              "휴대전화 010-6100-100" + std::to_string(i) + "\n"));
  for (int i = 0; i < 2; ++i)
    by_hand.push_back(dir.write("a/home/ask/e" + std::to_string(i) + ".txt",
                                "휴대전화 010-6200-200" + std::to_string(i) + "\n"));
  a.scan();
  BOOST_REQUIRE(a.drain());
  b.stop();  // B is offline from here until the console has been killed twice
  dir.write("b/home/later.txt", "휴대전화 " + raw_b[3] + "\n");
  constexpr int kBulk = 4000;  // several batches (at most 1,000 events each)
  for (int i = 0; i < kBulk; ++i) {
    char phone[32];
    std::snprintf(phone, sizeof phone, "010-7%03d-%04d", i % 1000, 1000 + i);
    dir.write("a/home/bulk/f" + std::to_string(i) + ".txt",
              std::string("휴대전화 ") + phone + "\n");
  }
  // What the console holds of A's append-only events (complete scans, in-place actions) before,
  // and how many scans A has completed (an in-place action is followed by a refresh scan).
  const long completed_before = a.completedScans();
  const long scans_before =
      sqlInt(console, "SELECT count(*) FROM scans WHERE agent = " + std::to_string(id_a));
  console.stop(SIGKILL);
  // First in A's outbox, so in the batch whose reply is lost: the requests and the actions.
  for (std::size_t i = 0; i < asked.size(); ++i)
    requestException(a, asked[i], "offline request " + std::to_string(i));
  for (const fs::path& f : by_hand) {
    const ProcessResult enc = a.cli({"encrypt", f.string()});
    BOOST_REQUIRE_MESSAGE(enc.exit_code == 0, "encrypt: " + enc.err);
  }
  a.scan();
  BOOST_TEST(a.cli({"sync"}).exit_code != 0);  // nobody answers
  const long queued = a.outboxDepth();
  BOOST_TEST_MESSAGE("agent A's outbox while the console is down: " << queued);
  BOOST_TEST(queued > 3000);
  BOOST_TEST(a.consoleState() == "offline");
  // Twice: the console comes back, A starts uploading; a batch in the middle of the upload is
  // committed by the console, but its reply never reaches A (the proxy drops it), and the console
  // dies right then. A must send that batch again, and the console must count it once. The
  // second time, the proxy lets the resent batch through and trips in the next one.
  long last_committed = 0;
  std::uint64_t resent_bytes = 0;  // what A sent the first time up to the lost reply
  for (int kill = 0; kill < 2; ++kill) {
    const long before = a.outboxDepthNow();
    console.start();
    const std::uint64_t start_bytes = proxy.upstreamBytes();
    proxy.arm(resent_bytes + 256 * 1024);  // a quarter of a megabyte into a new batch
    auto syncing = std::async(std::launch::async, [&] { return a.cli({"sync"}); });
    const bool tripped = eventually([&] { return proxy.tripped(); }, 60s);
    BOOST_TEST(tripped);
    // A's acknowledged sequence is frozen now (no reply reaches it); wait until the console has
    // committed a batch beyond it.
    const long agent_acked = agentAcked(dir.path() / "a");
    const std::string acked_sql = "SELECT acked_seq FROM agents WHERE id = " + std::to_string(id_a);
    long console_acked = 0;
    const bool committed = eventually(
        [&] {
          console_acked = sqlInt(console, acked_sql);
          return console_acked > std::max(agent_acked, last_committed);
        },
        30s);
    console.stop(SIGKILL);
    proxy.release();
    (void)syncing.get();
    resent_bytes = proxy.upstreamBytes() - start_bytes;
    last_committed = console_acked;
    const long left = a.outboxDepthNow();
    BOOST_TEST_MESSAGE("console killed having committed up to seq "
                       << console_acked << " while A knew of " << agent_acked
                       << " acknowledged; A's outbox " << before << " before, " << left
                       << " after");
    BOOST_TEST(committed);
    BOOST_TEST(left > 0);                                      // killed mid-upload, not after it
    BOOST_TEST(agentAcked(dir.path() / "a") < console_acked);  // the reply was lost
  }
  console.start();
  b.start();
  b.scan();
  BOOST_REQUIRE_MESSAGE(a.drain(120s), "agent A's outbox did not drain:\n" + a.log_text());
  BOOST_REQUIRE_MESSAGE(b.drain(), "agent B's outbox did not drain:\n" + b.log_text());
  {
    const Counts own_a = nonZero(a.findingTotals(false));
    const Counts own_b = nonZero(b.findingTotals(false));
    BOOST_TEST(own_a.at("kr_phone") == kBulk + 1 + 3);  // bulk, phone.txt, ask/x*
    BOOST_TEST(own_b.at("kr_phone") == 3);
    auto fleet = consoleFindings(console);
    BOOST_TEST(fleet[id_a] == own_a,
               "console " << describe(fleet[id_a]) << "agent " << describe(own_a));
    BOOST_TEST(fleet[id_b] == own_b,
               "console " << describe(fleet[id_b]) << "agent " << describe(own_b));
    // Each of the three requests queued exactly once, whatever was sent twice.
    AdminSession again("127.0.0.1", console.port());
    BOOST_REQUIRE_EQUAL(again.login(console.adminUser(), console.adminPassword()).status, 200);
    const auto pending = consoleExceptions(again, id_a, "pending");
    BOOST_TEST(pending.size() == 3u);
    std::set<std::string> paths;
    for (const JsonValue& e : pending) paths.insert(e.find("path")->asString());
    BOOST_TEST(paths.size() == 3u);
    admin = std::move(again);
    // Append-only events once each: the scans A completed while the console was down, and every
    // action in A's history.
    BOOST_REQUIRE(eventually([&] { return a.idle(); }, 30s));
    BOOST_REQUIRE(a.drain());
    const long completed = a.completedScans() - completed_before;
    BOOST_TEST(completed >= 1);
    BOOST_TEST(sqlInt(console, "SELECT count(*) FROM scans WHERE agent = " +
                                   std::to_string(id_a)) == scans_before + completed);
    const long actions_a = static_cast<long>(jsonLines(a.cli({"history", "--json"}).out).size());
    BOOST_TEST(actions_a >= 1);
    BOOST_TEST(sqlInt(console, "SELECT count(*) FROM actions WHERE agent = " +
                                   std::to_string(id_a)) == actions_a);
  }

  // --- a revoked agent is refused
  {
    const Counts before = consoleFindings(console)[id_b];
    const ProcessResult revoked = console.admin({"revoke", std::to_string(id_b)});
    BOOST_REQUIRE_MESSAGE(revoked.exit_code == 0, "revoke: " + revoked.err);
    BOOST_TEST(eventually(
        [&] {
          (void)b.cli({"sync"});
          return b.consoleState() == "revoked";
        },
        20s));
    // Its own credentials, straight from its inventory: refused, and told why.
    const ProcessResult token =
        runProcess({"/usr/bin/sqlite3", "-cmd", ".timeout 15000",
                    (dir.path() / "b/data/inventory.db").string(),
                    "SELECT value FROM agent_state WHERE key = 'console.token'"});
    BOOST_REQUIRE_MESSAGE(token.exit_code == 0 && token.out.size() > 20, "token: " + token.err);
    ConsoleConnection raw("127.0.0.1", console.port());
    const HttpReply refused =
        raw.request("POST", "/api/v1/heartbeat", protocol::encodeHeartbeat(protocol::Heartbeat{}),
                    {{"X-Jamul-Agent", std::to_string(id_b)},
                     {"Authorization", "Bearer " + token.out.substr(0, token.out.find('\n'))}});
    BOOST_TEST(refused.status == 403, refused.status << " " << refused.body << refused.error);
    BOOST_TEST(refused.body.find("revoked") != std::string::npos, refused.body);
    // What it finds from now on does not reach the console.
    dir.write("b/home/after.txt", "휴대전화 010-9999-0000\n");
    b.scan();
    BOOST_TEST(b.cli({"sync"}).exit_code != 0);
    BOOST_TEST(b.consoleState() == "revoked");
    // Revoked agents are left out of the fleet's current figures (docs/console-api.md), and what
    // B found after its revocation is nowhere in the console's database.
    const Counts after = consoleFindings(console)[id_b];
    BOOST_TEST(after.empty(), "before " << describe(before) << "after " << describe(after));
    BOOST_TEST(sqlInt(console, "SELECT count(*) FROM files WHERE agent = " + std::to_string(id_b) +
                                   " AND path LIKE '%after.txt'") == 0);
    BOOST_TEST(sqlInt(console, "SELECT count(*) FROM files WHERE agent = " + std::to_string(id_b) +
                                   " AND path LIKE '%later.txt'") == 1);
    const auto agents = jsonLines(console.admin({"agents", "--json"}).out);
    for (const auto& l : agents)
      if (l.get<std::int64_t>("id") == id_b) BOOST_TEST(l.get<std::string>("state") == "revoked");
  }

  // --- a policy with a bad signature is refused; the last good one stays
  {
    const ProcessResult set = console.admin(
        {"policy", "set",
         policyFile(
             dir.path(), "a2.json", home_a,
             R"([{"rules":["kr_rrn","kr_phone"],"min_confidence":"medium","action":"encrypt"}])"),
         "--group", "총무과"});
    BOOST_REQUIRE_MESSAGE(set.exit_code == 0, "policy set: " + set.err);
    // Flip the stored signature of the newest policy to another valid-looking one.
    const ProcessResult tampered = sql(
        console,
        "UPDATE policies SET signature = CASE WHEN substr(signature, 1, 4) = 'AAAA' THEN 'BBBB' "
        "ELSE 'AAAA' END || substr(signature, 5) WHERE version = (SELECT max(version) FROM "
        "policies)");
    BOOST_REQUIRE_MESSAGE(tampered.exit_code == 0, "tamper: " + tampered.err);
    (void)a.cli({"sync"});
    BOOST_TEST(eventually(
        [&] {
          (void)a.cli({"sync"});
          return !a.status().get<std::string>("console.policy_refused", "").empty();
        },
        20s));
    const std::string why = a.status().get<std::string>("console.policy_refused", "");
    BOOST_TEST_MESSAGE("the agent refused the tampered policy: " << why);
    BOOST_TEST(why.find("signature") != std::string::npos, why);
    BOOST_TEST(a.policyVersion() == good_version_a);
    a.scan();
    std::this_thread::sleep_for(2s);
    BOOST_TEST(fs::exists(a_phone));  // the refused policy would have encrypted it
    BOOST_TEST(!fs::exists(a_phone.string() + ".age"));
  }

  // --- no planted raw value anywhere the console keeps or writes
  console.stop(SIGTERM);
  const std::string traces = consoleTraces(console);
  // (What the console does keep is there to be found: the path of a file with findings.)
  BOOST_TEST(traces.find(a_keep.string()) != std::string::npos);
  for (const auto* values : {&raw_a, &raw_b})
    for (const std::string& v : *values) BOOST_TEST(traces.find(v) == std::string::npos, v);
  for (int i = 0; i < kBulk; i += 97) {
    char phone[32];
    std::snprintf(phone, sizeof phone, "010-7%03d-%04d", i % 1000, 1000 + i);
    BOOST_TEST(traces.find(phone) == std::string::npos, phone);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace jamul::test
