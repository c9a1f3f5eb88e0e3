// SPDX-License-Identifier: Apache-2.0
// Agent (issue 15) through its seams: the mount table is a file the test writes (as
// /proc/self/mountinfo would read), the device folders are the test's, so removable media are
// plugged in and out without mounting anything.
#include "service/agent.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "support/temp_dir.h"

namespace jamul::agent {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A mountinfo line (proc(5)) mounting a file system of type ext4 at `mount_point`.
std::string mountLine(int id, const fs::path& mount_point) {
  return std::to_string(id) + " 1 8:" + std::to_string(id) + " / " + mount_point.string() +
         " rw,relatime shared:1 - ext4 /dev/sdz" + std::to_string(id) + " rw\n";
}

struct Fixture {
  test::TempDir dir;
  fs::path media = dir.path() / "media";
  fs::path mountinfo = dir.path() / "mountinfo";
  std::string log;
  std::mutex log_mutex;

  Fixture() {
    fs::create_directories(media);
    fs::create_directories(dir.path() / "home");
    fs::create_directories(dir.path() / "dev");
    std::ofstream(mountinfo) << "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n";
  }

  Agent::Options options() {
    Agent::Options o;
    o.config.data_dir = (dir.path() / "data").string();
    o.config.socket = (dir.path() / "agent.sock").string();
    o.config.policy_json = R"({"roots":[")" + (dir.path() / "home").string() +
                           R"("],"schedule":"manual","governor":{"cpu_percent":100},
                              "media":{"scan_on_mount":true,"mount_prefixes":[")" +
                           media.string() + R"("]}})";
    o.mountinfo = mountinfo.string();
    o.devices.sys_dev_block = (dir.path() / "dev").string();
    o.devices.by_uuid = (dir.path() / "dev").string();
    o.devices.by_label = (dir.path() / "dev").string();
    o.power_supply = (dir.path() / "power").string();
    o.tick = 200ms;
    o.log = ServiceLog([this](ServiceLog::Level, const std::string& text) {
      std::lock_guard lock(log_mutex);
      log += text + "\n";
    });
    return o;
  }
  std::string logText() {
    std::lock_guard lock(log_mutex);
    return log;
  }
  // A "stick": a folder under media with one file holding a resident number.
  fs::path stick(const std::string& name) {
    const fs::path p = media / name;
    dir.write("media/" + name + "/명단.txt", "주민등록번호 900101-1234568\n");
    return p;
  }
};

std::size_t findingsUnder(Agent& agent, const fs::path& folder) {
  auto page = agent.findings(0, scanner::Confidence::kMedium, 0, 1 << 20);
  BOOST_REQUIRE(page.ok());
  std::size_t n = 0;
  for (const auto& f : page->files)
    if (f.find("path")->asString().starts_with(folder.string())) ++n;
  return n;
}

template <typename F>
bool eventually(F done, std::chrono::milliseconds limit = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return done();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(agent_core)

BOOST_AUTO_TEST_CASE(a_volume_mounted_while_running_is_recorded_and_scanned) {
  Fixture fx;
  auto agent = Agent::start(fx.options());
  BOOST_REQUIRE_MESSAGE(agent.ok(), fx.logText());
  const fs::path stick = fx.stick("USB1");
  std::ofstream(fx.mountinfo, std::ios::app) << mountLine(40, stick);
  BOOST_TEST(eventually([&] { return findingsUnder(**agent, stick) == 1; }));
  const auto status = (*agent)->status(0);
  BOOST_TEST(status.toJson().find(stick.string()) != std::string::npos);
  BOOST_TEST((*agent)->stop());
}

BOOST_AUTO_TEST_CASE(a_volume_present_at_start_is_scanned_once_not_at_every_start) {
  Fixture fx;
  const fs::path stick = fx.stick("USB2");
  std::ofstream(fx.mountinfo, std::ios::app) << mountLine(41, stick);
  {
    auto agent = Agent::start(fx.options());
    BOOST_REQUIRE(agent.ok());
    // Plugged in while the agent was stopped: the inventory has never seen it.
    BOOST_TEST(eventually([&] { return findingsUnder(**agent, stick) == 1; }));
    BOOST_TEST((*agent)->stop());
  }
  const auto scans = [&] {
    const std::string log = fx.logText();
    std::size_t n = 0;
    for (auto at = log.find("scan (mount)"); at != std::string::npos;
         at = log.find("scan (mount)", at + 1))
      ++n;
    return n;
  };
  const std::size_t before = scans();
  {
    auto agent = Agent::start(fx.options());
    BOOST_REQUIRE(agent.ok());
    std::this_thread::sleep_for(500ms);
    BOOST_TEST((*agent)->waitIdle(10s));
    BOOST_TEST((*agent)->stop());
  }
  BOOST_TEST(scans() == before);  // known: recorded as seen, not scanned again
  BOOST_TEST(fx.logText().find("known: not scanned again") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(mounts_outside_the_prefixes_and_not_removable_are_left_alone) {
  Fixture fx;
  auto agent = Agent::start(fx.options());
  BOOST_REQUIRE(agent.ok());
  const fs::path elsewhere = fx.dir.path() / "elsewhere";
  fx.dir.write("elsewhere/명단.txt", "주민등록번호 900101-1234568\n");
  std::ofstream(fx.mountinfo, std::ios::app)
      << mountLine(42, elsewhere)
      << "43 1 0:99 / " + (fx.media / "proc").string() + " rw - proc proc rw\n";
  std::this_thread::sleep_for(2500ms);  // two looks at the table
  BOOST_TEST((*agent)->waitIdle(10s));
  BOOST_TEST(findingsUnder(**agent, elsewhere) == 0u);
  BOOST_TEST(fx.logText().find("volume mounted") == std::string::npos);
  BOOST_TEST((*agent)->stop());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace jamul::agent
