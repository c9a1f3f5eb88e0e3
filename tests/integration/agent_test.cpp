// SPDX-License-Identifier: Apache-2.0
// jamul-agent end to end (issue 15): the real service in the foreground on temporary folders,
// driven through `jamul agent ...` and the local API client, as root and as another uid.
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "integration/agent_process.h"
#include "integration/cli_helpers.h"
#include "jamul/scanner/rule_catalog.h"
#include "support/skip.h"
#include "support/temp_dir.h"

namespace jamul::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using protocol::JsonValue;
using protocol::LocalOp;

constexpr uid_t kUser = 4242;  // a uid without an account, as in a container
constexpr const char* kRrnLine = "주민등록번호 900101-1234568\n";

std::string config(const fs::path& dir, const std::string& policy) {
  return R"({"data_dir":")" + (dir / "data").string() + R"(","socket":")" +
         (dir / "agent.sock").string() + R"(","log":"console","policy":)" + policy + "}";
}

void chownTree(const fs::path& root, uid_t uid) {
  BOOST_REQUIRE(::lchown(root.c_str(), uid, uid) == 0);
  for (const auto& e : fs::recursive_directory_iterator(root))
    BOOST_REQUIRE(::lchown(e.path().c_str(), uid, uid) == 0);
}

// The temporary folder, open to the second uid (TempDir makes it 0700).
void openUp(const fs::path& dir) { fs::permissions(dir, fs::perms(0755)); }

std::int64_t statusInt(AgentProcess& agent, const std::string& key) {
  auto client = agent.client();
  auto s = client.call(LocalOp::kStatus, JsonValue::object({}));
  BOOST_REQUIRE(s.ok());
  const JsonValue* v = s->find(key);
  return v != nullptr && v->isInteger() ? v->asInteger() : -1;
}

std::string statusText(AgentProcess& agent, const std::string& key) {
  auto client = agent.client();
  auto s = client.call(LocalOp::kStatus, JsonValue::object({}));
  BOOST_REQUIRE(s.ok());
  const JsonValue* v = s->find(key);
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

bool idle(AgentProcess& agent) {
  return statusText(agent, "state") == "idle" && statusInt(agent, "queued_scans") == 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(agent_service)

BOOST_AUTO_TEST_CASE(scans_reports_progress_applies_policy_and_decrypts_byte_identical) {
  TempDir dir;
  const fs::path home = dir.path() / "home";
  const std::string secret = std::string(kRrnLine) + "그 밖의 내용\n";
  const fs::path a = dir.write("home/a.txt", secret);
  dir.write("home/clean.txt", "nothing personal here\n");
  const fs::path phone = dir.write("home/sub/phone.txt", "휴대전화 010-2345-6789\n");
  for (int i = 0; i < 40; ++i) dir.write("home/many/f" + std::to_string(i) + ".txt", "plain\n");
  AgentProcess agent(dir.path(), config(dir.path(), R"({"roots":[")" + home.string() +
      R"("],"schedule":"manual","governor":{"cpu_percent":100},
        "actions":[{"rules":["kr_rrn"],"min_confidence":"high","action":"encrypt"}]})"));

  // Progress and "found" events while a scan runs, through the local API.
  auto client = agent.client();
  BOOST_REQUIRE(client.call(LocalOp::kSubscribe, JsonValue::object({})).ok());
  std::vector<std::string> events;
  bool walk_done = false;
  auto scanned = client.call(
      LocalOp::kScan, JsonValue::object({{"wait", JsonValue::boolean(true)}}),
      [&](const std::string& event, const JsonValue& data) {
        events.push_back(event);
        if (event == "progress" && data.find("walk_done") && data.find("walk_done")->asBool())
          walk_done = true;
        if (event == "found") BOOST_TEST(data.find("path") != nullptr);
      },
      60s);
  BOOST_REQUIRE_MESSAGE(scanned.ok(), agent.log());
  BOOST_TEST(scanned->find("scan")->asString() == "done");
  BOOST_TEST(walk_done);
  BOOST_TEST(std::count(events.begin(), events.end(), "found") >= 2);

  // The policy encrypts the file with a resident number (high), not the phone number's.
  const fs::path sealed = a.string() + ".age";
  BOOST_REQUIRE_MESSAGE(eventually([&] { return fs::exists(sealed) && !fs::exists(a); }, 20s),
                        agent.log());
  BOOST_TEST(fs::exists(phone));
  BOOST_TEST(actionTemporaryFiles(home).empty());

  // Findings: after the refresh scan, the phone file still listed, the encrypted one not.
  ProcessResult found;
  BOOST_REQUIRE_MESSAGE(eventually(
                            [&] {
                              found = agent.cli({"findings", "--json"});
                              return idle(agent) && jsonLines(found.out).size() == 1;
                            },
                            30s),
                        found.out);
  BOOST_REQUIRE_MESSAGE(found.exit_code == 0, found.err);
  const auto lines = jsonLines(found.out);
  BOOST_REQUIRE_EQUAL(lines.size(), 1u);
  BOOST_TEST(lines[0].get<std::string>("path") == phone.string());
  BOOST_TEST(lines[0].get<int>("counts.kr_phone") == 1);
  BOOST_TEST(found.out.find("010-2345-6789") == std::string::npos);  // masked only

  // Decrypt through the agent: byte-identical.
  const ProcessResult opened = agent.cli({"decrypt", sealed.string()});
  BOOST_REQUIRE_MESSAGE(opened.exit_code == 0, opened.err);
  BOOST_TEST(readFile(a) == secret);
  BOOST_TEST(!fs::exists(sealed));

  // Status says what the agent is and does.
  const ProcessResult status = agent.cli({"status"});
  BOOST_TEST(status.exit_code == 0);
  BOOST_TEST(status.out.find("nice 19") != std::string::npos);
  BOOST_TEST(status.out.find("I/O idle") != std::string::npos);

  // SIGTERM stops it within 5 s, cleanly.
  int exit_status = -1;
  const auto took = agent.terminate(&exit_status);
  BOOST_TEST(took.count() < 5000);
  BOOST_TEST((WIFEXITED(exit_status) && WEXITSTATUS(exit_status) == 0));
  // ... with every thread ended, also the subscribed connection's (`client` is still open).
  BOOST_TEST(agent.log().find("work cut short") == std::string::npos);
  // The log never holds a raw value.
  BOOST_TEST(agent.log().find("900101-1234568") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_user_sees_and_acts_on_their_own_files_only) {
  TempDir dir;
  openUp(dir.path());
  const fs::path root_file = dir.write("home/root/secret.txt", kRrnLine);
  const std::string root_bytes = readFile(root_file);
  const fs::path mine = dir.write("home/user/mine.txt", "여권번호 M12345678\n");
  dir.write("home/user/sub/own.txt", kRrnLine);
  chownTree(dir.path() / "home" / "user", kUser);
  fs::permissions(dir.path() / "home", fs::perms(0755));
  AgentProcess agent(dir.path(), config(dir.path(), R"({"roots":[")" +
      (dir.path() / "home").string() + R"("],"schedule":"manual","governor":{"cpu_percent":100}})"));
  fs::permissions(dir.path() / "agent.sock", fs::perms(0666));
  BOOST_REQUIRE(agent.cli({"scan", "--wait"}).exit_code == 0);

  // Findings: root sees three files, the user their two.
  BOOST_TEST(jsonLines(agent.cli({"findings", "--json"}).out).size() == 3u);
  const ProcessResult theirs = agent.cli({"findings", "--json"}, kUser);
  BOOST_REQUIRE_MESSAGE(theirs.exit_code == 0, theirs.err);
  const auto lines = jsonLines(theirs.out);
  BOOST_TEST(lines.size() == 2u);
  for (const auto& l : lines) BOOST_TEST(l.get<std::string>("path").find("/home/user/") != std::string::npos);
  BOOST_TEST(theirs.out.find(root_file.string()) == std::string::npos);

  // Another's file: refused, untouched; also named through a link the user made.
  const ProcessResult refused = agent.cli({"encrypt", root_file.string()}, kUser);
  BOOST_TEST(refused.exit_code == 2);
  BOOST_TEST(refused.err.find("not your file") != std::string::npos);
  const fs::path link = dir.path() / "home/user/link.txt";
  fs::create_symlink(root_file, link);
  BOOST_REQUIRE(::lchown(link.c_str(), kUser, kUser) == 0);
  BOOST_TEST(agent.cli({"encrypt", link.string()}, kUser).exit_code == 2);
  BOOST_TEST(agent.cli({"shred", link.string()}, kUser).exit_code == 2);
  BOOST_TEST(readFile(root_file) == root_bytes);

  // Their own: encrypted, owned by them, and decrypted back as theirs.
  const ProcessResult enc = agent.cli({"encrypt", mine.string()}, kUser);
  BOOST_REQUIRE_MESSAGE(enc.exit_code == 0, enc.err);
  struct stat st{};
  BOOST_REQUIRE(::stat((mine.string() + ".age").c_str(), &st) == 0);
  BOOST_TEST(st.st_uid == kUser);
  BOOST_REQUIRE(agent.cli({"decrypt", mine.string() + ".age"}, kUser).exit_code == 0);
  BOOST_REQUIRE(::stat(mine.c_str(), &st) == 0);
  BOOST_TEST(st.st_uid == kUser);

  // A path swapped mid-request: the user's folder `sub` and a link to root's folder change
  // places all the time while the user asks the agent to encrypt, then shred, `sub/own.txt`.
  // Whatever the timing, root's files are never read, encrypted or removed.
  const fs::path user_dir = dir.path() / "home/user";
  const fs::path real = user_dir / "sub";
  const fs::path parked = user_dir / "sub.real";
  const fs::path evil = user_dir / "sub.link";
  fs::copy_file(root_file, dir.path() / "home/root/own.txt");  // the name the swap aims at
  const std::string root_own = readFile(dir.path() / "home/root/own.txt");
  fs::create_directory_symlink(dir.path() / "home/root", evil);
  BOOST_REQUIRE(::lchown(evil.c_str(), kUser, kUser) == 0);
  {
    const ProcessResult before = agent.cli({"encrypt", (real / "own.txt").string()}, kUser);
    BOOST_REQUIRE_MESSAGE(before.exit_code == 0, before.err);
    BOOST_REQUIRE(agent.cli({"decrypt", (real / "own.txt.age").string()}, kUser).exit_code == 0);
  }
  std::atomic<bool> stop{false};
  std::thread swapper([&] {
    while (!stop.load()) {
      std::error_code ec;
      fs::rename(real, parked, ec);
      fs::rename(evil, real, ec);
      std::this_thread::sleep_for(1ms);
      fs::rename(real, evil, ec);
      fs::rename(parked, real, ec);
      std::this_thread::sleep_for(1ms);
    }
  });
  int refused_count = 0;
  for (int i = 0; i < 30; ++i) {
    const std::string target = (real / "own.txt").string();
    const ProcessResult r = agent.cli({"encrypt", target}, kUser);
    if (r.exit_code != 0) {
      if (refused_count++ < 3) BOOST_TEST_MESSAGE("refused: " << r.err);
      continue;
    }
    (void)agent.cli({"decrypt", target + ".age"}, kUser);
  }
  for (int i = 0; i < 10; ++i) (void)agent.cli({"shred", (real / "nothing.txt").string()}, kUser);
  stop.store(true);
  swapper.join();
  BOOST_TEST_MESSAGE("refused while swapping: " << refused_count << " of 30");
  BOOST_TEST(readFile(root_file) == root_bytes);
  BOOST_TEST(readFile(dir.path() / "home/root/own.txt") == root_own);
  BOOST_TEST(!fs::exists(dir.path() / "home/root/own.txt.age"));
  BOOST_TEST(!fs::exists(dir.path() / "home/root/secret.txt.age"));
  BOOST_TEST(actionTemporaryFiles(dir.path() / "home/root").empty());

  // Pause by a user; root's status shows it; resume.
  BOOST_TEST(agent.cli({"pause"}, kUser).exit_code == 0);
  BOOST_TEST(statusText(agent, "state") == "paused");
  BOOST_TEST(agent.cli({"resume"}, kUser).exit_code == 0);
  BOOST_TEST(statusText(agent, "state") != "paused");
}

// What the tray asks of the agent besides findings (docs/local-api.md): a user's own counts in
// `status`, the `history` of actions done for them with what each file held, their encrypted files
// beside their findings, their exception requests (listed, and marked on the file), and the rule
// catalogue. A user sees none of root's; no reply holds a raw value.
BOOST_AUTO_TEST_CASE(a_user_sees_their_history_encrypted_files_exceptions_and_the_rules) {
  TempDir dir;
  openUp(dir.path());
  const fs::path root_file = dir.write("home/root/secret.txt", kRrnLine);
  const fs::path list = dir.write("home/user/list.txt", kRrnLine);
  const fs::path phone = dir.write("home/user/phone.txt", "휴대전화 010-2345-6789\n");
  dir.write("home/user/clean.txt", "nothing personal here\n");
  chownTree(dir.path() / "home" / "user", kUser);
  fs::permissions(dir.path() / "home", fs::perms(0755));
  AgentProcess agent(
      dir.path(),
      config(dir.path(), R"({"roots":[")" + (dir.path() / "home").string() +
                             R"("],"schedule":"manual","governor":{"cpu_percent":100}})"));
  fs::permissions(dir.path() / "agent.sock", fs::perms(0666));
  BOOST_REQUIRE(agent.cli({"scan", "--wait"}).exit_code == 0);
  std::string everything;  // every reply, to look for raw values at the end
  const auto lines = [&](std::vector<std::string> args, std::optional<uid_t> uid) {
    const ProcessResult r = agent.cli(std::move(args), uid);
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    everything += r.out;
    return jsonLines(r.out);
  };
  const auto status = [&](std::optional<uid_t> uid) {
    auto s = lines({"status", "--json"}, uid);
    BOOST_REQUIRE_EQUAL(s.size(), 1u);
    return s[0];
  };

  // The user's status counts their files only.
  auto mine = status(kUser);
  BOOST_TEST(mine.get<int>("files") == 3);
  BOOST_TEST(mine.get<int>("files_with_findings") == 2);
  BOOST_TEST(mine.get<int>("encrypted") == 0);
  BOOST_TEST(status(std::nullopt).get<int>("files") == 4);

  // The user encrypts a file, root one of its own.
  const std::int64_t before_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count() -
                                 1000;
  BOOST_REQUIRE(agent.cli({"encrypt", list.string()}, kUser).exit_code == 0);
  BOOST_REQUIRE(agent.cli({"encrypt", root_file.string()}).exit_code == 0);
  BOOST_TEST(status(kUser).get<int>("encrypted") == 1);
  BOOST_TEST(status(std::nullopt).get<int>("encrypted") == 2);

  // History: the user's one action, with what the file held; root sees both.
  auto history = lines({"history", "--json"}, kUser);
  BOOST_REQUIRE_EQUAL(history.size(), 1u);
  BOOST_TEST(history[0].get<std::string>("action") == "encrypt");
  BOOST_TEST(history[0].get<std::string>("file") == list.string());
  BOOST_TEST(history[0].get<std::string>("path") == list.string() + ".age");
  BOOST_TEST(history[0].get<std::string>("state") == "done");
  BOOST_TEST(history[0].get<int>("counts.kr_rrn") == 1);
  BOOST_TEST(history[0].get<std::int64_t>("at_ms") >= before_ms);
  BOOST_TEST(lines({"history", "--json"}, std::nullopt).size() == 2u);
  BOOST_TEST(
      lines({"history", "--json", "--since-ms", std::to_string(before_ms + 3'600'000)}, kUser)
          .empty());

  // Findings: by default what it always was; with --encrypted the .age file too, in path order.
  BOOST_REQUIRE(eventually([&] { return idle(agent); }, 30s));
  auto found = lines({"findings", "--json"}, kUser);
  BOOST_REQUIRE_EQUAL(found.size(), 1u);
  BOOST_TEST(found[0].get<std::string>("path") == phone.string());
  BOOST_TEST(!found[0].get_child_optional("exception"));
  auto with_sealed = lines({"findings", "--json", "--encrypted"}, kUser);
  BOOST_REQUIRE_EQUAL(with_sealed.size(), 2u);
  BOOST_TEST(with_sealed[0].get<std::string>("path") == list.string() + ".age");
  BOOST_TEST(with_sealed[0].get<std::string>("status") == "encrypted");
  BOOST_TEST(with_sealed[0].get<std::string>("original") == list.string());
  BOOST_TEST(with_sealed[0].get<int>("counts.kr_rrn") == 1);
  BOOST_TEST(with_sealed[0].get<std::int64_t>("encrypted_at_ms") ==
             history[0].get<std::int64_t>("at_ms"));
  BOOST_TEST(with_sealed[1].get<std::string>("path") == phone.string());
  BOOST_TEST(lines({"findings", "--json", "--encrypted"}, std::nullopt).size() == 3u);

  // An exception request for the phone list (made by root for the user's file): the user lists
  // it, and findings mark the file with it.
  {
    auto client = agent.client();
    auto asked = client.call(LocalOp::kException,
                             JsonValue::object({{"file", JsonValue::string(phone.string())},
                                                {"reason", JsonValue::string("업무상 보관 필요")},
                                                {"days", JsonValue::integer(30)}}));
    BOOST_REQUIRE_MESSAGE(asked.ok(), (asked.ok() ? "" : asked.error().message()));
  }
  auto requests = lines({"exceptions", "--json"}, kUser);
  BOOST_REQUIRE_EQUAL(requests.size(), 1u);
  BOOST_TEST(requests[0].get<std::string>("file") == phone.string());
  BOOST_TEST(requests[0].get<std::string>("state") == "pending");
  BOOST_TEST(requests[0].get<int>("days") == 30);
  BOOST_TEST(requests[0].get<std::string>("reason") == "업무상 보관 필요");
  BOOST_TEST(!requests[0].get_child_optional("expires_at_ms"));
  found = lines({"findings", "--json"}, kUser);
  BOOST_REQUIRE_EQUAL(found.size(), 1u);
  BOOST_TEST(found[0].get<std::string>("exception.state") == "pending");
  BOOST_TEST(found[0].get<std::int64_t>("exception.id") == requests[0].get<std::int64_t>("id"));

  // Decrypted again: newest first in the history, with the counts of its encryption.
  BOOST_REQUIRE(agent.cli({"decrypt", list.string() + ".age"}, kUser).exit_code == 0);
  history = lines({"history", "--json"}, kUser);
  BOOST_REQUIRE_EQUAL(history.size(), 2u);
  BOOST_TEST(history[0].get<std::string>("action") == "decrypt");
  BOOST_TEST(history[0].get<std::string>("file") == list.string() + ".age");
  BOOST_TEST(history[0].get<std::string>("path") == list.string());
  BOOST_TEST(history[0].get<int>("counts.kr_rrn") == 1);
  BOOST_TEST(status(kUser).get<int>("encrypted") == 0);

  // The rules, in catalogue order, named in both languages.
  {
    auto client = agent.client();
    auto rules = client.call(LocalOp::kRules, JsonValue::object({}));
    BOOST_REQUIRE(rules.ok());
    const auto& all = rules->find("rules")->asArray();
    BOOST_REQUIRE_EQUAL(all.size(), scanner::ruleCatalog().size());
    BOOST_TEST(all[0].find("id")->asString() == "kr_rrn");
    BOOST_TEST(all[0].find("title_ko")->asString() == "주민등록번호");
    for (const JsonValue& r : all) {
      BOOST_TEST(!r.find("title")->asString().empty());
      BOOST_TEST(!r.find("validation")->asString().empty());
    }
    // An argument the op does not take is refused.
    auto typo =
        client.call(LocalOp::kHistory, JsonValue::object({{"sinse_ms", JsonValue::integer(0)}}));
    BOOST_TEST(!typo.ok());
  }

  BOOST_TEST(everything.find("900101-1234568") == std::string::npos);
  BOOST_TEST(everything.find("010-2345-6789") == std::string::npos);
  BOOST_TEST(agent.log().find("900101-1234568") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_scan_killed_half_way_is_resumed_at_the_next_start) {
  TempDir dir;
  const fs::path home = dir.path() / "home";
  constexpr int kFiles = 2000;
  int with_rrn = 0;
  for (int i = 0; i < kFiles; ++i) {
    const bool personal = i % 10 == 0;
    with_rrn += personal;
    dir.write("home/d" + std::to_string(i / 100) + "/f" + std::to_string(i) + ".txt",
              personal ? std::string(kRrnLine) : "plain text line\n" + std::string(50'000, 'x'));
  }
  const std::string cfg = config(dir.path(), R"({"roots":[")" + home.string() +
                                                 R"("],"schedule":"manual","governor":{"cpu_percent":5}})");
  {
    AgentProcess agent(dir.path(), cfg);
    BOOST_REQUIRE(agent.cli({"scan"}).exit_code == 0);
    // Killed once part of the tree is in the inventory (the job commits at least every 2 s; what
    // `findings` lists is committed), while the scan still runs.
    std::size_t committed = 0;
    BOOST_REQUIRE_MESSAGE(eventually(
        [&] {
          committed = jsonLines(agent.cli({"findings", "--json"}).out).size();
          return committed >= 5;
        },
        60s), agent.log());
    BOOST_REQUIRE_MESSAGE(statusText(agent, "state") == "scanning",
                          "the scan ended before the kill; make it slower");
    agent.kill9();
    BOOST_TEST_MESSAGE("killed with " << committed << " files with findings recorded");
  }
  // The next start takes the scan up by itself, at full speed now, and completes it.
  const std::string fast = config(dir.path(), R"({"roots":[")" + home.string() +
                                                  R"("],"schedule":"manual","governor":{"cpu_percent":100}})");
  fs::remove(dir.path() / "agent.log");
  AgentProcess agent(dir.path(), fast);
  BOOST_REQUIRE_MESSAGE(eventually([&] { return agent.log().find("(resume) completed") !=
                                                std::string::npos; }, 60s),
                        agent.log());
  const ProcessResult found = agent.cli({"findings", "--json"});
  BOOST_TEST(jsonLines(found.out).size() == static_cast<std::size_t>(with_rrn));
  // It did not read again what the killed scan had recorded: "N files, M read" with M < N.
  const std::string log = agent.log();
  const auto at = log.find("(resume) completed: ");
  BOOST_REQUIRE(at != std::string::npos);
  std::istringstream words(log.substr(at + 20));
  long seen = 0, read = 0;
  std::string unit;
  words >> seen >> unit >> read;
  BOOST_TEST(seen == kFiles);
  BOOST_TEST(read < seen - 40);
  BOOST_TEST(agent.log().find("an interrupted scan is resumed") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_volume_mounted_under_a_mount_prefix_is_recorded_and_scanned) {
  // The agent runs in a mount namespace of its own, so that the test mounts nothing on the
  // machine; a container without CAP_SYS_ADMIN has none to give (agent_core covers the logic on a
  // fake mount table there).
  if (const ProcessResult probe = runProcess({"/usr/bin/unshare", "--mount", "/bin/true"});
      probe.exit_code != 0)
    JAMUL_SKIP("no mount namespace here (unshare --mount: " + probe.err + ")");
  TempDir dir;
  const fs::path media = dir.path() / "media";
  fs::create_directories(media / "stick");
  const fs::path content = dir.path() / "usb-content";
  dir.write("usb-content/명단.csv", "이름,주민등록번호\n홍길동,900101-1234568\n");
  dir.write("home/plain.txt", "nothing\n");
  AgentProcess agent(dir.path(), config(dir.path(), R"({"roots":[")" +
      (dir.path() / "home").string() + R"("],"schedule":"manual","governor":{"cpu_percent":100},
      "media":{"scan_on_mount":true,"mount_prefixes":[")" + media.string() + R"("]}})"),
      /*own_mount_namespace=*/true);
  const auto mounted_at = std::chrono::steady_clock::now();
  // --root: the agent's root (in a chroot, joining a mount namespace would otherwise resolve
  // paths from the namespace's own root).
  const ProcessResult mount = runProcess({"/usr/bin/nsenter", "--target", std::to_string(agent.pid()),
                                          "--mount", "--root", "--", "/bin/mount", "--bind",
                                          content.string(), (media / "stick").string()});
  BOOST_REQUIRE_MESSAGE(mount.exit_code == 0, "mount in the agent's namespace failed: " + mount.err);
  const std::string expected = (media / "stick" / "명단.csv").string();
  BOOST_TEST(eventually(
      [&] { return agent.cli({"findings", "--json"}).out.find(expected) != std::string::npos; },
      10s));
  const auto took = std::chrono::steady_clock::now() - mounted_at;
  BOOST_TEST_MESSAGE("mounted to reported: "
                     << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                     << " ms");
  const ProcessResult status = agent.cli({"status", "--json"});
  BOOST_TEST(status.out.find((media / "stick").string()) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_refused_policy_names_its_key_and_the_last_good_one_stays) {
  TempDir dir;
  const fs::path policy = dir.path() / "policy.json";
  const std::string good = R"({"version":4,"roots":[")" + (dir.path() / "home").string() +
                           R"("],"schedule":"manual","governor":{"cpu_percent":40}})";
  std::ofstream(policy) << good;
  fs::create_directories(dir.path() / "home");
  const std::string cfg = R"({"data_dir":")" + (dir.path() / "data").string() + R"(","socket":")" +
                          (dir.path() / "agent.sock").string() +
                          R"(","log":"console","policy":")" + policy.string() + R"("})";
  {
    AgentProcess agent(dir.path(), cfg);
    // SIGHUP with a broken policy: refused, naming the key; version 4 stays in force.
    std::ofstream(policy) << R"({"version":5,"roots":["/tmp"],"governor":{"cpu_percnt":10}})";
    ::kill(agent.pid(), SIGHUP);
    BOOST_REQUIRE(eventually([&] { return agent.log().find("policy refused") != std::string::npos; }, 5s));
    const ProcessResult status = agent.cli({"status", "--json"});
    BOOST_TEST(status.out.find("cpu_percnt") != std::string::npos);
    BOOST_TEST(status.out.find(R"("version":4)") != std::string::npos);
    BOOST_TEST(status.out.find(R"("cpu_percent":40)") != std::string::npos);
    agent.terminate();
  }
  // Started again with the broken file: the last good policy, kept in the inventory, applies.
  AgentProcess again(dir.path(), cfg);
  const ProcessResult status = again.cli({"status", "--json"});
  BOOST_TEST(status.out.find(R"("version":4)") != std::string::npos);
  BOOST_TEST(status.out.find("cpu_percnt") != std::string::npos);
  BOOST_TEST(again.log().find("the last good policy stays in force") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_missed_scheduled_scan_runs_at_the_next_start) {
  TempDir dir;
  dir.write("home/list.txt", kRrnLine);
  // A window every day from midnight: the latest opening is in the past, and no scan has run.
  AgentProcess agent(dir.path(), config(dir.path(), R"({"roots":[")" +
      (dir.path() / "home").string() + R"("],"schedule":{"days":["mon","tue","wed","thu","fri","sat","sun"],
      "start":"00:00","end":"23:59"},"governor":{"cpu_percent":100}})"));
  BOOST_TEST(eventually([&] { return agent.log().find("(schedule) completed") != std::string::npos; },
                        20s));
  BOOST_TEST(jsonLines(agent.cli({"findings", "--json"}).out).size() == 1u);
  // And only once: the window's scan has happened.
  std::this_thread::sleep_for(1500ms);
  const std::string log = agent.log();
  BOOST_TEST(log.find("(schedule) completed") == log.rfind("(schedule) completed"));
}

BOOST_AUTO_TEST_CASE(sigterm_mid_encryption_loses_nothing) {
  TempDir dir;
  // A file large enough that SIGTERM arrives while it is being encrypted and verified.
  std::string big(160u << 20, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 2654435761u) >> 13);
  const fs::path file = dir.write("home/big.bin", big);
  const std::string cfg = config(dir.path(), R"({"roots":[")" + (dir.path() / "home").string() +
                                                 R"("],"schedule":"manual"})");
  {
    AgentProcess agent(dir.path(), cfg);
    std::thread request([&] { (void)agent.cli({"encrypt", file.string()}); });
    BOOST_REQUIRE(eventually([&] { return !actionTemporaryFiles(dir.path() / "home").empty(); }, 10s));
    int status = -1;
    const auto took = agent.terminate(&status);
    request.join();
    BOOST_TEST(took.count() < 5000);
  }
  // The next start finishes or rolls back what was cut short: the original, or a copy that
  // decrypts to it; never neither, never a temporary file left.
  AgentProcess agent(dir.path(), cfg);
  BOOST_TEST(actionTemporaryFiles(dir.path() / "home").empty());
  const fs::path sealed = file.string() + ".age";
  BOOST_REQUIRE(fs::exists(file) != fs::exists(sealed));
  if (fs::exists(sealed)) {
    const ProcessResult opened = agent.cli({"decrypt", sealed.string()});
    BOOST_REQUIRE_MESSAGE(opened.exit_code == 0, opened.err);
  }
  BOOST_TEST((readFile(file) == big));
}

// A raw connection to the agent's socket, for what no well-behaved client sends.
class RawConnection {
 public:
  explicit RawConnection(const std::string& path) {
    fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
    BOOST_REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    const timeval timeout{15, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~RawConnection() { ::close(fd_); }
  bool send(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }
  // What arrives until the agent closes the connection (or 15 s pass).
  std::string readToEnd() {
    std::string out;
    char buf[4096];
    for (;;) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return out;
      out.append(buf, static_cast<std::size_t>(n));
    }
  }
  std::string readLine() {
    std::string out;
    char c = 0;
    while (::recv(fd_, &c, 1, 0) == 1 && c != '\n') out += c;
    return out;
  }

 private:
  int fd_ = -1;
};

BOOST_AUTO_TEST_CASE(hostile_clients_are_dropped_and_others_served) {
  TempDir dir;
  dir.write("home/a.txt", kRrnLine);
  AgentProcess agent(dir.path(), config(dir.path(), R"({"roots":[")" +
      (dir.path() / "home").string() + R"("],"schedule":"manual"})"));
  // Malformed requests get an error reply each; the connection stays usable.
  {
    RawConnection c(agent.socket());
    BOOST_REQUIRE(c.send("this is not json\n"));
    BOOST_TEST(c.readLine().find("\"ok\":false") != std::string::npos);
    BOOST_REQUIRE(c.send(R"({"v":1,"id":3,"op":"findings","args":{"min_confidance":"low"}})" "\n"));
    const std::string typo = c.readLine();
    BOOST_TEST(typo.find("min_confidance") != std::string::npos);
    BOOST_REQUIRE(c.send(R"({"v":99,"id":4,"op":"status"})" "\n"));
    BOOST_TEST(c.readLine().find("unsupported_format") != std::string::npos);
    BOOST_REQUIRE(c.send(R"({"v":1,"id":5,"op":"encrypt","args":{"files":["relative.txt"]}})" "\n"));
    BOOST_TEST(c.readLine().find("absolute") != std::string::npos);
    BOOST_REQUIRE(c.send(R"({"v":1,"id":6,"op":"status"})" "\n"));
    BOOST_TEST(c.readLine().find("\"ok\":true") != std::string::npos);
  }
  // A line over the limit ends that connection (after an error), not the agent.
  {
    RawConnection c(agent.socket());
    (void)c.send(std::string((std::size_t{1} << 20) + 4096, 'x'));
    const std::string rest = c.readToEnd();
    BOOST_TEST(rest.find("too_large") != std::string::npos);
  }
  // A slow client holding a half line, and one that never writes, do not hold up the others.
  RawConnection slow(agent.socket());
  BOOST_REQUIRE(slow.send(R"({"v":1,"id":1,"op":)"));
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 10; ++i) idle.push_back(std::make_unique<RawConnection>(agent.socket()));
  const auto start = std::chrono::steady_clock::now();
  const ProcessResult status = agent.cli({"status", "--json"});
  BOOST_TEST(status.exit_code == 0);
  BOOST_TEST((std::chrono::steady_clock::now() - start < 5s));
  // The half line is dropped once its time is up (10 s).
  BOOST_TEST(slow.readToEnd().empty());
  // Too many connections of one user: the next is told so.
  std::vector<std::unique_ptr<RawConnection>> many;
  for (int i = 0; i < 8; ++i) many.push_back(std::make_unique<RawConnection>(agent.socket()));
  RawConnection over(agent.socket());
  BOOST_TEST(over.readLine().find("too many connections") != std::string::npos);
  many.clear();
  idle.clear();
  BOOST_TEST(eventually([&] { return agent.cli({"status"}).exit_code == 0; }, 5s));
}

BOOST_AUTO_TEST_CASE(no_agent_gives_one_clear_message) {
  TempDir dir;
  ProcessOptions options;
  const ProcessResult r = runProcess({jamulBinary(), "agent", "status", "--socket",
                                      (dir.path() / "none.sock").string()});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("no Jamul agent is running") != std::string::npos);
  BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace jamul::test
