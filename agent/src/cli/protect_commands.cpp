// SPDX-License-Identifier: Apache-2.0
// `jamul encrypt`, `decrypt`, `recover`, `shred`, `status` and `keys`: in-place protection of the
// files a scan found (DESIGN.md §5), on FileProtector and the age format. Every command that
// touches files first finishes or rolls back what an interrupted run left (FileProtector::recover).

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/messages.h"
#include "cli/protection.h"
#include "cli/terminal_text.h"
#include "jamul/agent/file_protector.h"
#include "jamul/agent/inventory.h"
#include "jamul/crypto/age.h"
#include "protect/age_sealer.h"
#include "protect/device_keys.h"

namespace jamul::cli {
namespace {

namespace age = crypto::age;

// A passphrase from the terminal (not echoed; asked twice when `confirm`), or the first line of
// standard input when it is not a terminal (scripts, tests).
Result<age::Passphrase> readPassphrase(const char* prompt, bool confirm) {
  const auto readLine = [](bool tty, const char* ask) -> std::optional<std::string> {
    termios old{};
    if (tty) {
      std::fprintf(stderr, "%s", ask);
      ::tcgetattr(STDIN_FILENO, &old);
      termios quiet = old;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    const bool got = static_cast<bool>(std::getline(std::cin, line));
    if (tty) {
      ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
      std::fprintf(stderr, "\n");
    }
    if (!got) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  };
  const bool tty = ::isatty(STDIN_FILENO) == 1;
  auto first = readLine(tty, prompt);
  if (!first) return Error(ErrorCode::kInvalidArgument, "no passphrase given");
  if (confirm && tty) {
    auto again = readLine(tty, "Again: ");
    if (!again || *again != *first)
      return Error(ErrorCode::kInvalidArgument, "the passphrases differ");
  }
  auto p = age::Passphrase::from(*first);
  std::fill(first->begin(), first->end(), '\0');
  return p;
}

// Runs `action` on each file (one file's failure never stops the others), printing
// "<done_verb>  <path it gives>" or the error naming the file, then "N <done_verb>, M failed".
// Ctrl-C lets the file in hand finish and stops before the next. Exit status: 0 when every file
// succeeded, 2 when one failed, 130 when interrupted.
int forEachFile(const char* command, const char* done_verb, std::span<const std::string> files,
                const std::function<Result<std::string>(const std::string&)>& action) {
  int failures = 0, done = 0;
  std::size_t next = 0;
  for (; next < files.size() && !interrupted().load(); ++next) {
    const std::string& file = files[next];
    auto result = file.empty()
                      ? Result<std::string>(Error(ErrorCode::kInvalidArgument, "not a file name"))
                      : action(file);
    if (!result) {
      ++failures;
      fileFailed(command, file, result.error());
      continue;
    }
    ++done;
    std::printf("%-10s %s\n", done_verb, printableText(*result).c_str());
  }
  std::printf("%d %s, %d failed\n", done, done_verb, failures);
  if (next < files.size()) {
    std::fflush(stdout);
    say(command, "interrupted: " + std::to_string(files.size() - next) +
                     " file(s) not started were left as they are");
    return kInterruptedExit;
  }
  return failures == 0 ? 0 : 2;
}

// --- encrypt
// ---------------------------------------------------------------------------------------

constexpr OptionSpec kEncryptOptions[] = {
    {"recipient", "age1...", "also encrypt to this public key (repeatable)"},
    {"passphrase", "", "encrypt to a passphrase only (asked for; not the device key)"},
    {"findings", "", "encrypt the files in which the last scan found personal data"},
    {"min-confidence", "LEVEL", "with --findings: low, medium (default), high"},
    {"db", "FILE", "inventory database (default: $XDG_DATA_HOME/jamul/inventory.db)"},
    {"help", "", "show this help"},
};

int encryptCommand(std::span<const std::string> args) {
  ArgParser parser(kEncryptOptions);
  if (const Status s = parser.parse(args); !s) return fail("encrypt", s.error());
  if (parser.has("help")) {
    std::printf(
        "Usage: jamul encrypt FILE... | --findings [options]\n\n"
        "Encrypts each file in place to FILE.age (the age format: `age -d` opens it too) and "
        "removes\n"
        "the original only once the encrypted copy is on disk and verified to decrypt to it.\n"
        "Recipients: this device's key and the organisation recovery keys (jamul keys), plus\n"
        "--recipient keys; or, with --passphrase, a passphrase alone.\n\nOptions:\n%s",
        parser.optionsHelp().c_str());
    return 0;
  }
  auto db = inventoryPath(parser);
  if (!db) return fail("encrypt", db.error());
  auto p = openProtection("encrypt", *db);
  if (!p && p.error().code() == ErrorCode::kCancelled) return kInterruptedExit;
  if (!p) return fail("encrypt", p.error());

  std::vector<std::string> files = parser.positional();
  if (parser.has("findings")) {
    scanner::Confidence min = scanner::Confidence::kMedium;
    if (const auto level = parser.value("min-confidence")) {
      const auto parsed = scanner::confidenceFromName(*level);
      if (!parsed)
        return fail("encrypt",
                    Error(ErrorCode::kInvalidArgument, "--min-confidence: low, medium or high"));
      min = *parsed;
    }
    auto inventory = agent::Inventory::open(*db);
    if (!inventory) return fail("encrypt", inventory.error());
    auto found = inventory->filesWithFindings(min);
    if (!found) return fail("encrypt", found.error());
    if (found->empty() && files.empty()) {
      // Nothing to do is not a failure: the files with findings are encrypted already, or none
      // had any.
      auto summary = inventory->summary();
      if (!summary) return fail("encrypt", summary.error());
      say("encrypt", summary->scans == 0
                         ? "no scan is recorded in this inventory yet: run jamul scan first"
                         : "the last scan left nothing to encrypt (no file in plaintext with "
                           "personal data at " +
                               std::string(scanner::confidenceName(min)) + " confidence or above)");
      return 0;
    }
    files.insert(files.end(), found->begin(), found->end());
  }
  if (files.empty())
    return fail("encrypt", Error(ErrorCode::kInvalidArgument,
                                 "name the files to encrypt, or --findings (see --help)"));

  std::optional<age::Passphrase> passphrase;
  std::vector<age::Recipient> recipients;
  if (parser.has("passphrase")) {
    auto read = readPassphrase("Passphrase: ", true);
    if (!read) return fail("encrypt", read.error());
    passphrase = std::move(*read);
    recipients.emplace_back(&*passphrase);
  } else {
    recipients.emplace_back(p->device.recipient());
    for (const auto& r : p->recovery) recipients.emplace_back(r);
    for (const std::string& text : parser.values("recipient")) {
      auto r = age::X25519Recipient::parse(text);
      if (!r) return fail("encrypt", Error(r.error().code(), r.error().message(), text));
      recipients.emplace_back(*r);
    }
    if (p->recovery.empty())
      std::fprintf(stderr,
                   "jamul encrypt: warning: no organisation recovery key is set (jamul keys "
                   "set-recovery age1...): only this device's key will open these files\n");
  }
  std::vector<age::Identity> ids;
  if (passphrase)
    ids.emplace_back(&*passphrase);
  else
    ids.emplace_back(&p->device);
  agent::AgeSealer sealer(recipients, ids);

  return forEachFile("encrypt", "encrypted", files,
                     [&](const std::string& file) { return p->protector.encrypt(file, sealer); });
}

// --- decrypt and recover
// ---------------------------------------------------------------------------

constexpr OptionSpec kDecryptOptions[] = {
    {"identity", "FILE", "an age identity file (plain, or passphrase-encrypted); repeatable"},
    {"passphrase", "", "the files were encrypted to a passphrase (asked for)"},
    {"db", "FILE", "inventory database (default: $XDG_DATA_HOME/jamul/inventory.db)"},
    {"help", "", "show this help"},
};

Result<std::string> readTextFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return errorFromErrno(errno, "open", path);
  std::string text;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  std::fclose(f);
  return text;
}

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
    auto text = readTextFile(file);
    if (!text) return fail(command, text.error());
    auto parsed = age::parseIdentityFile(*text);
    if (!parsed && parsed.error().code() == ErrorCode::kWrongKey) {
      auto read = readPassphrase("Passphrase of the identity file: ", false);
      if (!read) return fail(command, read.error());
      parsed = age::parseIdentityFile(*text, &*read);
    }
    std::fill(text->begin(), text->end(), '\0');
    if (!parsed) return fail(command, Error(parsed.error().code(), parsed.error().message(), file));
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

// --- shred
// -----------------------------------------------------------------------------------------

constexpr OptionSpec kShredOptions[] = {
    {"db", "FILE", "inventory database (default: $XDG_DATA_HOME/jamul/inventory.db)"},
    {"help", "", "show this help"},
};

int shredCommand(std::span<const std::string> args) {
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

// --- status and keys
// -------------------------------------------------------------------------------

constexpr OptionSpec kStatusOptions[] = {
    {"db", "FILE", "inventory database (default: $XDG_DATA_HOME/jamul/inventory.db)"},
    {"help", "", "show this help"},
};

int statusCommand(std::span<const std::string> args) {
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

constexpr OptionSpec kKeysOptions[] = {
    {"out", "FILE", "new-recovery: where to write the recovery key pair's secret (0600)"},
    {"db", "FILE", "inventory database (default: $XDG_DATA_HOME/jamul/inventory.db)"},
    {"help", "", "show this help"},
};

int keysCommand(std::span<const std::string> args) {
  ArgParser parser(kKeysOptions);
  if (const Status s = parser.parse(args); !s) return fail("keys", s.error());
  const auto& pos = parser.positional();
  if (parser.has("help")) {
    std::printf(
        "Usage: jamul keys                       show this device's public key and the recovery "
        "keys\n"
        "       jamul keys new-recovery --out FILE  make an organisation recovery key pair (for "
        "IT,\n"
        "                                        to keep FILE offline) and print its public key\n"
        "       jamul keys set-recovery age1...  encrypt every file also to this recovery key\n\n"
        "Options:\n%s",
        parser.optionsHelp().c_str());
    return 0;
  }
  if (!pos.empty() && pos[0] == "new-recovery") {
    const auto out = parser.value("out");
    if (!out)
      return fail("keys", Error(ErrorCode::kInvalidArgument, "new-recovery needs --out FILE"));
    auto id = age::X25519Identity::generate();
    if (!id) return fail("keys", id.error());
    if (Status s =
            agent::writeIdentityFile(*out, *id, "Jamul organisation recovery key: keep offline");
        !s)
      return fail("keys", s.error());
    std::printf("%s\n", id->recipient().encode().c_str());
    std::fprintf(
        stderr,
        "jamul keys: the secret key is in %s: keep it offline; give agents the public key above\n",
        out->c_str());
    return 0;
  }
  auto db = inventoryPath(parser);
  if (!db) return fail("keys", db.error());
  if (!pos.empty() && pos[0] == "set-recovery") {
    if (pos.size() != 2)
      return fail("keys", Error(ErrorCode::kInvalidArgument, "set-recovery age1..."));
    auto r = age::X25519Recipient::parse(pos[1]);
    if (!r) return fail("keys", r.error());
    if (Status s = agent::addRecoveryRecipient(recoveryPath(*db), *r); !s)
      return fail("keys", s.error());
    std::printf("recovery key set: %s\n", r->encode().c_str());
    return 0;
  }
  if (!pos.empty() && pos[0] != "show")
    return fail("keys", Error(ErrorCode::kInvalidArgument, "unknown keys command " + pos[0]));
  auto device = agent::loadOrCreateDeviceKey(deviceKeyPath(*db));
  if (!device) return fail("keys", device.error());
  auto recovery = agent::loadRecoveryRecipients(recoveryPath(*db));
  if (!recovery) return fail("keys", recovery.error());
  std::printf("device key     %s\n", device->recipient().encode().c_str());
  for (const auto& r : *recovery) std::printf("recovery key   %s\n", r.encode().c_str());
  if (recovery->empty()) std::printf("recovery key   (none: jamul keys set-recovery age1...)\n");
  return 0;
}

}  // namespace

int protectCommand(std::string_view name, std::span<const std::string> args) {
  // A file in hand is always finished (or rolled back) before the command stops.
  if (name == "encrypt" || name == "decrypt" || name == "recover" || name == "shred")
    catchInterrupts();
  if (name == "encrypt") return encryptCommand(args);
  if (name == "decrypt") return decryptLike("decrypt", args, false);
  if (name == "recover") return decryptLike("recover", args, true);
  if (name == "shred") return shredCommand(args);
  if (name == "status") return statusCommand(args);
  if (name == "keys") return keysCommand(args);
  return 2;
}

}  // namespace jamul::cli
