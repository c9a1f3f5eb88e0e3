// SPDX-License-Identifier: Apache-2.0
#pragma once

// ensureSodium(): initialises libsodium once per process (sodium_init is thread-safe and idempotent,
// but its result must be checked before any other call).

#include "jamul/common/result.h"

namespace jamul::crypto {

Status ensureSodium();

}  // namespace jamul::crypto
