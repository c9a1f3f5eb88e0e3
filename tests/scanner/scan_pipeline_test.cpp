// SPDX-License-Identifier: Apache-2.0
#include "jamul/scanner/scan_pipeline.h"

#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <set>
#include <thread>

#include "support/detector_fixture.h"
#include "support/temp_dir.h"

namespace jamul::scanner {
namespace {

class CollectingSink final : public ScanSink {
 public:
  void onReport(FileReport report) override {
    reports.push_back(std::move(report));
    if (cancel_after != 0 && reports.size() == cancel_after) cancel->store(true);
  }
  void onProgress(const ScanProgress& p) override { last = p; }

  std::vector<FileReport> reports;
  ScanProgress last;
  std::size_t cancel_after = 0;
  std::atomic<bool>* cancel = nullptr;
};

// Says "unchanged" for files whose name ends in ".cached", with the path's length as the handle.
class SuffixOracle final : public ChangeOracle {
 public:
  std::optional<std::uint32_t> unchanged(const FileEntry& entry) const override {
    if (!entry.path.ends_with(".cached")) return std::nullopt;
    return static_cast<std::uint32_t>(entry.path.size());
  }
};

ScanOptions testOptions() {
  ScanOptions options;
  options.detector = test::testDetectorOptions();
  return options;
}

void writeTree(const test::TempDir& dir, int files) {
  for (int i = 0; i < files; ++i) {
    std::string text = "file " + std::to_string(i) + "\n";
    // Every third file holds one mobile number; sizes vary so workers finish out of order.
    if (i % 3 == 0)
      text +=
          "연락처 010-2" + std::to_string(100 + i % 900) + "-" + std::to_string(1000 + i) + "\n";
    text += std::string(static_cast<std::size_t>((i * 7919) % 60000), 'x');
    dir.write("d" + std::to_string(i % 7) + "/f" + std::to_string(i) + ".txt", text);
  }
}

BOOST_AUTO_TEST_SUITE(scan_pipeline)

BOOST_AUTO_TEST_CASE(reports_arrive_in_walk_order_whatever_the_thread_count) {
  test::TempDir dir;
  writeTree(dir, 200);
  const std::vector<std::string> roots = {dir.path().string()};
  std::vector<std::vector<std::string>> orders;
  for (unsigned threads : {1u, 2u, 4u}) {
    CollectingSink sink;
    PipelineOptions pipeline;
    pipeline.threads = threads;
    pipeline.max_in_flight = 8;  // small, so the walker has to wait for the sink
    const Status s = runScan(roots, {}, testOptions(), pipeline, test::testHasher(), nullptr, sink);
    BOOST_REQUIRE(s.ok());
    BOOST_TEST(sink.reports.size() == 200u);
    std::vector<std::string> order;
    std::uint64_t phones = 0;
    for (const FileReport& r : sink.reports) {
      order.push_back(r.entry.path);
      phones += r.count(RuleId::kKrPhone, Confidence::kMedium);
    }
    BOOST_TEST(phones == 67u);
    BOOST_TEST(sink.last.files_done == 200u);
    BOOST_TEST(sink.last.walk_done);
    orders.push_back(std::move(order));
  }
  BOOST_TEST(orders[0] == orders[1]);
  BOOST_TEST(orders[0] == orders[2]);
  BOOST_TEST(std::is_sorted(orders[0].begin(), orders[0].end()));
}

BOOST_AUTO_TEST_CASE(unchanged_files_are_not_read_and_walk_errors_are_reports) {
  test::TempDir dir;
  dir.write("a.txt", "연락처 010-2000-0000\n");
  dir.write("b.cached", "연락처 010-3000-0000\n");
  const std::vector<std::string> roots = {(dir.path() / "missing").string(), dir.path().string()};
  CollectingSink sink;
  SuffixOracle oracle;
  const Status s = runScan(roots, {}, testOptions(), {}, test::testHasher(), &oracle, sink);
  BOOST_REQUIRE(s.ok());
  BOOST_REQUIRE(sink.reports.size() == 3u);
  BOOST_TEST(sink.reports[0].status == FileStatus::kError);
  BOOST_TEST(sink.reports[0].entry.path == roots[0]);
  BOOST_TEST((sink.reports[0].error_code == ErrorCode::kNotFound));
  BOOST_TEST(sink.reports[1].count(RuleId::kKrPhone, Confidence::kMedium) == 1u);
  BOOST_TEST(!sink.reports[1].from_cache);
  BOOST_TEST(sink.reports[2].from_cache);
  BOOST_TEST(sink.reports[2].cache_handle == sink.reports[2].entry.path.size());  // passed along
  BOOST_TEST(sink.reports[2].total(Confidence::kLow) == 0u);  // not read: the caller fills it in
  BOOST_TEST(sink.last.bytes_read == sink.reports[1].entry.size);
}

// A single directory root is walked by two threads (PipelineOptions::split_walk): the reports are
// the same, in the same order, as with one walker; also with walk errors among them.
BOOST_AUTO_TEST_CASE(a_root_walked_by_two_threads_gives_the_same_reports) {
  test::TempDir dir;
  writeTree(dir, 200);
  for (int i = 0; i < 40; ++i)
    dir.write("top" + std::to_string(i) + ".txt", "연락처 010-2000-0000\n");
  dir.write("locked/secret.txt", "x");
  ::chmod((dir.path() / "locked").c_str(), 0);  // an error for non-root runs; root reads it
  const std::vector<std::string> roots = {dir.path().string()};
  std::vector<std::vector<std::string>> seen;
  for (bool split : {false, true}) {
    CollectingSink sink;
    PipelineOptions pipeline;
    pipeline.split_walk = split;
    pipeline.max_in_flight = 16;
    BOOST_REQUIRE(
        runScan(roots, {}, testOptions(), pipeline, test::testHasher(), nullptr, sink).ok());
    std::vector<std::string> lines;
    for (const FileReport& r : sink.reports)
      lines.push_back(r.entry.path + " " + std::string(scanner::fileStatusName(r.status)) + " " +
                      std::to_string(r.total(Confidence::kLow)));
    seen.push_back(lines);
  }
  ::chmod((dir.path() / "locked").c_str(), 0755);
  BOOST_TEST(seen[0].size() == 241u);
  BOOST_TEST(seen[0] == seen[1], boost::test_tools::per_element());
}

// Issue 12, item 10: links and special files passed over reach the sink, when asked, in walk
// order and as `skipped` reports (never read), also while an oracle is still loading.
BOOST_AUTO_TEST_CASE(issue_12_10_skipped_entries_arrive_in_walk_order) {
  test::TempDir dir;
  dir.write("a.txt", "연락처 010-2345-6789\n");
  dir.write("c.txt", "c");
  std::filesystem::create_symlink("a.txt", dir.path() / "b-link.txt");
  BOOST_REQUIRE(::mkfifo((dir.path() / "d-fifo").c_str(), 0644) == 0);
  WalkOptions walk_options;
  walk_options.report_skipped = true;
  for (bool split : {false, true}) {
    CollectingSink sink;
    PipelineOptions pipeline;
    pipeline.split_walk = split;
    const std::vector<std::string> roots = {dir.path().string()};
    BOOST_REQUIRE(
        runScan(roots, walk_options, testOptions(), pipeline, test::testHasher(), nullptr, sink)
            .ok());
    std::vector<std::string> lines;
    for (const FileReport& r : sink.reports)
      lines.push_back(r.entry.path.substr(dir.path().string().size() + 1) + " " +
                      std::string(fileStatusName(r.status)) + " " + std::to_string(r.bytes_read));
    BOOST_TEST(lines == (std::vector<std::string>{"a.txt ok 24", "b-link.txt skipped 0",
                                                  "c.txt ok 1", "d-fifo skipped 0"}),
               boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_CASE(cancellation_stops_the_walk_and_keeps_order) {
  test::TempDir dir;
  writeTree(dir, 300);
  std::atomic<bool> cancel{false};
  CollectingSink sink;
  sink.cancel_after = 20;
  sink.cancel = &cancel;
  PipelineOptions pipeline;
  pipeline.max_in_flight = 4;
  const std::vector<std::string> roots = {dir.path().string()};
  const Status s =
      runScan(roots, {}, testOptions(), pipeline, test::testHasher(), nullptr, sink, &cancel);
  BOOST_TEST((!s.ok() && s.error().code() == ErrorCode::kCancelled));
  BOOST_TEST(sink.reports.size() >= 20u);
  BOOST_TEST(sink.reports.size() < 300u);
  std::vector<std::string> order;
  for (const FileReport& r : sink.reports) order.push_back(r.entry.path);
  BOOST_TEST(std::is_sorted(order.begin(), order.end()));
}

// An oracle that is still loading when the walk starts (as the inventory's is): nothing may reach
// the sink, and unchanged() may not be asked, before it is ready; then every file and walk error
// arrives, in walk order, classified by the oracle.
class SlowOracle final : public ChangeOracle {
 public:
  std::optional<std::uint32_t> unchanged(const FileEntry& entry) const override {
    if (!ready_.load()) asked_early_ = true;
    if (!entry.path.ends_with(".cached")) return std::nullopt;
    return 0;
  }
  bool ready() const override { return ready_.load(std::memory_order_acquire); }
  void waitUntilReady() const override {
    while (!ready_.load(std::memory_order_acquire)) std::this_thread::yield();
  }
  void becomeReady() { ready_.store(true, std::memory_order_release); }
  bool askedEarly() const { return asked_early_; }

 private:
  std::atomic<bool> ready_{false};
  mutable std::atomic<bool> asked_early_{false};
};

class ReadinessSink final : public ScanSink {
 public:
  explicit ReadinessSink(const SlowOracle& oracle) : oracle_(oracle) {}
  void onReport(FileReport report) override {
    if (!oracle_.ready()) early = true;
    reports.push_back(std::move(report));
  }
  void onProgress(const ScanProgress&) override {}
  std::vector<FileReport> reports;
  bool early = false;

 private:
  const SlowOracle& oracle_;
};

BOOST_AUTO_TEST_CASE(a_loading_oracle_holds_the_walk_in_order_until_ready) {
  for (const int delay_ms : {0, 30, 200}) {  // ready before, during, after the walk
    test::TempDir dir;
    for (int i = 0; i < 120; ++i)
      dir.write("d" + std::to_string(i % 5) + "/f" + std::to_string(100 + i) +
                    (i % 2 == 0 ? ".cached" : ".txt"),
                "연락처 010-2" + std::to_string(100 + i) + "-4567\n");
    const std::vector<std::string> roots = {(dir.path() / "missing").string(), dir.path().string()};
    SlowOracle oracle;
    ReadinessSink sink(oracle);
    std::thread loader([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      oracle.becomeReady();
    });
    const Status s = runScan(roots, {}, testOptions(), {}, test::testHasher(), &oracle, sink);
    loader.join();
    BOOST_REQUIRE(s.ok());
    BOOST_TEST(!sink.early, "delay " << delay_ms);
    BOOST_TEST(!oracle.askedEarly(), "delay " << delay_ms);
    BOOST_REQUIRE(sink.reports.size() == 121u);
    BOOST_TEST(sink.reports[0].status == FileStatus::kError);  // the missing root, first
    std::vector<std::string> order;
    std::size_t cached = 0;
    for (std::size_t i = 1; i < sink.reports.size(); ++i) {
      order.push_back(sink.reports[i].entry.path);
      cached += sink.reports[i].from_cache ? 1 : 0;
      BOOST_TEST(sink.reports[i].from_cache == sink.reports[i].entry.path.ends_with(".cached"));
    }
    BOOST_TEST(cached == 60u);
    BOOST_TEST(std::is_sorted(order.begin(), order.end()));
  }
}

BOOST_AUTO_TEST_CASE(bad_globs_fail_before_anything_runs) {
  CollectingSink sink;
  WalkOptions walk;
  walk.exclude = {"[unclosed"};
  const std::vector<std::string> roots = {"/nonexistent"};
  const Status s = runScan(roots, walk, testOptions(), {}, test::testHasher(), nullptr, sink);
  BOOST_TEST((!s.ok() && s.error().code() == ErrorCode::kInvalidArgument));
  BOOST_TEST(sink.reports.empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner
