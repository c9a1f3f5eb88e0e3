// SPDX-License-Identifier: Apache-2.0
#pragma once

// ParseJournal: the agent's scanner::ParserQuarantine. It notes each document parse in a small
// journal file beside the inventory before the parser runs, and again when it returns; a document
// whose start has no end when the process is gone crashed, hung or exhausted the memory of its
// parser (a kill by the kernel's OOM killer leaves the same trace as a segfault). The next start
// harvests such entries; the caller records them in the inventory (Inventory::addQuarantined) and
// hands the quarantined digests back with setQuarantined(), so those documents are skipped.
//
// Files: `<base>.parsing.<pid>`, one per process, mode 0600, held under an exclusive flock while
// the process lives; a journal whose lock can be taken belongs to a dead process and is harvested
// and deleted. Lines: "B <digest hex> <format> <path base64>" and "E <digest hex>". Writes are not
// fsynced: a crash of the process keeps them (the page cache survives it); a power cut may lose
// the last ones, and a power cut is not a parser's fault anyway. The journal holds paths and keyed
// digests only, like the inventory. It is emptied whenever no parse is in flight and it has grown
// past 1 MiB, and deleted on a clean exit.
//
// Hangs: watchForHangs() starts a thread that calls `on_hang` once, for the first parse that has
// run longer than `limit`. A hung parser cannot be stopped from inside the process; the CLI
// reports it and exits, leaving the start without an end so the next scan skips the document.
//
// Thread-safety: parsing(), parsed() and quarantined() may be called from any thread.

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/common/result.h"
#include "jamul/common/value_digest.h"
#include "jamul/scanner/parser_quarantine.h"

namespace jamul::agent {

// A document parse that began but never ended.
struct UnfinishedParse {
  ValueDigest content{};
  std::string path;
  std::string format;  // "pdf", "hwp", ...
};

class ParseJournal final : public scanner::ParserQuarantine {
 public:
  // Harvests the journals of dead processes at `base` (usually the inventory's path) into
  // `unfinished`, deletes them, and starts this process's journal. Fails with kIo,
  // kPermissionDenied (the folder is not writable).
  static Result<std::unique_ptr<ParseJournal>> open(const std::string& base,
                                                    std::vector<UnfinishedParse>& unfinished);
  ~ParseJournal() override;
  ParseJournal(const ParseJournal&) = delete;
  ParseJournal& operator=(const ParseJournal&) = delete;

  // The documents to skip. REQUIRES: before the scan starts (not thread-safe against quarantined()).
  void setQuarantined(std::vector<ValueDigest> digests);

  // Calls `on_hang` (from a watchdog thread, at most once) with the first parse that has been in
  // flight longer than `limit`. Checks about ten times per `limit`, at most once a second.
  void watchForHangs(std::chrono::milliseconds limit,
                     std::function<void(const UnfinishedParse& parse,
                                        std::chrono::milliseconds elapsed)> on_hang);

  bool quarantined(const ValueDigest& content) const override;
  void parsing(const ValueDigest& content, std::string_view path,
               std::string_view format) override;
  void parsed(const ValueDigest& content) override;

 private:
  struct Impl;
  explicit ParseJournal(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace jamul::agent
