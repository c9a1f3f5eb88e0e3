// SPDX-License-Identifier: Apache-2.0
// `jamul scan`: walks the given folders, scans every file on a worker pool, records the results in
// the local inventory (incremental: unchanged files are not read again) and prints a table or JSON
// Lines. Exit status: 0 nothing found, 1 personal data found, 2 some file could not be read or the
// scan failed, 130 interrupted.

#include <unistd.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/progress_line.h"
#include "cli/scan_output.h"
#include "jamul/agent/data_dirs.h"
#include "jamul/agent/inventory.h"
#include "jamul/agent/parse_journal.h"
#include "jamul/crypto/keyed_hasher.h"
#include "jamul/scanner/scan_pipeline.h"

namespace jamul::cli {
namespace {

using scanner::Confidence;
using scanner::FileReport;

constexpr OptionSpec kOptions[] = {
    {"json", "", "print JSON Lines (one object per file, then a summary) instead of a table"},
    {"db", "FILE", "inventory database (default: $XDG_DATA_HOME/jamul/inventory.db)"},
    {"min-confidence", "LEVEL", "report findings at LEVEL or above: low, medium (default), high"},
    {"exclude", "GLOB", "skip files and folders matching GLOB (repeatable)"},
    {"include", "GLOB", "scan only files matching GLOB (repeatable)"},
    {"threads", "N", "scanning threads (default: one per CPU)"},
    {"max-size", "SIZE", "report larger files as too_large without reading them (default 4G)"},
    {"ocr", "", "read text in images and scanned PDFs with OCR (Korean + English; slow)"},
    {"one-file-system", "", "do not descend into other mounted file systems"},
    {"full", "", "read every file, even those unchanged since the last scan"},
    {"retry-quarantined", "",
     "read again the documents that stopped an earlier scan (quarantined)"},
    {"all", "", "list every file in the table, not only those with findings or problems"},
    {"no-progress", "", "no progress line on standard error"},
    {"help", "", "show this help"},
};

constexpr const char* kUsage =
    "Usage: jamul scan PATH... [options]\n\n"
    "Finds personal data (resident registration numbers, phone and card numbers, ...) in the files "
    "under each PATH and records the result in the local inventory. Values are never printed or "
    "stored: reports show masked excerpts such as 900101-1******.\n\n"
    "Exit status: 0 nothing found, 1 personal data found, 2 a file could not be read.\n\n";

std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int) { g_interrupted.store(true); }

// A root as the user wrote it and as the inventory keys it (absolute, normalised).
struct Root {
  std::string given;
  std::string absolute;
};

std::string withoutTrailingSlashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

Result<Root> resolveRoot(const std::string& given) {
  std::error_code ec;
  const std::filesystem::path abs = std::filesystem::absolute(given, ec);
  if (ec) return Error(ErrorCode::kInvalidArgument, "cannot resolve path: " + ec.message(), given);
  return Root{withoutTrailingSlashes(given),
              withoutTrailingSlashes(abs.lexically_normal().string())};
}

Result<std::uint64_t> parseSize(const std::string& text) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data())
    return Error(ErrorCode::kInvalidArgument, "--max-size: not a size: " + text);
  const std::string unit(end, text.data() + text.size());
  std::uint64_t scale = 1;
  if (unit == "K" || unit == "KiB" || unit == "k")
    scale = 1ull << 10;
  else if (unit == "M" || unit == "MiB")
    scale = 1ull << 20;
  else if (unit == "G" || unit == "GiB")
    scale = 1ull << 30;
  else if (unit == "T" || unit == "TiB")
    scale = 1ull << 40;
  else if (!unit.empty() && unit != "B")
    return Error(ErrorCode::kInvalidArgument, "--max-size: unknown unit " + unit + " (K, M, G, T)");
  return value * scale;
}

// Hands each report to the inventory and the printer, in walk order.
class CliSink final : public scanner::ScanSink {
 public:
  CliSink(agent::Inventory& inventory, std::int64_t scan_id, const std::vector<Root>& roots,
          ScanOutput& output, ScanTally& tally, ProgressLine* progress)
      : inventory_(inventory),
        scan_id_(scan_id),
        roots_(roots),
        output_(output),
        tally_(tally),
        progress_(progress) {}

  void onReport(FileReport report) override {
    if (report.from_cache) {
      if (const Status s = inventory_.fillFromCache(report); !s) {
        // The row vanished under us (another scan?): say so rather than report the file as clean.
        report.from_cache = false;
        report.status = scanner::FileStatus::kError;
        report.error_code = s.error().code();
        report.detail = "inventory: " + s.error().message();
      }
    }
    if (const Status s = inventory_.record(scan_id_, report); !s && !inventory_error_) {
      inventory_error_ = s.error();
    }
    tally_.add(report);
    if (progress_ != nullptr) progress_->clear();
    output_.file(report, displayPath(report.entry.path));
  }

  void onProgress(const scanner::ScanProgress& progress) override {
    if (progress_ != nullptr) progress_->update(progress);
  }

  const std::optional<Error>& inventoryError() const { return inventory_error_; }

 private:
  // The path as the user would write it: the root as given, then the part below it.
  // A view of `path` itself when the root was given as its absolute path (the usual case: no
  // copy per file), else of a buffer reused from call to call.
  std::string_view displayPath(const std::string& path) {
    for (const Root& root : roots_) {
      if (path == root.absolute) return root.given;
      const std::string_view dir = root.absolute == "/" ? std::string_view() : root.absolute;
      if (path.size() <= dir.size() || path[dir.size()] != '/' || !path.starts_with(dir)) continue;
      if (root.given == root.absolute) return path;
      display_.assign(root.given == "/" ? std::string_view() : std::string_view(root.given));
      display_.append(path, dir.size(), std::string::npos);
      return display_;
    }
    return path;
  }

  agent::Inventory& inventory_;
  std::int64_t scan_id_;
  const std::vector<Root>& roots_;
  ScanOutput& output_;
  ScanTally& tally_;
  ProgressLine* progress_;
  std::optional<Error> inventory_error_;
  std::string display_;  // see displayPath()
};

int fail(const Error& error) {
  std::fprintf(stderr, "jamul scan: %s\n", error.toString().c_str());
  return 2;
}

}  // namespace

int scanCommand(std::span<const std::string> args) {
  ArgParser parser(kOptions);
  if (const Status s = parser.parse(args); !s) {
    std::fprintf(stderr, "jamul scan: %s (see jamul scan --help)\n", s.error().message().c_str());
    return 2;
  }
  if (parser.has("help")) {
    std::printf("%sOptions:\n%s", kUsage, parser.optionsHelp().c_str());
    return 0;
  }
  if (parser.positional().empty()) {
    std::fprintf(stderr, "jamul scan: name at least one folder or file to scan (see --help)\n");
    return 2;
  }

  Confidence min_confidence = Confidence::kMedium;
  if (const auto level = parser.value("min-confidence")) {
    const auto parsed = scanner::confidenceFromName(*level);
    if (!parsed)
      return fail(Error(ErrorCode::kInvalidArgument,
                        "--min-confidence must be low, medium or high, not " + *level));
    min_confidence = *parsed;
  }
  scanner::PipelineOptions pipeline;
  if (const auto threads = parser.value("threads")) {
    char* end = nullptr;
    const long n = std::strtol(threads->c_str(), &end, 10);
    if (end == threads->c_str() || *end != '\0' || n < 1 || n > 256)
      return fail(Error(ErrorCode::kInvalidArgument, "--threads must be 1 to 256"));
    pipeline.threads = static_cast<unsigned>(n);
  }
  scanner::ScanOptions scan_options;
  if (const auto size = parser.value("max-size")) {
    auto parsed = parseSize(*size);
    if (!parsed) return fail(parsed.error());
    scan_options.max_file_size = *parsed;
  }
  scan_options.extract.ocr = parser.has("ocr");
  // Findings depend on whether images were read: a scan with OCR and one without keep apart in
  // the inventory's eyes, so switching --ocr on reads every file again once.
  const std::string ruleset =
      std::string(scanner::kRulesetVersion) + (scan_options.extract.ocr ? "+ocr" : "");
  scanner::WalkOptions walk_options;
  walk_options.exclude = parser.values("exclude");
  walk_options.include = parser.values("include");
  walk_options.one_file_system = parser.has("one-file-system");

  std::vector<Root> roots;
  std::vector<std::string> absolute_roots;
  for (const std::string& given : parser.positional()) {
    auto root = resolveRoot(given);
    if (!root) return fail(root.error());
    roots.push_back(std::move(*root));
  }
  // A root at or below another one (`jamul scan a.csv .`, or a folder named twice) would report
  // its files twice: it is dropped, the outer root covers it.
  const auto within = [](const std::string& path, const std::string& dir) {
    if (dir == "/") return true;
    return path.starts_with(dir) && (path.size() == dir.size() || path[dir.size()] == '/');
  };
  std::vector<Root> kept;
  for (std::size_t i = 0; i < roots.size(); ++i) {
    bool covered = false;
    for (std::size_t j = 0; j < roots.size() && !covered; ++j) {
      if (i == j) continue;
      const bool same = roots[i].absolute == roots[j].absolute;
      covered = same ? j < i : within(roots[i].absolute, roots[j].absolute);
    }
    if (!covered) kept.push_back(roots[i]);
  }
  roots = std::move(kept);
  for (const Root& root : roots) absolute_roots.push_back(root.absolute);

  std::string db_path;
  if (const auto db = parser.value("db")) {
    db_path = *db;
  } else {
    auto dir = agent::defaultDataDir();
    if (!dir) return fail(dir.error());
    db_path = *dir + "/inventory.db";
  }
  auto inventory = agent::Inventory::open(db_path);
  if (!inventory) return fail(inventory.error());
  // The key of the value digests lives beside its inventory, readable by the owner only.
  auto hasher = crypto::KeyedHasher::loadOrCreate(db_path + ".key");
  if (!hasher) return fail(hasher.error());

  // Poison documents (DESIGN.md §4): parses that never ended in an earlier process are recorded,
  // and the documents quarantined under this ruleset are skipped.
  std::vector<agent::UnfinishedParse> unfinished;
  auto journal = agent::ParseJournal::open(db_path, unfinished);
  if (!journal) return fail(journal.error());
  auto scan_id = inventory->beginScan(absolute_roots, ruleset);
  if (!scan_id) return fail(scan_id.error());
  // What the inventory knows under the roots loads (on connections of its own) while the rest is
  // set up and the walk starts (the walk holds what it finds until then): on an unchanged tree
  // loading and walking take about as long.
  const scanner::ChangeOracle* oracle = nullptr;
  std::future<Status> loaded;
  if (!parser.has("full")) {
    loaded = inventory->prepareIncrementalInBackground(absolute_roots, ruleset);
    oracle = &inventory->changeOracle();
  }
  if (const Status s = inventory->addQuarantined(unfinished, ruleset); !s) return fail(s.error());
  for (const agent::UnfinishedParse& p : unfinished)
    std::fprintf(stderr,
                 "jamul scan: %s stopped an earlier scan while its %s parser read it; it is "
                 "quarantined and skipped until it changes\n",
                 p.path.c_str(), p.format.c_str());
  if (parser.has("retry-quarantined")) {
    if (auto cleared = inventory->clearQuarantine(ruleset); !cleared) return fail(cleared.error());
  } else {
    auto digests = inventory->quarantined(ruleset);
    if (!digests) return fail(digests.error());
    (*journal)->setQuarantined(std::move(*digests));
  }
  scan_options.quarantine = journal->get();
  // A parser that ignores its time budget cannot be stopped from here: say which file, and stop
  // the scan; the journal keeps its start, so the next scan skips it.
  (*journal)->watchForHangs(
      2 * scan_options.extract.time_budget + std::chrono::seconds(30),
      [](const agent::UnfinishedParse& p, std::chrono::milliseconds elapsed) {
        std::fprintf(stderr,
                     "\njamul scan: %s has kept the %s parser busy for %lld s; it is quarantined "
                     "and will be skipped. Stopping here: run the scan again to continue.\n",
                     p.path.c_str(), p.format.c_str(),
                     static_cast<long long>(elapsed.count() / 1000));
        std::fflush(stderr);
        std::_Exit(2);
      });

  const bool json = parser.has("json");
  std::unique_ptr<ScanOutput> output =
      json ? makeJsonOutput(stdout, min_confidence)
           : makeTableOutput(stdout, min_confidence, parser.has("all"));
  std::optional<ProgressLine> progress;
  if (!parser.has("no-progress") && ::isatty(STDERR_FILENO) == 1) progress.emplace(stderr);
  ScanTally tally(min_confidence);
  CliSink sink(*inventory, *scan_id, roots, *output, tally, progress ? &*progress : nullptr);

  std::signal(SIGINT, onInterrupt);
  std::signal(SIGTERM, onInterrupt);
  const auto started = std::chrono::steady_clock::now();
  const Status run = scanner::runScan(absolute_roots, walk_options, scan_options, pipeline,
                                      hasher->asValueHasher(), oracle, sink, &g_interrupted);
  // The loader is done once the walk has used the oracle; after a failure to load, the scan read
  // every file (nothing was known to be unchanged) and is not recorded as complete.
  if (loaded.valid())
    if (const Status s = loaded.get(); !s) return fail(s.error());
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  if (progress) progress->clear();

  agent::ScanTotals totals;
  totals.files_seen = tally.files;
  totals.files_read = tally.files_read;
  totals.files_cached = tally.files_cached;
  totals.bytes_read = tally.bytes_read;
  totals.files_with_findings = tally.files_with_findings;
  totals.errors = tally.by_status[static_cast<std::size_t>(scanner::FileStatus::kError)];
  totals.completed = run.ok();
  const Status finished = inventory->finishScan(*scan_id, totals);
  output->summary(tally, elapsed);

  if (!run && run.error().code() == ErrorCode::kCancelled) {
    std::fprintf(stderr, "jamul scan: interrupted; the inventory keeps what was scanned so far\n");
    return 130;
  }
  if (!run) return fail(run.error());
  if (sink.inventoryError()) return fail(*sink.inventoryError());
  if (!finished) return fail(finished.error());
  return tally.exitCode();
}

}  // namespace jamul::cli
