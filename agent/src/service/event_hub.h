// SPDX-License-Identifier: Apache-2.0
#pragma once

// EventHub: the local API's event stream (docs/local-api.md "Events"). A connection that sent
// "subscribe" is a subscriber with the peer's uid; the agent publishes
//   - to everyone: "progress" and "state" (counts and states, never a path);
//   - to one user (and root): "found" and "question", which name that user's files.
// So a user never learns the name of another user's file from an event.
//
// A subscriber's sink returns false when its connection is gone (or too slow to take a line): it
// is dropped then.
//
// Thread-safety: every member may be called from any thread. Sinks are called under the hub's
// lock, one line at a time, so they must not call back into the hub.

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/protocol/json_value.h"

namespace jamul::agent {

class EventHub {
 public:
  using Sink = std::function<bool(const std::string& line)>;

  // Returns the subscription's id, for unsubscribe().
  std::int64_t subscribe(std::uint32_t uid, Sink sink);
  void unsubscribe(std::int64_t id);

  // To every subscriber.
  void publish(std::string_view event, const protocol::JsonValue& data);
  // To the subscribers whose uid is `owner`, and to root's.
  void publishTo(std::uint32_t owner, std::string_view event, const protocol::JsonValue& data);

  std::size_t subscribers() const;

 private:
  void send(std::optional<std::uint32_t> owner, std::string_view event,
            const protocol::JsonValue& data);

  struct Subscriber {
    std::int64_t id = 0;
    std::uint32_t uid = 0;
    Sink sink;
  };
  mutable std::mutex mutex_;
  std::vector<Subscriber> subscribers_;
  std::int64_t next_id_ = 1;
};

}  // namespace jamul::agent
