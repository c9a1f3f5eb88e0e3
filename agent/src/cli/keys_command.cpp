// SPDX-License-Identifier: Apache-2.0
// `jamul keys`: this device's public key and the organisation recovery keys; `new-recovery` makes
// an organisation key pair for IT, `set-recovery` adds a recovery recipient.
#include <cstdio>

#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/messages.h"
#include "cli/protection.h"
#include "jamul/agent/device_keys.h"
#include "jamul/crypto/age.h"

namespace jamul::cli {
namespace {

namespace age = crypto::age;

constexpr OptionSpec kKeysOptions[] = {
    {"out", "FILE", "new-recovery: where to write the recovery key pair's secret (0600)"},
    {"db", "FILE", "inventory database (default: $XDG_DATA_HOME/jamul/inventory.db)"},
    {"help", "", "show this help"},
};

int keys(std::span<const std::string> args) {
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

int keysCommand(std::span<const std::string> args) { return keys(args); }

}  // namespace jamul::cli
