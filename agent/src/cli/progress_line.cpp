// SPDX-License-Identifier: Apache-2.0
#include "cli/progress_line.h"

#include <string>

#include "cli/terminal_text.h"

namespace jamul::cli {

void ProgressLine::update(const scanner::ScanProgress& p) {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  // Throughput counts bytes actually read; unchanged files from the inventory cost next to nothing.
  const double rate = seconds > 0 ? static_cast<double>(p.bytes_read) / seconds : 0.0;
  std::string line = withThousands(p.files_done) + (p.walk_done ? "/" + withThousands(p.files_found) : "") +
                     " files · " + humanBytes(p.bytes_done) + " · " +
                     humanBytes(static_cast<std::uint64_t>(rate)) + "/s";
  if (p.walk_done && rate > 0 && p.bytes_found >= p.bytes_done) {
    const auto eta = static_cast<long>(static_cast<double>(p.bytes_found - p.bytes_done) / rate);
    char buf[32];
    std::snprintf(buf, sizeof buf, " · ETA %ld:%02ld", eta / 60, eta % 60);
    line += buf;
  } else if (!p.walk_done) {
    line += " · listing files…";
  }
  std::fprintf(out_, "\r\x1b[K%s", line.c_str());
  std::fflush(out_);
  drawn_ = true;
}

void ProgressLine::clear() {
  if (!drawn_) return;
  std::fprintf(out_, "\r\x1b[K");
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace jamul::cli
