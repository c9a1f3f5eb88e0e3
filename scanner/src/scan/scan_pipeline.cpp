// SPDX-License-Identifier: Apache-2.0
#include "jamul/scanner/scan_pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace jamul::scanner {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kProgressInterval = std::chrono::milliseconds(100);
constexpr std::uint64_t kCachedWakeBatch = 32;
constexpr std::size_t kSinkBatch = 256;  // reports handed to the sink per lock round trip
// A worker wakes the sink once this many reports were added since the last wake, or when it runs
// out of work: waking it for every file (it always waits for the next one) was half the thread
// switches of a one-thread scan.
constexpr std::uint64_t kResultWakeBatch = 16;

struct Job {
  std::uint64_t seq = 0;
  FileEntry entry;
};

// Finished reports waiting for their turn, by sequence number. The walker never has more than
// `capacity` files in flight (issued, not yet handed to the sink), so the reports waiting always
// have sequence numbers in [next, next + capacity): a ring of that many slots holds them without
// the allocation and tree balancing per file of an ordered map.
//
// A slot may hold a file abandoned by a cancellation instead of a report: its turn passes without
// anything reaching the sink.
class ReorderRing {
 public:
  explicit ReorderRing(std::size_t capacity) : slots_(capacity) {}
  // REQUIRES: fewer than `capacity` reports in flight, `seq` not put yet.
  void put(std::uint64_t seq, FileReport report) { slot(seq).emplace(std::move(report)); }
  void putAbandoned(std::uint64_t seq) {
    slot(seq).emplace();
    abandoned_[seq % slots_.size()] = true;
  }
  // REQUIRES: seq is the next report the sink waits for (or later, within the window).
  bool has(std::uint64_t seq) const { return slots_[seq % slots_.size()].has_value(); }
  // REQUIRES: has(seq). Null for an abandoned file.
  std::optional<FileReport> take(std::uint64_t seq) {
    std::optional<FileReport>& s = slot(seq);
    std::optional<FileReport> report;
    if (!abandoned_[seq % slots_.size()]) report = std::move(*s);
    abandoned_[seq % slots_.size()] = false;
    s.reset();
    return report;
  }

 private:
  std::optional<FileReport>& slot(std::uint64_t seq) { return slots_[seq % slots_.size()]; }
  std::vector<std::optional<FileReport>> slots_;
  std::vector<bool> abandoned_ = std::vector<bool>(slots_.size());
};

// State shared by the walker, the workers and the sink thread; guarded by `mutex`.
struct Shared {
  explicit Shared(std::size_t max_in_flight) : results(max_in_flight) {}
  std::mutex mutex;
  std::condition_variable job_ready;     // workers wait for jobs (or the end of the walk)
  std::condition_variable result_ready;  // the sink thread waits for the next report in order
  std::condition_variable slot_free;     // the walker waits while too many files are in flight
  std::deque<Job> jobs;
  ReorderRing results;          // finished reports not yet handed on
  std::uint64_t issued = 0;     // sequence numbers handed out by the walker
  std::uint64_t in_flight = 0;  // issued but not yet handed to the sink
  std::uint64_t awaited = 0;    // the report the sink waits for
  bool walk_done = false;
  bool walker_waiting = false;             // the walker sleeps on slot_free ...
  std::uint64_t walker_resumes_below = 0;  // ... until in_flight is below this
  std::uint64_t cached_since_wake = 0;     // cached reports queued since the sink was woken
  std::uint64_t read_since_wake = 0;       // reports of read files added since a worker woke it
  ScanProgress progress;
  std::optional<Error> scanner_failure;  // a worker could not build its FileScanner
  std::atomic<bool> stop_walk{false};    // set with scanner_failure
};

// Walk events kept in order, to be handed on later: what the walker finds while the oracle loads,
// and what the second walker of a split walk finds.
class WalkRecording final : public WalkVisitor {
 public:
  // `polled`: the visitor whose cancelled() a walk into this recording obeys (none: never).
  explicit WalkRecording(const WalkVisitor* polled = nullptr) : polled_(polled) {}
  void onFile(FileEntry entry) override { events_.push_back({std::move(entry), std::nullopt, {}}); }
  void onError(Error error) override { events_.push_back({FileEntry{}, std::move(error), {}}); }
  void onSkipped(std::string path, std::string_view what) override {
    FileEntry entry;
    entry.path = std::move(path);
    events_.push_back({std::move(entry), std::nullopt, what});
  }
  bool cancelled() const override { return polled_ != nullptr && polled_->cancelled(); }
  std::size_t size() const { return events_.size(); }
  // Hands what was recorded to `visitor`, in order, and forgets it; stops early once the visitor
  // is cancelled, as a walk would.
  void replay(WalkVisitor& visitor) {
    std::vector<Event> events = std::move(events_);
    events_ = {};
    for (Event& e : events) {
      if (visitor.cancelled()) return;
      if (e.error)
        visitor.onError(std::move(*e.error));
      else if (!e.skipped.empty())
        visitor.onSkipped(std::move(e.entry.path), e.skipped);
      else
        visitor.onFile(std::move(e.entry));
    }
  }

 private:
  struct Event {
    FileEntry entry;
    std::optional<Error> error;
    std::string_view skipped;  // onSkipped()'s `what` (static text), else empty
  };
  const WalkVisitor* polled_;
  std::vector<Event> events_;
};

class PipelineWalkVisitor final : public WalkVisitor {
 public:
  PipelineWalkVisitor(Shared& shared, const ChangeOracle* oracle, std::size_t max_in_flight,
                      const std::atomic<bool>* cancel, ScanPacer* pacer)
      : shared_(shared),
        oracle_(oracle),
        max_in_flight_(max_in_flight),
        cancel_(cancel),
        pacer_(pacer) {}

  void onFile(FileEntry entry) override {
    // Listing costs CPU too (a stat per file): the pacer holds the walker to the budget as well.
    if (pacer_ != nullptr && ++since_paced_ >= kPaceEvery) {
      since_paced_ = 0;
      pacer_->pace(0);
    }
    if (stillLoading()) {
      held_.onFile(std::move(entry));
      return;
    }
    classify(std::move(entry));
  }

  void onError(Error error) override {
    if (stillLoading()) {
      held_.onError(std::move(error));
      return;
    }
    FileReport report;
    report.entry.path = error.subject();
    report.status = FileStatus::kError;
    report.error_code = error.code();
    report.detail = error.message();
    reportUnread(std::move(report));
  }

  void onSkipped(std::string path, std::string_view what) override {
    if (stillLoading()) {
      held_.onSkipped(std::move(path), what);
      return;
    }
    FileReport report;
    report.entry.path = std::move(path);
    report.status = FileStatus::kSkipped;
    report.detail = what;
    reportUnread(std::move(report));
  }

  // At the end of the walk: waits for the oracle and hands on what was held for it, and the last
  // batch of unchanged files.
  void finish() {
    if (loading_) {
      oracle_->waitUntilReady();
      releaseHeld();
    }
    flushCached();
  }

  bool cancelled() const override {
    return shared_.stop_walk.load(std::memory_order_relaxed) ||
           (cancel_ != nullptr && cancel_->load());
  }

 private:
  // Beyond this many held events the walker waits for the oracle (memory stays bounded on huge
  // trees; loading is then the slower side anyway).
  static constexpr std::size_t kMaxHeld = 1 << 16;
  static constexpr unsigned kPaceEvery = 32;  // files listed per ScanPacer::pace() call

  // True while the oracle is loading and the next event is to be held. Once the oracle is ready
  // (or too much is held, after waiting for it), first releases what was held, in walk order.
  bool stillLoading() {
    if (!loading_) return false;
    if (!oracle_->ready()) {
      if (held_.size() < kMaxHeld) return true;
      oracle_->waitUntilReady();
    }
    releaseHeld();
    return false;
  }

  // Back through onFile()/onError(), which classify and report once loading_ is false.
  void releaseHeld() {
    loading_ = false;
    held_.replay(*this);
  }

  void classify(FileEntry entry) {
    // Asked here, on the walker thread, so an unchanged file costs no worker time at all.
    const std::optional<std::uint32_t> handle =
        oracle_ != nullptr ? oracle_->unchanged(entry) : std::nullopt;
    if (handle) {
      FileReport& report = cached_.emplace_back();
      report.entry = std::move(entry);
      report.from_cache = true;
      report.cache_handle = *handle;
      if (cached_.size() >= cachedBatch()) flushCached();
      return;
    }
    flushCached();  // first, so that sequence numbers follow the walk
    std::unique_lock lock(shared_.mutex);
    waitForSlots(lock, 1);
    const std::uint64_t seq = shared_.issued++;
    ++shared_.in_flight;
    ++shared_.progress.files_found;
    shared_.progress.bytes_found += entry.size;
    shared_.jobs.push_back({seq, std::move(entry)});
    shared_.job_ready.notify_one();
  }

  // Unchanged files are handed to the sink in batches, one lock round trip per batch: a rescan of
  // an unchanged tree otherwise takes the lock (and contends with the sink) once per file. The
  // batch is at most a quarter of the window, so that waitForSlots() can always make room for it.
  std::size_t cachedBatch() const {
    return std::max<std::size_t>(1, std::min<std::size_t>(kCachedWakeBatch, max_in_flight_ / 4));
  }

  void flushCached() {
    if (cached_.empty()) return;
    std::unique_lock lock(shared_.mutex);
    waitForSlots(lock, cached_.size());
    std::uint64_t last = 0;
    for (FileReport& report : cached_) {
      last = shared_.issued++;
      ++shared_.in_flight;
      ++shared_.progress.files_found;
      shared_.progress.bytes_found += report.entry.size;
      shared_.results.put(last, std::move(report));
    }
    // Wake the sink only once a batch of cached reports is ready for it: a rescan of an unchanged
    // tree otherwise costs two thread switches per file. (The end of the walk wakes it too, and it
    // never sleeps longer than kProgressInterval.)
    shared_.cached_since_wake += cached_.size();
    if (shared_.cached_since_wake >= kCachedWakeBatch && last >= shared_.awaited) {
      shared_.cached_since_wake = 0;
      shared_.result_ready.notify_one();
    }
    cached_.clear();
  }

  // A report of an entry that no worker reads (a walk error, a skipped link), in walk order.
  void reportUnread(FileReport report) {
    flushCached();
    std::unique_lock lock(shared_.mutex);
    waitForSlots(lock, 1);
    const std::uint64_t seq = shared_.issued++;
    ++shared_.in_flight;
    shared_.results.put(seq, std::move(report));
    if (seq == shared_.awaited) shared_.result_ready.notify_one();
  }

  // Waits until `n` more files fit in the window. When it is full, waits until a quarter of it is
  // free again: resuming at the first free slot would switch threads once per file (the sink
  // frees slots one report at a time). REQUIRES: n <= max(1, max_in_flight_ / 4).
  void waitForSlots(std::unique_lock<std::mutex>& lock, std::size_t n) {
    if (shared_.in_flight + n <= max_in_flight_) return;
    shared_.walker_resumes_below = std::max<std::size_t>(max_in_flight_ - max_in_flight_ / 4, 1);
    shared_.walker_waiting = true;
    shared_.slot_free.wait(lock, [&] { return shared_.in_flight < shared_.walker_resumes_below; });
    shared_.walker_waiting = false;
  }

  Shared& shared_;
  const ChangeOracle* oracle_;
  std::size_t max_in_flight_;
  const std::atomic<bool>* cancel_;
  ScanPacer* pacer_;
  unsigned since_paced_ = 0;
  bool loading_ = oracle_ != nullptr;  // until the oracle is seen ready (walker thread only)
  WalkRecording held_;                 // walk events kept while the oracle loads
  std::vector<FileReport> cached_;     // unchanged files not yet handed on (walker thread only)
};

// Walks one directory root on two threads, in walk() order for `visitor` (which only this thread
// calls). The root's top-level entries are cut into at most kPieces runs of consecutive names
// (each costs a listing of the root); this thread takes runs from the front, a second thread from
// the back, until they meet, so the halves balance whatever the subtrees weigh. What the second
// thread walks is recorded and handed on, in order, at the end; it stops taking runs once
// kMaxRecorded events wait (this thread then walks the rest).
void walkOnTwoThreads(const FileWalker& walker, const std::string& root,
                      const std::vector<std::string>& names, PipelineWalkVisitor& visitor) {
  constexpr std::size_t kPieces = 64;
  constexpr std::size_t kMaxRecorded = 1 << 16;
  const std::size_t per_piece = (names.size() + kPieces - 1) / kPieces;
  const std::size_t pieces = (names.size() + per_piece - 1) / per_piece;
  const auto walkPiece = [&](std::size_t i, WalkVisitor& into) {
    const std::size_t first = i * per_piece;
    const std::size_t last = std::min(names.size(), first + per_piece) - 1;
    walker.walkTopLevelRange(root, names[first], names[last], into);
  };
  std::mutex mutex;
  std::size_t front = 0, back = pieces;  // pieces [front, back) are not taken yet
  std::vector<std::unique_ptr<WalkRecording>> recorded(pieces);
  std::thread second([&] {
    std::size_t events = 0;
    while (events < kMaxRecorded && !visitor.cancelled()) {
      std::size_t i;
      {
        std::lock_guard lock(mutex);
        if (front == back) return;
        i = --back;
      }
      recorded[i] = std::make_unique<WalkRecording>(&visitor);
      walkPiece(i, *recorded[i]);
      events += recorded[i]->size();
    }
  });
  for (;;) {
    std::size_t i;
    {
      std::lock_guard lock(mutex);
      if (front == back) break;
      i = front++;
    }
    walkPiece(i, visitor);
    if (visitor.cancelled()) break;
  }
  second.join();
  // After a cancellation nothing more is handed on (the walk stopped).
  if (visitor.cancelled()) return;
  // The second thread's pieces come last in walk order, in ascending order.
  for (std::unique_ptr<WalkRecording>& r : recorded)
    if (r) r->replay(visitor);
}

// A worker builds its FileScanner (compiling the detector's regular expressions takes tens of
// milliseconds) when its first file arrives, on its own thread: an unchanged rescan, which reads no
// file, compiles nothing, and a first scan compiles while the walk is already under way. Should
// that fail (it cannot with the built-in rules; options could make it), the walk stops, every
// file handed out gets an error report naming the failure, and runScan() returns it.
//
// After a cancellation, a file not yet started is abandoned, and so is one whose scan the
// cancellation cut short (ExtractLimits::stop): its report would say less than the file holds.
void workerLoop(Shared& shared, const ScanOptions& options, const ValueHasher& hasher,
                const std::atomic<bool>* cancel) {
  const auto cancelled = [cancel] { return cancel != nullptr && cancel->load(); };
  std::optional<FileScanner> scanner;
  for (;;) {
    Job job;
    {
      std::unique_lock lock(shared.mutex);
      shared.job_ready.wait(lock, [&] { return !shared.jobs.empty() || shared.walk_done; });
      if (shared.jobs.empty()) return;  // walk done and nothing left
      job = std::move(shared.jobs.front());
      shared.jobs.pop_front();
    }
    if (options.pacer != nullptr && !cancelled()) options.pacer->pace(0);
    if (cancelled()) {
      std::lock_guard lock(shared.mutex);
      shared.results.putAbandoned(job.seq);
      if (shared.results.has(shared.awaited)) shared.result_ready.notify_one();
      continue;
    }
    std::optional<Error> failure;
    if (!scanner) {
      auto created = FileScanner::create(options, hasher);
      if (created)
        scanner.emplace(std::move(*created));
      else
        failure = created.error();
    }
    FileReport report;
    if (scanner) {
      report = scanner->scan(job.entry);
    } else {
      report.entry = std::move(job.entry);
      report.status = FileStatus::kError;
      report.error_code = ErrorCode::kInternal;
      report.detail = "the scanner could not start: " +
                      (failure ? failure->message() : std::string("see the first error"));
    }
    std::lock_guard lock(shared.mutex);
    if (failure && !shared.scanner_failure) {
      shared.scanner_failure = failure;
      shared.stop_walk.store(true, std::memory_order_relaxed);
    }
    if (cancelled())
      shared.results.putAbandoned(job.seq);
    else
      shared.results.put(job.seq, std::move(report));
    // The sink waits for report `awaited`; it has a batch to take once that one is there.
    const bool batch_full = ++shared.read_since_wake >= kResultWakeBatch;
    if ((batch_full || shared.jobs.empty() || shared.walk_done) &&
        shared.results.has(shared.awaited)) {
      shared.read_since_wake = 0;
      shared.result_ready.notify_one();
    }
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

  const std::size_t max_in_flight = std::max<std::size_t>(pipeline_options.max_in_flight, 1);
  // A cancellation also ends the reading and extraction of the files in hand.
  ScanOptions options = scan_options;
  if (options.extract.stop == nullptr) options.extract.stop = cancel;
  Shared shared(max_in_flight);
  PipelineWalkVisitor visitor(shared, oracle, max_in_flight, cancel, options.pacer);
  std::vector<std::thread> workers;
  workers.reserve(threads);
  for (unsigned i = 0; i < threads; ++i)
    workers.emplace_back(workerLoop, std::ref(shared), std::cref(options), std::cref(hasher),
                         cancel);
  std::thread walk_thread([&] {
    // One directory root (the usual `jamul scan FOLDER`, and an agent's folders one at a time) is
    // walked by two threads when there are two CPUs: an unchanged rescan is bound by the walk's
    // system calls (a stat per file), and sharing them halves the walk.
    std::optional<std::vector<std::string>> names;
    if (pipeline_options.split_walk && roots.size() == 1 &&
        std::thread::hardware_concurrency() >= 2)
      names = walker.topLevelNames(roots[0]);
    if (names && names->size() >= 2)
      walkOnTwoThreads(walker, roots[0], *names, visitor);
    else
      walker.walk(roots, visitor);
    visitor.finish();
    std::lock_guard lock(shared.mutex);
    shared.walk_done = true;
    shared.progress.walk_done = true;
    shared.job_ready.notify_all();
    shared.result_ready.notify_one();
  });

  // The caller's thread hands reports to the sink strictly in walk order. It takes every report
  // that is ready in order under one lock and hands them on outside it: on an unchanged tree the
  // walker produces thousands of cached reports a second, and one lock round trip (and possibly a
  // thread switch) per report showed up as a third of a rescan's time.
  std::uint64_t next = 0;
  auto last_progress = Clock::now();
  std::vector<FileReport> batch;
  bool finished = false;
  while (!finished) {
    ScanProgress progress;
    bool report_progress = false;
    batch.clear();
    {
      std::unique_lock lock(shared.mutex);
      shared.awaited = next;
      shared.result_ready.wait_for(lock, kProgressInterval, [&] {
        return shared.results.has(next) || (shared.walk_done && next == shared.issued);
      });
      bool freed = false;
      while (batch.size() < kSinkBatch && shared.results.has(next)) {
        std::optional<FileReport> taken = shared.results.take(next);
        ++next;
        --shared.in_flight;
        freed = true;
        if (!taken) continue;  // abandoned by a cancellation
        FileReport& report = batch.emplace_back(std::move(*taken));
        ++shared.progress.files_done;
        shared.progress.bytes_done += report.entry.size;
        shared.progress.bytes_read += report.bytes_read;
      }
      // Only once the walker would resume: a wake-up it would answer by sleeping again is a
      // thread switch per batch for nothing. Slots freed by abandoned files count too: after a
      // cancellation a whole batch may be abandoned, and a walker left waiting for room would
      // never end the walk (the scan hung).
      if (freed && shared.walker_waiting && shared.in_flight < shared.walker_resumes_below)
        shared.slot_free.notify_one();
      finished = batch.empty() && shared.walk_done && next == shared.issued;
      if (Clock::now() - last_progress >= kProgressInterval) {
        progress = shared.progress;
        report_progress = true;
        last_progress = Clock::now();
      }
    }
    for (FileReport& report : batch) sink.onReport(std::move(report));
    if (report_progress) sink.onProgress(progress);
  }
  walk_thread.join();
  for (std::thread& t : workers) t.join();
  sink.onProgress(shared.progress);
  if (shared.scanner_failure) return *shared.scanner_failure;
  if (cancel != nullptr && cancel->load()) return Error(ErrorCode::kCancelled, "scan cancelled");
  return okStatus();
}

}  // namespace jamul::scanner
