// SPDX-License-Identifier: Apache-2.0
#include "cli/protection.h"

#include "cli/messages.h"
#include "jamul/agent/data_dirs.h"
#include "protect/age_sealer.h"
#include "protect/device_keys.h"

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
  JAMUL_ASSIGN_OR_RETURN(agent::FileProtector protector, agent::FileProtector::open(db, &turn));
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

}  // namespace jamul::cli
