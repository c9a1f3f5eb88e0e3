// SPDX-License-Identifier: Apache-2.0
#include "service/event_hub.h"

#include <algorithm>

#include "jamul/protocol/local_api.h"

namespace jamul::agent {

std::int64_t EventHub::subscribe(std::uint32_t uid, Sink sink) {
  std::lock_guard lock(mutex_);
  const std::int64_t id = next_id_++;
  subscribers_.push_back({id, uid, std::move(sink)});
  return id;
}

void EventHub::unsubscribe(std::int64_t id) {
  std::lock_guard lock(mutex_);
  std::erase_if(subscribers_, [id](const Subscriber& s) { return s.id == id; });
}

void EventHub::publish(std::string_view event, const protocol::JsonValue& data) {
  send(std::nullopt, event, data);
}

void EventHub::publishTo(std::uint32_t owner, std::string_view event,
                         const protocol::JsonValue& data) {
  send(owner, event, data);
}

std::size_t EventHub::subscribers() const {
  std::lock_guard lock(mutex_);
  return subscribers_.size();
}

void EventHub::send(std::optional<std::uint32_t> owner, std::string_view event,
                    const protocol::JsonValue& data) {
  std::lock_guard lock(mutex_);
  if (subscribers_.empty()) return;
  const std::string line = protocol::encodeEvent(event, data);
  std::erase_if(subscribers_, [&](const Subscriber& s) {
    if (owner && s.uid != *owner && s.uid != 0) return false;
    return !s.sink(line);
  });
}

}  // namespace jamul::agent
