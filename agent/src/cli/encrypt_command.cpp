// SPDX-License-Identifier: Apache-2.0
// `jamul encrypt FILE... | --findings`: encrypts files in place to FILE.age (DESIGN.md §5), to this
// device's key and the organisation recovery keys, or to a passphrase.
#include <optional>
#include <string>
#include <vector>

#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/messages.h"
#include "cli/protection.h"
#include "cli/terminal_text.h"
#include "jamul/agent/age_sealer.h"
#include "jamul/agent/inventory.h"
#include "jamul/crypto/age.h"

namespace jamul::cli {
namespace {

namespace age = crypto::age;

constexpr OptionSpec kEncryptOptions[] = {
    {"recipient", "age1...", "also encrypt to this public key (repeatable)"},
    {"passphrase", "", "encrypt to a passphrase only (asked for; not the device key)"},
    {"findings", "", "encrypt the files in which the last scan found personal data"},
    {"min-confidence", "LEVEL", "with --findings: low, medium (default), high"},
    {"db", "FILE", "inventory database (default: $XDG_DATA_HOME/jamul/inventory.db)"},
    {"help", "", "show this help"},
};

int encrypt(std::span<const std::string> args) {
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

}  // namespace

int encryptCommand(std::span<const std::string> args) {
  catchInterrupts();  // the file in hand is finished or rolled back, then the command stops
  return encrypt(args);
}

}  // namespace jamul::cli
