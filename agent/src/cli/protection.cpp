// SPDX-License-Identifier: Apache-2.0
#include "cli/protection.h"

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>

#include "cli/messages.h"
#include "cli/terminal_text.h"
#include "jamul/agent/age_sealer.h"
#include "jamul/agent/data_dirs.h"
#include "jamul/agent/device_keys.h"

namespace jamul::cli {
namespace {

namespace age = crypto::age;

void printRecovered(std::string_view command, const std::vector<agent::RecoveredAction>& done) {
  for (const agent::RecoveredAction& r : done)
    say(command, std::string("an interrupted run was ") +
                     (r.finished ? "finished" : "rolled back") + ": " + r.path + " (" + r.detail +
                     ")");
}

Status recoverWith(std::string_view command, agent::FileProtector& protector,
                   const age::X25519Identity* device) {
  std::vector<age::Identity> ids;
  if (device != nullptr) ids.emplace_back(device);
  agent::AgeSealer sealer({}, ids);
  JAMUL_ASSIGN_OR_RETURN(auto recovered, protector.recover(sealer));
  printRecovered(command, recovered);
  return okStatus();
}

}  // namespace

Result<std::string> inventoryPath(const ArgParser& parser) {
  if (const auto db = parser.value("db")) return *db;
  JAMUL_ASSIGN_OR_RETURN(std::string dir, agent::defaultDataDir());
  return dir + "/inventory.db";
}

std::string deviceKeyPath(const std::string& db) { return db + ".device-key"; }
std::string recoveryPath(const std::string& db) { return db + ".recovery-recipients"; }

Result<Protection> openProtection(std::string_view command, const std::string& db) {
  agent::TurnWait turn;
  turn.cancel = &interrupted();
  turn.waiting = [command] {
    say(command, "waiting for another Jamul process to finish encrypting with this inventory...");
  };
  agent::FileProtector::Options options;
  options.wait = &turn;
  JAMUL_ASSIGN_OR_RETURN(agent::FileProtector protector, agent::FileProtector::open(db, options));
  JAMUL_ASSIGN_OR_RETURN(age::X25519Identity device,
                         agent::loadOrCreateDeviceKey(deviceKeyPath(db)));
  JAMUL_ASSIGN_OR_RETURN(auto recovery, agent::loadRecoveryRecipients(recoveryPath(db)));
  JAMUL_RETURN_IF_ERROR(recoverWith(command, protector, &device));
  return Protection{db, std::move(protector), std::move(device), std::move(recovery)};
}

bool recoverIfIdle(std::string_view command, const std::string& db, agent::Inventory& inventory) {
  auto pending = inventory.unfinishedActions();
  if (pending && *pending == 0) return true;
  auto protector = agent::FileProtector::open(db);
  if (!protector) {
    if (protector.error().code() != ErrorCode::kUnavailable)
      say(command, "could not finish interrupted encryptions: " + protector.error().toString());
    return false;
  }
  // Without a device key nothing was encrypted to it: what needs the key to be verified is kept
  // as it is (both files stay), never removed unverified.
  auto device = agent::loadDeviceKey(deviceKeyPath(db));
  const Status s = recoverWith(command, *protector, device ? &*device : nullptr);
  if (!s) say(command, "could not finish interrupted encryptions: " + s.error().toString());
  return s.ok();
}

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

}  // namespace jamul::cli
