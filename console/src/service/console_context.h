// SPDX-License-Identifier: Apache-2.0
#pragma once

// ConsoleContext: what the HTTP handlers and the admin CLI share — the store, the policy-signing
// key, the enrollment secret, the limits and the clock. main() (or a test) builds it once; the
// handlers borrow it for the server's lifetime.
//
// Thread-safety: read-only after construction (Store and SigningKey are thread-safe).

#include <cstdint>
#include <functional>
#include <string>

#include "jamul/crypto/signing_key.h"
#include "store/store.h"

namespace jamul::console {

struct ConsoleSettings {
  int heartbeat_seconds = 60;                     // told to agents at enrollment and heartbeat
  std::int64_t token_max_age_ms = 24LL * 3600'000;  // agent tokens rotate once this old
  std::int64_t session_max_ms = 8LL * 3600'000;     // an admin session ends after 8 h ...
  std::int64_t session_idle_ms = 30LL * 60'000;     // ... or 30 min without a request
  std::int64_t long_offline_ms = 7LL * 86'400'000;
  // Rate limits: failures per window before 429.
  int enroll_failures_per_address = 10;
  std::int64_t enroll_window_ms = 10LL * 60'000;
  int login_failures_per_user = 5;
  int login_failures_per_address = 20;
  std::int64_t login_window_ms = 15LL * 60'000;
  std::int64_t request_timeout_ms = 30'000;  // a request must arrive whole within this
};

struct ConsoleContext {
  Store& store;
  const crypto::SigningKey& signing_key;
  std::string enrollment_secret;
  ConsoleSettings settings;
  std::function<std::int64_t()> now_ms;  // milliseconds since the epoch
};

// The wall clock, for main().
std::int64_t systemNowMs();

}  // namespace jamul::console
