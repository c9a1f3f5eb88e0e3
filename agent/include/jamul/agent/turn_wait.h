// SPDX-License-Identifier: Apache-2.0
#pragma once

// TurnWait: how a process waits for its turn at something another Jamul process holds (a scan of
// the same inventory, the encryption journal). Processes take turns rather than fail: the agent
// scans while the CLI and the tray read and act.
//
// Thread-safety: a value type; `cancel` is read from the waiting thread.

#include <atomic>
#include <functional>

namespace jamul::agent {

struct TurnWait {
  // Called once, before waiting, when another process has the turn (e.g. to print "waiting for
  // another scan ..."). May be empty.
  std::function<void()> waiting;
  // When it becomes true, the wait ends with kCancelled. May be null.
  const std::atomic<bool>* cancel = nullptr;
};

}  // namespace jamul::agent
