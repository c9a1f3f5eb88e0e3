// SPDX-License-Identifier: Apache-2.0
// `jamul status`: files with personal data in plaintext, files encrypted and shredded, and the
// 암호화율 (encryption rate) an agency is audited on.
#include <cstdio>

#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/messages.h"
#include "cli/protection.h"
#include "jamul/agent/inventory.h"

namespace jamul::cli {
namespace {

namespace age = crypto::age;

constexpr OptionSpec kStatusOptions[] = {
    {"db", "FILE", "inventory database (default: $XDG_DATA_HOME/jamul/inventory.db)"},
    {"help", "", "show this help"},
};

int status(std::span<const std::string> args) {
  ArgParser parser(kStatusOptions);
  if (const Status s = parser.parse(args); !s) return fail("status", s.error());
  if (parser.has("help")) {
    std::printf(
        "Usage: jamul status\n\nFiles with personal data, encrypted files and the "
        "암호화율.\n\nOptions:\n%s",
        parser.optionsHelp().c_str());
    return 0;
  }
  auto db = inventoryPath(parser);
  if (!db) return fail("status", db.error());
  auto inventory = agent::Inventory::open(*db);
  if (!inventory) return fail("status", inventory.error());
  // Counts what is on disk, not what an interrupted run left half-done.
  (void)recoverIfIdle("status", *db, *inventory);
  auto p = inventory->protectionSummary();
  if (!p) return fail("status", p.error());
  const std::uint64_t plaintext = p->files_with_findings + p->decrypted_unscanned;
  const std::uint64_t total = plaintext + p->encrypted;
  // Labels padded to 39 terminal columns (a Hangul syllable takes two).
  const auto row = [](const char* label, std::uint64_t n) {
    std::printf("%-39s%llu\n", label, static_cast<unsigned long long>(n));
  };
  row("Files with personal data in plaintext", plaintext);
  if (p->decrypted_unscanned > 0)
    std::printf("  of which decrypted, not scanned since %llu (jamul scan checks them again)\n",
                static_cast<unsigned long long>(p->decrypted_unscanned));
  row("Files encrypted by Jamul", p->encrypted);
  row("Files shredded", p->shredded);
  constexpr const char* kRateLabel = "암호화율 (encryption rate)             ";
  if (total > 0)
    std::printf("%s%.1f%%\n", kRateLabel,
                100.0 * static_cast<double>(p->encrypted) / static_cast<double>(total));
  else
    std::printf("%s- (nothing found yet: run jamul scan)\n", kRateLabel);
  if (p->unfinished > 0)
    std::printf(
        "%-39s%llu (another Jamul process is running them, or they could not be "
        "recovered: see above)\n",
        "Unfinished actions", static_cast<unsigned long long>(p->unfinished));
  return 0;
}

}  // namespace

int statusCommand(std::span<const std::string> args) { return status(args); }

}  // namespace jamul::cli
