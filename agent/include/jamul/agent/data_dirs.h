// SPDX-License-Identifier: Apache-2.0
#pragma once

// Where Jamul keeps per-user data: $XDG_DATA_HOME/jamul, else ~/.local/share/jamul (XDG Base
// Directory spec). Windows (%LOCALAPPDATA%\Jamul) comes with the Windows port.

#include <string>
#include <string_view>

#include "jamul/common/result.h"

namespace jamul::agent {

// Returns the data directory: $XDG_DATA_HOME/jamul when XDG_DATA_HOME is an absolute path (the
// spec says to ignore a relative one), else $HOME/.local/share/jamul (HOME unset: the passwd
// entry's home). Creates the missing directories on the way, mode 0700; existing ones keep their
// mode. Fails with kNotFound when no home directory is known, kIo when a component exists but is
// not a directory, or the error (kPermissionDenied, kIo) that stopped a creation.
//
// Thread-safety: reads the environment; do not call while another thread changes it.
Result<std::string> defaultDataDir();

// Whether `name` (a file name, no folder) is one of the files an inventory named `inventory_name`
// keeps beside itself: the database and SQLite's -wal, -shm and -journal files, the value-digest
// key (.key), the device key and recovery recipients, the lock files, and the parse journals
// (.parsing.PID). A scan of the folder that holds them passes them over: they are Jamul's, and
// hold no personal data but masked excerpts.
bool isInventoryFile(std::string_view inventory_name, std::string_view name);

}  // namespace jamul::agent
