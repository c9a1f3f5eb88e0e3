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
#include "jamul/agent/data_dirs.h"
#include "jamul/agent/file_protector.h"
#include "jamul/agent/inventory.h"
#include "jamul/crypto/age.h"
#include "protect/age_sealer.h"
#include "protect/device_keys.h"

namespace jamul::cli {
namespace {

namespace age = crypto::age;

int fail(const char* command, const Error& error) {
  std::fprintf(stderr, "jamul %s: %s\n", command, error.toString().c_str());
  return 2;
}

Result<std::string> inventoryPath(const ArgParser& parser) {
  if (const auto db = parser.value("db")) return *db;
  JAMUL_ASSIGN_OR_RETURN(std::string dir, agent::defaultDataDir());
  return dir + "/inventory.db";
}

std::string deviceKeyPath(const std::string& db) { return db + ".device-key"; }
std::string recoveryPath(const std::string& db) { return db + ".recovery-recipients"; }

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

void printRecovered(const char* command, const std::vector<agent::RecoveredAction>& recovered) {
  for (const agent::RecoveredAction& r : recovered)
    std::fprintf(stderr, "jamul %s: an interrupted run was %s: %s (%s)\n", command,
                 r.finished ? "finished" : "rolled back", r.path.c_str(), r.detail.c_str());
}

// What an encrypt or decrypt needs: the journal, the device key, recovery recipients.
struct Protection {
  std::string db;
  agent::FileProtector protector;
  age::X25519Identity device;
  std::vector<age::X25519Recipient> recovery;
};

Result<Protection> openProtection(const std::string& db) {
  JAMUL_ASSIGN_OR_RETURN(agent::FileProtector protector, agent::FileProtector::open(db));
  JAMUL_ASSIGN_OR_RETURN(age::X25519Identity device,
                         agent::loadOrCreateDeviceKey(deviceKeyPath(db)));
  JAMUL_ASSIGN_OR_RETURN(auto recovery, agent::loadRecoveryRecipients(recoveryPath(db)));
  return Protection{db, std::move(protector), std::move(device), std::move(recovery)};
}

Status recoverFirst(const char* command, Protection& p) {
  std::vector<age::Identity> ids = {&p.device};
  agent::AgeSealer sealer({}, ids);
  JAMUL_ASSIGN_OR_RETURN(auto recovered, p.protector.recover(sealer));
  printRecovered(command, recovered);
  return okStatus();
}

// Runs `action` on each file (one file's failure never stops the others), printing
// "<done_verb>  <path it gives>" or the error, then "N <done_verb>, M failed". Exit code 0 when
// every file succeeded, else 2.
int forEachFile(const char* command, const char* done_verb, std::span<const std::string> files,
                const std::function<Result<std::string>(const std::string&)>& action) {
  int failures = 0, done = 0;
  for (const std::string& file : files) {
    auto result = action(file);
    if (!result) {
      ++failures;
      std::fprintf(stderr, "jamul %s: %s\n", command, result.error().toString().c_str());
      continue;
    }
    ++done;
    std::printf("%-10s %s\n", done_verb, result->c_str());
  }
  std::printf("%d %s, %d failed\n", done, done_verb, failures);
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
  auto p = openProtection(*db);
  if (!p) return fail("encrypt", p.error());
  if (Status s = recoverFirst("encrypt", *p); !s) return fail("encrypt", s.error());

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
    files.insert(files.end(), found->begin(), found->end());
  }
  if (files.empty())
    return fail("encrypt", Error(ErrorCode::kInvalidArgument, "name files, or --findings"));

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

void collectAgeFiles(const std::string& path, std::vector<std::string>& out) {
  std::error_code ec;
  if (std::filesystem::is_directory(std::filesystem::symlink_status(path, ec))) {
    for (auto it = std::filesystem::recursive_directory_iterator(
             path, std::filesystem::directory_options::skip_permission_denied, ec);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (it->is_regular_file(ec) && it->path().string().ends_with(".age"))
        out.push_back(it->path().string());
    }
    return;
  }
  out.push_back(path);
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
  auto db = inventoryPath(parser);
  if (!db) return fail(command, db.error());
  auto p = openProtection(*db);
  if (!p) return fail(command, p.error());
  if (Status s = recoverFirst(command, *p); !s) return fail(command, s.error());

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
  for (const std::string& path : parser.positional()) collectAgeFiles(path, files);
  if (files.empty()) return fail(command, Error(ErrorCode::kInvalidArgument, "name .age files"));
  return forEachFile(command, "decrypted", files,
                     [&](const std::string& file) { return p->protector.decrypt(file, sealer); });
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
  auto p = openProtection(*db);
  if (!p) return fail("shred", p.error());
  if (Status s = recoverFirst("shred", *p); !s) return fail("shred", s.error());
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
    std::printf("%-39s%llu (any jamul encrypt/decrypt finishes them)\n",
                "Interrupted actions awaiting recovery",
                static_cast<unsigned long long>(p->unfinished));
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
  if (name == "encrypt") return encryptCommand(args);
  if (name == "decrypt") return decryptLike("decrypt", args, false);
  if (name == "recover") return decryptLike("recover", args, true);
  if (name == "shred") return shredCommand(args);
  if (name == "status") return statusCommand(args);
  if (name == "keys") return keysCommand(args);
  return 2;
}

}  // namespace jamul::cli
