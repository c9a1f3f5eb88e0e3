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
#include "cli/messages.h"
#include "cli/progress_line.h"
#include "cli/protection.h"
#include "cli/scan_output.h"
#include "jamul/agent/data_dirs.h"
#include "jamul/agent/inventory.h"
#include "jamul/agent/root_set.h"
#include "jamul/agent/scan_job.h"
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
    {"all", "",
     "list every file, not only those with findings or problems (and the links and special "
     "files passed over)"},
    {"no-progress", "", "no progress line on standard error"},
    {"help", "", "show this help"},
};

constexpr const char* kUsage =
    "Usage: jamul scan PATH... [options]\n\n"
    "Finds personal data (resident registration numbers, phone and card numbers, ...) in the files "
    "under each PATH and records the result in the local inventory. Values are never printed or "
    "stored: reports show masked excerpts such as 900101-1******.\n\n"
    "Exit status: 0 nothing found, 1 personal data found, 2 a file could not be read.\n\n";

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
  std::filesystem::path abs = std::filesystem::absolute(given, ec);
  if (ec) return Error(ErrorCode::kInvalidArgument, "cannot resolve path: " + ec.message(), given);
  // A link named on the command line is followed, to a file as to a folder (as `find -H` does):
  // what it names is scanned and recorded under its own path, which is what `encrypt` can act on
  // (it refuses links), while the table shows the name as typed. Links inside folders are never
  // followed.
  if (std::filesystem::is_symlink(std::filesystem::symlink_status(abs, ec))) {
    const std::filesystem::path target = std::filesystem::canonical(abs, ec);
    if (!ec) abs = target;
  }
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
  // 16777216T is 2^64 bytes: it would wrap to 0 and call every file too large.
  if (value > UINT64_MAX / scale)
    return Error(ErrorCode::kInvalidArgument, "--max-size: too large: " + text);
  if (value == 0)
    return Error(ErrorCode::kInvalidArgument,
                 "--max-size: must be at least 1 byte (0 would skip every file)");
  return value * scale;
}

// Hands each recorded report to the printer, in walk order.
class CliListener final : public agent::ScanJobListener {
 public:
  CliListener(const std::vector<Root>& roots, const agent::RootSet& root_set, ScanOutput& output,
              ScanTally& tally, ProgressLine* progress)
      : roots_(roots), root_set_(root_set), output_(output), tally_(tally), progress_(progress) {}

  void onQuarantined(const agent::UnfinishedParse& p) override {
    say("scan", p.path + " stopped an earlier scan while its " + p.format +
                    " parser read it; it is quarantined and skipped until it changes");
  }

  void onReport(const FileReport& report) override {
    tally_.add(report);
    if (progress_ != nullptr) progress_->clear();
    output_.file(report, displayPath(report.entry.path));
  }

  void onProgress(const scanner::ScanProgress& progress) override {
    if (progress_ != nullptr) progress_->update(progress);
  }

  // A parser that ignores its time budget cannot be stopped from here: say which file; the process
  // then ends, and the journal keeps the parse's start, so the next scan skips it.
  void onHang(const agent::UnfinishedParse& p, std::chrono::milliseconds elapsed) override {
    std::fputc('\n', stderr);
    say("scan", p.path + " has kept the " + p.format + " parser busy for " +
                    std::to_string(elapsed.count() / 1000) +
                    " s; it is quarantined and will be skipped. Stopping here: run the scan "
                    "again to continue.");
    std::fflush(stderr);
  }

 private:
  // The path as the user would write it: the root as given, then the part below it.
  // A view of `path` itself when the root was given as its absolute path (the usual case: no
  // copy per file), else of a buffer reused from call to call.
  std::string_view displayPath(const std::string& path) {
    const std::optional<std::size_t> at = root_set_.rootOf(path);
    if (!at) return path;
    const Root& root = roots_[*at];
    if (path == root.absolute) return root.given;
    if (root.given == root.absolute) return path;
    const std::string_view dir = root.absolute == "/" ? std::string_view() : root.absolute;
    display_.assign(root.given == "/" ? std::string_view() : std::string_view(root.given));
    display_.append(path, dir.size(), std::string::npos);
    return display_;
  }

  const std::vector<Root>& roots_;
  const agent::RootSet& root_set_;  // of roots_' absolute paths, in the same order
  ScanOutput& output_;
  ScanTally& tally_;
  ProgressLine* progress_;
  std::string display_;  // see displayPath()
};

int fail(const Error& error) { return cli::fail("scan", error); }

}  // namespace

int scanCommand(std::span<const std::string> args) {
  ArgParser parser(kOptions);
  if (const Status s = parser.parse(args); !s) {
    say("scan", s.error().message() + " (see jamul scan --help)");
    return 2;
  }
  if (parser.has("help")) {
    std::printf("%sOptions:\n%s", kUsage, parser.optionsHelp().c_str());
    return 0;
  }
  if (parser.positional().empty()) {
    say("scan", "name at least one folder or file to scan (see --help)");
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
  agent::ScanJobOptions job;
  scanner::PipelineOptions& pipeline = job.pipeline;
  if (const auto threads = parser.value("threads")) {
    char* end = nullptr;
    const long n = std::strtol(threads->c_str(), &end, 10);
    if (end == threads->c_str() || *end != '\0' || n < 1 || n > 256)
      return fail(Error(ErrorCode::kInvalidArgument, "--threads must be 1 to 256"));
    pipeline.threads = static_cast<unsigned>(n);
  }
  scanner::ScanOptions& scan_options = job.scan;
  if (const auto size = parser.value("max-size")) {
    auto parsed = parseSize(*size);
    if (!parsed) return fail(parsed.error());
    scan_options.max_file_size = *parsed;
  }
  scan_options.extract.ocr = parser.has("ocr");
  scanner::WalkOptions& walk_options = job.walk;
  walk_options.exclude = parser.values("exclude");
  walk_options.include = parser.values("include");
  walk_options.one_file_system = parser.has("one-file-system");
  // The table lists everything with --all, links and special files passed over included.
  walk_options.report_skipped = parser.has("all");
  job.full = parser.has("full");
  job.retry_quarantined = parser.has("retry-quarantined");
  job.count_from = min_confidence;

  std::vector<Root> roots;
  std::vector<std::string> absolute_roots;
  for (const std::string& given : parser.positional()) {
    auto root = resolveRoot(given);
    if (!root) return fail(root.error());
    roots.push_back(std::move(*root));
  }
  // A root at or below another one (`jamul scan a.csv .`, or a folder named twice) would report
  // its files twice: it is dropped, the outer root covers it. (By lookups per level of each path,
  // not per pair of roots: `jamul scan dir/*` may name 20,000 files.)
  std::vector<std::string> given_absolute;
  for (const Root& root : roots) given_absolute.push_back(root.absolute);
  const agent::RootSet all_roots(given_absolute);
  std::vector<Root> kept;
  for (std::size_t i = 0; i < roots.size(); ++i)
    if (all_roots.rootOf(roots[i].absolute) == i && !all_roots.rootAbove(roots[i].absolute))
      kept.push_back(roots[i]);
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
  // A decryption that a kill interrupted left its plaintext so far in a temporary file: it goes
  // before the walk, rather than be reported as a user's file.
  (void)recoverIfIdle("scan", db_path, *inventory);
  catchInterrupts();
  job.turn.cancel = &interrupted();
  job.turn.waiting = [] { say("scan", "waiting for another scan of this inventory to finish..."); };
  job.roots = absolute_roots;

  const bool json = parser.has("json");
  std::unique_ptr<ScanOutput> output =
      json ? makeJsonOutput(stdout, min_confidence)
           : makeTableOutput(stdout, min_confidence, parser.has("all"));
  std::optional<ProgressLine> progress;
  if (!parser.has("no-progress") && ::isatty(STDERR_FILENO) == 1) progress.emplace(stderr);
  ScanTally tally(min_confidence);
  const agent::RootSet root_set(absolute_roots);
  CliListener listener(roots, root_set, *output, tally, progress ? &*progress : nullptr);

  const auto started = std::chrono::steady_clock::now();
  auto outcome =
      agent::runScanJob(*inventory, db_path, std::move(job), listener, &interrupted());
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  if (progress) progress->clear();
  if (!outcome && outcome.error().code() == ErrorCode::kCancelled) return kInterruptedExit;
  if (!outcome) return fail(outcome.error());
  output->summary(tally, elapsed);

  const Status& run = outcome->run;
  if (!run && run.error().code() == ErrorCode::kCancelled) {
    say("scan", "interrupted; the inventory keeps what was scanned so far");
    return kInterruptedExit;
  }
  if (!run) return fail(run.error());
  if (!outcome->recording) return fail(outcome->recording.error());
  return tally.exitCode();
}

}  // namespace jamul::cli
