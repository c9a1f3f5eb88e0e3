// SPDX-License-Identifier: Apache-2.0
// The files an inventory keeps beside itself (jamul/agent/data_dirs.h).
#include "jamul/agent/data_dirs.h"

namespace jamul::agent {

bool isInventoryFile(std::string_view inventory_name, std::string_view name) {
  if (!name.starts_with(inventory_name)) return false;
  const std::string_view suffix = name.substr(inventory_name.size());
  for (std::string_view own : {"", "-wal", "-shm", "-journal", ".key", ".device-key",
                               ".recovery-recipients", ".actions.lock", ".scan.lock"})
    if (suffix == own) return true;
  constexpr std::string_view kParsing = ".parsing.";
  if (!suffix.starts_with(kParsing) || suffix.size() == kParsing.size()) return false;
  for (char c : suffix.substr(kParsing.size()))
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace jamul::agent
