// SPDX-License-Identifier: Apache-2.0
#pragma once

// Where Jamul keeps per-user data: $XDG_DATA_HOME/jamul, else ~/.local/share/jamul (XDG Base
// Directory spec). Windows (%LOCALAPPDATA%\Jamul) comes with the Windows port.

#include <string>

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

}  // namespace jamul::agent
