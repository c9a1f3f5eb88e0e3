// SPDX-License-Identifier: Apache-2.0
#include "jamul/scanner/scan_pipeline.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace jamul::scanner {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kProgressInterval = std::chrono::milliseconds(100);
constexpr std::uint64_t kCachedWakeBatch = 32;

struct Job {
  std::uint64_t seq = 0;
  FileEntry entry;
};

// State shared by the walker, the workers and the sink thread; guarded by `mutex`.
struct Shared {
  std::mutex mutex;
  std::condition_variable job_ready;     // workers wait for jobs (or the end of the walk)
  std::condition_variable result_ready;  // the sink thread waits for the next report in order
  std::condition_variable slot_free;     // the walker waits while too many files are in flight
  std::deque<Job> jobs;
  std::map<std::uint64_t, FileReport> results;  // finished reports not yet handed on
  std::uint64_t issued = 0;                      // sequence numbers handed out by the walker
  std::uint64_t in_flight = 0;                   // issued but not yet handed to the sink
  std::uint64_t awaited = 0;                     // the report the sink waits for
  bool walk_done = false;
  ScanProgress progress;
};

class PipelineWalkVisitor final : public WalkVisitor {
 public:
  PipelineWalkVisitor(Shared& shared, const ChangeOracle* oracle, std::size_t max_in_flight,
                      const std::atomic<bool>* cancel)
      : shared_(shared), oracle_(oracle), max_in_flight_(max_in_flight), cancel_(cancel) {}

  void onFile(FileEntry entry) override {
    // Asked here, on the walker thread, so an unchanged file costs no worker time at all.
    const bool cached = oracle_ != nullptr && oracle_->unchanged(entry);
    std::unique_lock lock(shared_.mutex);
    waitForSlot(lock);
    const std::uint64_t seq = shared_.issued++;
    ++shared_.in_flight;
    ++shared_.progress.files_found;
    shared_.progress.bytes_found += entry.size;
    if (cached) {
      FileReport report;
      report.entry = std::move(entry);
      report.from_cache = true;
      shared_.results.emplace(seq, std::move(report));
      // Wake the sink only once a batch of cached reports is ready for it: a rescan of an
      // unchanged tree otherwise costs two thread switches per file. (The end of the walk wakes it
      // too, and it never sleeps longer than kProgressInterval.)
      if (seq >= shared_.awaited + kCachedWakeBatch - 1) shared_.result_ready.notify_one();
    } else {
      shared_.jobs.push_back({seq, std::move(entry)});
      shared_.job_ready.notify_one();
    }
  }

  void onError(Error error) override {
    std::unique_lock lock(shared_.mutex);
    waitForSlot(lock);
    const std::uint64_t seq = shared_.issued++;
    ++shared_.in_flight;
    FileReport report;
    report.entry.path = error.subject();
    report.status = FileStatus::kError;
    report.error_code = error.code();
    report.detail = error.message();
    shared_.results.emplace(seq, std::move(report));
    if (seq == shared_.awaited) shared_.result_ready.notify_one();
  }

  bool cancelled() const override { return cancel_ != nullptr && cancel_->load(); }

 private:
  void waitForSlot(std::unique_lock<std::mutex>& lock) {
    shared_.slot_free.wait(lock, [&] { return shared_.in_flight < max_in_flight_; });
  }

  Shared& shared_;
  const ChangeOracle* oracle_;
  std::size_t max_in_flight_;
  const std::atomic<bool>* cancel_;
};

void workerLoop(Shared& shared, FileScanner& scanner) {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(shared.mutex);
      shared.job_ready.wait(lock, [&] { return !shared.jobs.empty() || shared.walk_done; });
      if (shared.jobs.empty()) return;  // walk done and nothing left
      job = std::move(shared.jobs.front());
      shared.jobs.pop_front();
    }
    FileReport report = scanner.scan(job.entry);
    std::lock_guard lock(shared.mutex);
    shared.results.emplace(job.seq, std::move(report));
    if (job.seq == shared.awaited) shared.result_ready.notify_one();
  }
}

}  // namespace

Status runScan(std::span<const std::string> roots, const WalkOptions& walk_options,
               const ScanOptions& scan_options, const PipelineOptions& pipeline_options,
               ValueHasher hasher, const ChangeOracle* oracle, ScanSink& sink,
               const std::atomic<bool>* cancel) {
  JAMUL_ASSIGN_OR_RETURN(FileWalker walker, FileWalker::create(walk_options));
  unsigned threads = pipeline_options.threads;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());

  // Build every scanner before starting threads, so a failure leaves nothing running.
  std::vector<FileScanner> scanners;
  scanners.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) {
    JAMUL_ASSIGN_OR_RETURN(FileScanner scanner, FileScanner::create(scan_options, hasher));
    scanners.push_back(std::move(scanner));
  }

  Shared shared;
  const std::size_t max_in_flight = std::max<std::size_t>(pipeline_options.max_in_flight, 1);
  PipelineWalkVisitor visitor(shared, oracle, max_in_flight, cancel);
  std::vector<std::thread> workers;
  workers.reserve(threads);
  for (unsigned i = 0; i < threads; ++i)
    workers.emplace_back(workerLoop, std::ref(shared), std::ref(scanners[i]));
  std::thread walk_thread([&] {
    walker.walk(roots, visitor);
    std::lock_guard lock(shared.mutex);
    shared.walk_done = true;
    shared.progress.walk_done = true;
    shared.job_ready.notify_all();
    shared.result_ready.notify_one();
  });

  // The caller's thread hands reports to the sink strictly in walk order.
  std::uint64_t next = 0;
  auto last_progress = Clock::now();
  for (;;) {
    std::optional<FileReport> report;
    ScanProgress progress;
    bool report_progress = false;
    {
      std::unique_lock lock(shared.mutex);
      shared.awaited = next;
      shared.result_ready.wait_for(lock, kProgressInterval, [&] {
        return shared.results.contains(next) || (shared.walk_done && next == shared.issued);
      });
      if (auto it = shared.results.find(next); it != shared.results.end()) {
        report = std::move(it->second);
        shared.results.erase(it);
        ++next;
        --shared.in_flight;
        ++shared.progress.files_done;
        shared.progress.bytes_done += report->entry.size;
        if (!report->from_cache && report->status != FileStatus::kTooLarge)
          shared.progress.bytes_read += report->entry.size;
        shared.slot_free.notify_one();
      } else if (shared.walk_done && next == shared.issued) {
        break;
      }
      if (Clock::now() - last_progress >= kProgressInterval) {
        progress = shared.progress;
        report_progress = true;
        last_progress = Clock::now();
      }
    }
    if (report) sink.onReport(std::move(*report));
    if (report_progress) sink.onProgress(progress);
  }
  walk_thread.join();
  for (std::thread& t : workers) t.join();
  sink.onProgress(shared.progress);
  if (cancel != nullptr && cancel->load()) return Error(ErrorCode::kCancelled, "scan cancelled");
  return okStatus();
}

}  // namespace jamul::scanner
