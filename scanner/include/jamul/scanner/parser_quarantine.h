// SPDX-License-Identifier: Apache-2.0
#pragma once

// ParserQuarantine: documents that crashed, hung or exhausted the memory of a parser are
// remembered by content digest and skipped by later scans (DESIGN.md §4 "poison files"), so one bad
// file cannot stop every scan of a PC. The scanner announces each document parse to it; keeping
// the record across a crash of the process is the implementation's job (the agent keeps a journal
// beside the inventory: agent/include/jamul/agent/parse_journal.h). The same calls are where a
// supervisor of a separate parser process would plug in later.
//
// Contract: for each document it parses, FileScanner calls quarantined() first; if that is false,
// parsing() before the parser runs and parsed() after it returns, whatever the outcome. Plain text
// files are streamed by our own decoder and never announced. `content` is the keyed digest of the
// whole file (the scanner's ValueHasher), never its bytes.
//
// Thread-safety: implementations must be thread-safe: every worker thread calls them.

#include <string_view>

#include "jamul/common/value_digest.h"

namespace jamul::scanner {

class ParserQuarantine {
 public:
  virtual ~ParserQuarantine() = default;

  // True if a document with this content is quarantined: it is reported kError and not parsed.
  virtual bool quarantined(const ValueDigest& content) const = 0;
  // A parser is about to read `content` (the file at `path`, a document of kind `format`).
  virtual void parsing(const ValueDigest& content, std::string_view path,
                       std::string_view format) = 0;
  // The parser returned.
  virtual void parsed(const ValueDigest& content) = 0;
};

}  // namespace jamul::scanner
