// SPDX-License-Identifier: Apache-2.0
#include "sodium_init.h"

#include <sodium.h>

namespace jamul::crypto {

Status ensureSodium() {
  static const int result = sodium_init();  // 0: initialised now, 1: already; -1: failure
  if (result < 0) return Error(ErrorCode::kUnavailable, "libsodium failed to initialise");
  return okStatus();
}

}  // namespace jamul::crypto
