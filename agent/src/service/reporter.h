// SPDX-License-Identifier: Apache-2.0
#pragma once

// Reporter: turns what the inventory knows into the console's report events (docs/console-api.md
// "Event kinds") and appends them to the inventory's durable outbox. Reports are deltas: for each
// file with personal data at medium or above (and each file Jamul encrypted) the reporter keeps a
// fingerprint of the data it last reported; a run compares, and appends `file` events for new or
// changed files and `file_removed` for those gone, in the SAME transaction that updates the
// fingerprints (Inventory::appendToOutbox), so that a crash neither loses an event nor doubles
// one. Finished in-place actions are reported once each (a cursor in agent_state, moved in the
// same transaction), and so is each exception request (marked as reported in the same
// transaction; a pending one not yet sent, because its report failed or it was made before
// enrollment, is caught up by the next reportChanges()).
//
// Never a raw value: a `file` event holds counts per rule at medium or above (the numbers
// `jamul agent findings` shows), at most 20 masked excerpts, and metadata; the inventory holds
// nothing more.
//
// Cost: a run reads every file with findings (one query per file for its counts and excerpts),
// so it runs after a complete scan or a batch of actions, not per file.
//
// Thread-safety: stateless functions; the caller serialises runs on one inventory (the agent
// holds its inventory mutex), since a run reads the fingerprints before it writes.

#include <cstdint>
#include <optional>
#include <string>

#include "jamul/agent/inventory.h"
#include "jamul/common/result.h"
#include "jamul/protocol/json_value.h"

namespace jamul::agent {

// agent_state key: the id of the newest finished action already reported.
inline constexpr std::string_view kReportedActionKey = "console.reported_action_id";

struct ScanFacts {
  std::string reason;
  std::int64_t started_ms = 0;
  std::int64_t finished_ms = 0;
};

class Reporter {
 public:
  // Appends the file deltas and new actions (and, with `scan`, a `scan` event with the
  // inventory's totals after it). Returns how many events were appended.
  static Result<std::size_t> reportChanges(Inventory& inventory, std::int64_t now_ms,
                                           const std::optional<ScanFacts>& scan);
  // A `volume` event, if the volume changed since it was last reported.
  static Result<std::size_t> reportVolume(Inventory& inventory, const Inventory::Volume& volume,
                                          std::int64_t now_ms);
  // An `exception_request` event.
  static Status reportExceptionRequest(Inventory& inventory,
                                       const Inventory::ExceptionRequest& request,
                                       std::int64_t now_ms);

  // The data of a `file` event for `report` (owner: a user name; volume: a removable volume's key
  // or empty). Exposed for tests.
  static protocol::JsonValue fileData(const scanner::FileReport& report, const std::string& owner,
                                      const std::string& volume);
};

// The user name of `uid`, or the number as text when it has no account.
std::string userNameOf(std::uint32_t uid);

}  // namespace jamul::agent
