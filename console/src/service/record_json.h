// SPDX-License-Identifier: Apache-2.0
#pragma once

// The JSON (and CSV) forms of the store's records, shared by the admin API and the admin CLI, so
// that `jamul-console admin agents --json` and GET /api/admin/agents say the same thing
// (docs/console-api.md "The admin API").
//
// Thread-safety: pure functions.

#include <cstdint>
#include <string>
#include <vector>

#include "store/records.h"

namespace jamul::console {

struct Liveness {
  std::int64_t now_ms = 0;
  OfflineThresholds offline;         // three heartbeat intervals of the agent's group's policy
  std::int64_t long_offline_ms = 0;  // seven days
};

// The admin API's agent object (with offline/long_offline).
std::string agentJson(const AgentRecord& agent, const Liveness& liveness);
// `admin agents --json`: id, host, user, department, version, policy_version, state,
// last_contact_ms.
std::string agentLineJson(const AgentRecord& agent);
std::string exceptionJson(const ExceptionRecord& exception);
// `admin findings --json`: {"agent":ID,"counts":{rule:n}}.
std::string agentFindingsJson(const AgentFindings& findings);
// The export agencies submit: UTF-8 with a BOM, a header, one line per department.
std::string exportCsv(const std::vector<FigureRow>& rows);

}  // namespace jamul::console
