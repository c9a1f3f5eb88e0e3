// SPDX-License-Identifier: Apache-2.0
#pragma once

// Where Jamul keeps per-user data: $XDG_DATA_HOME/jamul, else ~/.local/share/jamul (XDG Base
// Directory spec). Windows (%LOCALAPPDATA%\Jamul) comes with the Windows port.

#include <string>

#include "jamul/common/result.h"

namespace jamul::agent {

// Returns the data directory, creating it (mode 0700) if needed. Fails with kNotFound when no home
// directory is known, or the error that stopped its creation.
Result<std::string> defaultDataDir();

}  // namespace jamul::agent
