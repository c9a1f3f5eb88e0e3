// SPDX-License-Identifier: Apache-2.0
// `jamul extract FILE`: prints the text the scanner sees in FILE (decoded to UTF-8), so that a user
// can check why something was or was not found. This prints the file's own content to its reader's
// terminal: it is the one command whose output may hold personal data, by design.

#include <cstdio>

#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/messages.h"
#include "cli/terminal_text.h"
#include "jamul/scanner/file_scanner.h"

namespace jamul::cli {
namespace {
constexpr OptionSpec kOptions[] = {
    {"ocr", "", "read images and scanned PDF pages with OCR and print the text it produced"},
    {"help", "", "show this help"},
};
}  // namespace

int extractCommand(std::span<const std::string> args) {
  ArgParser parser(kOptions);
  if (const Status s = parser.parse(args); !s) {
    say("extract", s.error().message());
    return 2;
  }
  if (parser.has("help") || parser.positional().size() != 1) {
    std::fprintf(parser.has("help") ? stdout : stderr,
                 "Usage: jamul extract [--ocr] FILE\n\nPrints the text Jamul's scanner sees in FILE, "
                 "decoded to UTF-8; the format goes to standard error. With --ocr, images and "
                 "scanned PDF pages are read as `jamul scan --ocr` reads them.\n\n%s",
                 parser.optionsHelp().c_str());
    return parser.has("help") ? 0 : 2;
  }
  // The hasher is never called: extract() does not detect.
  scanner::ScanOptions options;
  options.extract.ocr = parser.has("ocr");
  auto scanner =
      scanner::FileScanner::create(options, [](std::string_view) { return ValueDigest{}; });
  if (!scanner) return fail("extract", scanner.error());
  const std::string& path = parser.positional().front();
  // A document's parts (pages, sheets, sections, members) are announced by a line of their own,
  // "=== Sheet1 ===", so that a person can tell where each piece of text comes from; a finding's
  // location in `jamul scan` names the same part.
  bool at_line_start = true;
  auto info = scanner->extract(
      path,
      [&](std::string_view text) {
        if (text.empty()) return;
        std::fwrite(text.data(), 1, text.size(), stdout);
        at_line_start = text.back() == '\n';
      },
      [&](std::string_view location) {
        // The text is the user's own, as `cat` would print it; a location holds names from
        // inside the document (a zip member, a sheet), which are escaped like file names.
        const std::string shown = location.empty() ? "(text)" : printableText(location);
        std::printf("%s=== %s ===\n", at_line_start ? "" : "\n", shown.c_str());
        at_line_start = true;
      });
  std::fflush(stdout);
  if (!info) {
    fileFailed("extract", path, info.error());
    return 2;
  }
  if (info->status != scanner::FileStatus::kOk || info->format == "empty") {
    say("extract", path + ": " + std::string(scanner::fileStatusName(info->status)) + " (" +
                       (info->detail.empty() ? info->format : info->detail) + ")");
    return info->status == scanner::FileStatus::kOk ? 0 : 2;
  }
  say("extract", path + ": " + info->format);
  return 0;
}

}  // namespace jamul::cli
