// SPDX-License-Identifier: Apache-2.0
// `jamul shred FILE...` (완전삭제): overwrites each file once, renames it to a random name,
// truncates and removes it, journaled so that an interrupted shred is finished.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/messages.h"
#include "cli/protection.h"

namespace jamul::cli {
namespace {

namespace age = crypto::age;

constexpr OptionSpec kShredOptions[] = {
    {"db", "FILE", "inventory database (default: $XDG_DATA_HOME/jamul/inventory.db)"},
    {"help", "", "show this help"},
};

int shred(std::span<const std::string> args) {
  ArgParser parser(kShredOptions);
  if (const Status s = parser.parse(args); !s) return fail("shred", s.error());
  if (parser.has("help") || parser.positional().empty()) {
    std::printf(
        "Usage: jamul shred FILE...\n\n"
        "Deletes each file for good (완전삭제): overwrites it once with random bytes, renames it "
        "to a\n"
        "random name, truncates and removes it. On SSDs and copy-on-write file systems (btrfs,\n"
        "ZFS) old blocks may survive overwriting; encrypt files you must keep.\n\nOptions:\n%s",
        parser.optionsHelp().c_str());
    return parser.has("help") ? 0 : 2;
  }
  auto db = inventoryPath(parser);
  if (!db) return fail("shred", db.error());
  auto p = openProtection("shred", *db);
  if (!p && p.error().code() == ErrorCode::kCancelled) return kInterruptedExit;
  if (!p) return fail("shred", p.error());
  return forEachFile("shred", "shredded", parser.positional(),
                     [&](const std::string& file) -> Result<std::string> {
                       JAMUL_RETURN_IF_ERROR(p->protector.shred(file));
                       return file;
                     });
}

}  // namespace

int shredCommand(std::span<const std::string> args) {
  catchInterrupts();
  return shred(args);
}

}  // namespace jamul::cli
