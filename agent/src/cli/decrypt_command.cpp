// SPDX-License-Identifier: Apache-2.0
// `jamul decrypt FILE.age...` and `jamul recover --identity KEY PATH...`: back to the original
// names (never over an existing file); a damaged or truncated file leaves no output.
#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/messages.h"
#include "cli/protection.h"
#include "jamul/agent/age_sealer.h"
#include "jamul/agent/device_keys.h"
#include "jamul/crypto/age.h"

namespace jamul::cli {
namespace {

namespace age = crypto::age;

constexpr OptionSpec kDecryptOptions[] = {
    {"identity", "FILE", "an age identity file (plain, or passphrase-encrypted); repeatable"},
    {"passphrase", "", "the files were encrypted to a passphrase (asked for)"},
    {"db", "FILE", "inventory database (default: $XDG_DATA_HOME/jamul/inventory.db)"},
    {"help", "", "show this help"},
};

// Adds `path` to `out`, or, for a folder, every .age file below it (not following links), in
// name order. A folder that cannot be listed is said and counted, and the others are still
// collected: one unreadable folder must not hide the rest of a recovery. Returns the count.
int collectAgeFiles(std::string_view command, const std::string& path,
                    std::vector<std::string>& out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(path, ec))) {
    out.push_back(path);
    return 0;
  }
  int errors = 0;
  std::vector<fs::path> folders = {path};
  std::vector<std::string> found;
  while (!folders.empty()) {
    const fs::path folder = std::move(folders.back());
    folders.pop_back();
    fs::directory_iterator it(folder, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
      const fs::file_status st = it->symlink_status(ec);
      if (ec) break;
      if (fs::is_directory(st))
        folders.push_back(it->path());
      else if (fs::is_regular_file(st) && it->path().filename().string().ends_with(".age"))
        found.push_back(it->path().string());
    }
    if (ec) {
      ++errors;
      fileFailed(command, folder.string(), Error(ErrorCode::kIo, "cannot list: " + ec.message()));
      ec.clear();
    }
  }
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
  return errors;
}

// `jamul decrypt` (with the device key and any others given) and `jamul recover` (for IT: the
// organisation recovery key only).
int decryptLike(const char* command, std::span<const std::string> args, bool recover) {
  ArgParser parser(kDecryptOptions);
  if (const Status s = parser.parse(args); !s) return fail(command, s.error());
  if (parser.has("help")) {
    std::printf(
        recover ? "Usage: jamul recover --identity RECOVERY-KEY-FILE PATH...\n\n"
                  "For IT: decrypts FILE.age files (and every .age file under a folder) with the\n"
                  "organisation recovery key, back to their original names.\n\nOptions:\n%s"
                : "Usage: jamul decrypt [--identity FILE]... [--passphrase] FILE.age...\n\n"
                  "Decrypts each file back to its original name (never over an existing file),\n"
                  "with this device's key, the identity files, or a passphrase. A damaged or\n"
                  "truncated file leaves no output.\n\nOptions:\n%s",
        parser.optionsHelp().c_str());
    return 0;
  }
  if (recover && parser.values("identity").empty())
    return fail(command,
                Error(ErrorCode::kInvalidArgument, "--identity RECOVERY-KEY-FILE is required"));
  if (parser.positional().empty())
    return fail(command, Error(ErrorCode::kInvalidArgument, "name .age files (see --help)"));
  auto db = inventoryPath(parser);
  if (!db) return fail(command, db.error());
  auto p = openProtection(command, *db);
  if (!p && p.error().code() == ErrorCode::kCancelled) return kInterruptedExit;
  if (!p) return fail(command, p.error());

  std::vector<age::X25519Identity> keys;
  std::optional<age::Passphrase> passphrase;
  if (parser.has("passphrase")) {
    auto read = readPassphrase("Passphrase: ", false);
    if (!read) return fail(command, read.error());
    passphrase = std::move(*read);
  }
  for (const std::string& file : parser.values("identity")) {
    auto parsed = agent::readIdentityFile(file);
    if (!parsed && parsed.error().code() == ErrorCode::kWrongKey) {
      auto read = readPassphrase("Passphrase of the identity file: ", false);
      if (!read) return fail(command, read.error());
      parsed = agent::readIdentityFile(file, &*read);
    }
    if (!parsed) return fail(command, parsed.error());
    for (auto& k : *parsed) keys.push_back(std::move(k));
  }
  std::vector<age::Identity> ids;
  if (!recover) ids.emplace_back(&p->device);
  for (const auto& k : keys) ids.emplace_back(&k);
  if (passphrase) ids.emplace_back(&*passphrase);
  agent::AgeSealer sealer({}, ids);

  std::vector<std::string> files;
  int listing_errors = 0;
  for (const std::string& path : parser.positional())
    listing_errors += collectAgeFiles(command, path, files);
  const int status = forEachFile(command, "decrypted", files, [&](const std::string& file) {
    return p->protector.decrypt(file, sealer);
  });
  return status == 0 && listing_errors > 0 ? 2 : status;
}

}  // namespace

int decryptCommand(std::span<const std::string> args) {
  catchInterrupts();
  return decryptLike("decrypt", args, false);
}

int recoverCommand(std::span<const std::string> args) {
  catchInterrupts();
  return decryptLike("recover", args, true);
}

}  // namespace jamul::cli
