// SPDX-License-Identifier: Apache-2.0
#include "jamul/agent/scan_job.h"

#include <cstdlib>
#include <filesystem>
#include <future>
#include <optional>
#include <utility>

#include "jamul/agent/data_dirs.h"
#include "jamul/crypto/keyed_hasher.h"

namespace jamul::agent {
namespace {

using scanner::FileReport;
using scanner::FileStatus;

// The inventory's own files (`inventory.db-wal`, `.key`, journals) when a root holds them: they
// are Jamul's, not the user's.
std::function<bool(std::string_view)> ownFiles(const std::string& inventory_path) {
  std::error_code ec;
  const std::string absolute =
      std::filesystem::absolute(inventory_path, ec).lexically_normal().string();
  if (ec) return {};
  const std::string::size_type slash = absolute.rfind('/');
  std::string folder = absolute.substr(0, slash + 1);
  std::string name = absolute.substr(slash + 1);
  return [folder = std::move(folder), name = std::move(name)](std::string_view path) {
    return path.starts_with(folder) &&
           path.find('/', folder.size()) == std::string_view::npos &&
           isInventoryFile(name, path.substr(folder.size()));
  };
}

// Records each report, counts the totals, and passes both on.
class RecordingSink final : public scanner::ScanSink {
 public:
  RecordingSink(Inventory& inventory, std::int64_t scan_id, scanner::Confidence count_from,
                ScanJobListener& listener)
      : inventory_(inventory), scan_id_(scan_id), count_from_(count_from), listener_(listener) {}

  void onReport(FileReport report) override {
    if (report.from_cache) {
      if (const Status s = inventory_.fillFromCache(report); !s) {
        // The row vanished under us: say so rather than call the file clean.
        report.from_cache = false;
        report.status = FileStatus::kError;
        report.error_code = s.error().code();
        report.detail = "inventory: " + s.error().message();
      }
    }
    if (const Status s = inventory_.record(scan_id_, report); !s && recording_)
      recording_ = s;
    count(report);
    listener_.onReport(report);
  }

  void onProgress(const scanner::ScanProgress& progress) override {
    // While the workers are busy with a large file no report arrives: the batch is committed here,
    // so that other processes' writes do not wait on it and a kill loses at most ~2 s of work.
    if (const Status s = inventory_.flushIfDue(); !s && recording_) recording_ = s;
    listener_.onProgress(progress);
  }

  const ScanTotals& totals() const { return totals_; }
  const Status& recording() const { return recording_; }

 private:
  void count(const FileReport& report) {
    if (report.status == FileStatus::kSkipped) return;  // a link or special file passed over
    ++totals_.files_seen;
    if (report.from_cache) {
      ++totals_.files_cached;
    } else if (report.bytes_read > 0 || report.status == FileStatus::kOk) {
      ++totals_.files_read;
      totals_.bytes_read += report.bytes_read;
    }
    if (report.total(count_from_) > 0) ++totals_.files_with_findings;
    if (report.status == FileStatus::kError) ++totals_.errors;
  }

  Inventory& inventory_;
  std::int64_t scan_id_;
  scanner::Confidence count_from_;
  ScanJobListener& listener_;
  ScanTotals totals_;
  Status recording_ = okStatus();
};

}  // namespace

Result<ScanJobOutcome> runScanJob(Inventory& inventory, const std::string& inventory_path,
                                  ScanJobOptions options, ScanJobListener& listener,
                                  const std::atomic<bool>* cancel) {
  // Findings depend on whether images were read: scans with and without OCR keep apart in the
  // inventory's eyes, so switching OCR on reads every file again once.
  const std::string ruleset =
      std::string(scanner::kRulesetVersion) + (options.scan.extract.ocr ? "+ocr" : "");
  options.walk.own_file = ownFiles(inventory_path);
  // The key of the value digests lives beside its inventory, readable by the owner only.
  JAMUL_ASSIGN_OR_RETURN(crypto::KeyedHasher hasher,
                         crypto::KeyedHasher::loadOrCreate(inventory_path + ".key"));
  // Poison documents (DESIGN.md §4): parses that never ended in an earlier process are recorded,
  // and the documents quarantined under this ruleset are skipped.
  std::vector<UnfinishedParse> unfinished;
  JAMUL_ASSIGN_OR_RETURN(std::unique_ptr<ParseJournal> journal,
                         ParseJournal::open(inventory_path, unfinished));
  JAMUL_ASSIGN_OR_RETURN(const std::int64_t scan_id,
                         inventory.beginScan(options.roots, ruleset, options.turn));
  // What the inventory knows under the roots loads (on connections of its own) while the rest is
  // set up and the walk starts; on an unchanged tree loading and walking take about as long.
  const scanner::ChangeOracle* oracle = nullptr;
  std::future<Status> loaded;
  if (!options.full) {
    loaded = inventory.prepareIncrementalInBackground(options.roots, ruleset);
    oracle = &inventory.changeOracle();
  }
  // From here on the scan's row exists: every way out goes through finishScan().
  const auto abandon = [&](const Error& error) -> Result<ScanJobOutcome> {
    if (loaded.valid()) (void)loaded.get();
    (void)inventory.finishScan(scan_id, ScanTotals{});
    return error;
  };
  if (options.full) {
    // Every file is read again, but what the inventory knows still says which rows hold findings
    // to replace and which files' findings came out the same (their findings are not rewritten),
    // so that a full rescan costs no more than a first scan. Loaded before the walk starts: the
    // sink asks it from the first report on. Should loading fail, every row is rewritten.
    (void)inventory.prepareIncremental(options.roots, ruleset);
  }
  if (const Status s = inventory.addQuarantined(unfinished, ruleset); !s) return abandon(s.error());
  for (const UnfinishedParse& p : unfinished) listener.onQuarantined(p);
  if (options.retry_quarantined) {
    if (auto cleared = inventory.clearQuarantine(ruleset); !cleared)
      return abandon(cleared.error());
  } else {
    auto digests = inventory.quarantined(ruleset);
    if (!digests) return abandon(digests.error());
    journal->setQuarantined(std::move(*digests));
  }
  options.scan.quarantine = journal.get();
  journal->watchForHangs(
      2 * options.scan.extract.time_budget + std::chrono::seconds(30),
      [&listener](const UnfinishedParse& p, std::chrono::milliseconds elapsed) {
        listener.onHang(p, elapsed);
        std::_Exit(2);
      });

  listener.onStarted(scan_id);
  RecordingSink sink(inventory, scan_id, options.count_from, listener);
  ScanJobOutcome outcome;
  outcome.scan_id = scan_id;
  outcome.run = scanner::runScan(options.roots, options.walk, options.scan, options.pipeline,
                                 hasher.asValueHasher(), oracle, sink, cancel);
  // The loader is done once the walk has used the oracle. After a failure to load, the scan read
  // every file (nothing was known to be unchanged) and is not recorded as complete.
  Status load = okStatus();
  if (loaded.valid()) load = loaded.get();
  outcome.totals = sink.totals();
  outcome.totals.completed = outcome.run.ok() && load.ok();
  outcome.recording = sink.recording();
  const Status finished = inventory.finishScan(scan_id, outcome.totals);
  if (!load) return load.error();
  if (!finished) return finished.error();
  return outcome;
}

}  // namespace jamul::agent
