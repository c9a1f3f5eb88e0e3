// SPDX-License-Identifier: Apache-2.0
#include "service/console_context.h"

#include <chrono>

namespace jamul::console {

std::int64_t systemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace jamul::console
