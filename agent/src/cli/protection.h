// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the commands that touch the inventory share: where the inventory and its keys are, the
// encryption journal opened with its keys, and recovery of what an interrupted run left.
//
// Recovery comes first, in every command that opens the inventory (DESIGN.md §5): an encryption,
// decryption or shred that a kill or power cut interrupted is finished or rolled back before the
// command does anything else, so that no `jamul scan` reports a half-decrypted temporary file as a
// user's file and `jamul status` counts what is on disk. encrypt, decrypt, recover and shred wait
// for another process that holds the journal; scan and status do not (that process is alive and
// its actions are its own) and go on.
//
// Thread-safety: none; used from a command's main thread.

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/arg_parser.h"
#include "jamul/agent/file_protector.h"
#include "jamul/agent/inventory.h"
#include "jamul/crypto/age.h"

namespace jamul::cli {

// --db, or $XDG_DATA_HOME/jamul/inventory.db.
Result<std::string> inventoryPath(const ArgParser& parser);
std::string deviceKeyPath(const std::string& db);
std::string recoveryPath(const std::string& db);

// What an encrypt or decrypt needs: the journal, the device key, recovery recipients.
struct Protection {
  std::string db;
  agent::FileProtector protector;
  crypto::age::X25519Identity device;
  std::vector<crypto::age::X25519Recipient> recovery;
};

// Opens the journal (waiting, with a message, while another process holds it; Ctrl-C stops the
// wait with kCancelled), loads or creates the device key, loads the recovery recipients, and
// recovers what interrupted runs left, printing what it did.
Result<Protection> openProtection(std::string_view command, const std::string& db);

// For commands that read or scan: recovers interrupted actions if the inventory says there are
// some and no other process holds the journal. Returns false when it could not run (another
// process is acting, or recovery failed: said on standard error); the command goes on either way.
bool recoverIfIdle(std::string_view command, const std::string& db, agent::Inventory& inventory);

// A passphrase from the terminal (not echoed; asked twice when `confirm`), or the first line of
// standard input when it is not a terminal (scripts, tests). kInvalidArgument when none is given
// or the two differ.
Result<crypto::age::Passphrase> readPassphrase(const char* prompt, bool confirm);

// Runs `action` on each file (one file's failure never stops the others), printing
// "<done_verb>  <path it gives>" or the error naming the file, then "N <done_verb>, M failed".
// Ctrl-C lets the file in hand finish and stops before the next. Returns the exit status: 0 when
// every file succeeded, 2 when one failed, 130 when interrupted.
int forEachFile(const char* command, const char* done_verb, std::span<const std::string> files,
                const std::function<Result<std::string>(const std::string&)>& action);

}  // namespace jamul::cli
