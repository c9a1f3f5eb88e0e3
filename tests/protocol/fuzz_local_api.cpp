// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the local API's decoders (issue 15): what any local user can send to the
// root agent (parseLocalRequest), what an agent or an impostor sends a client (parseLocalMessage),
// and the policy document the agent reads (parsePolicy). Beyond "no crash, no leak, no hang"
// (the sanitizers), whatever decodes must encode and decode again to the same message.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "jamul/protocol/local_api.h"
#include "jamul/protocol/policy.h"

namespace {

using namespace jamul::protocol;

void require(bool condition) {
  if (!condition) std::abort();
}

std::string reencode(const LocalMessage& m) {
  if (m.kind == LocalMessage::Kind::kEvent) return encodeEvent(m.event, m.data);
  if (m.ok) return encodeReply(m.id, m.result);
  return encodeErrorReply(m.id, errorOf(m));
}

const PolicyVocabulary& vocabulary() {
  static const std::string_view rules[] = {"kr_rrn", "kr_phone", "email", "kr_passport"};
  static const PolicyVocabulary v{rules};
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view line = input;
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);

  if (auto request = parseLocalRequest(line)) {
    const std::string once = encodeLocalRequest(*request);
    require(!once.empty() && once.back() == '\n');
    auto again = parseLocalRequest(std::string_view(once).substr(0, once.size() - 1));
    require(again.ok());
    require(encodeLocalRequest(*again) == once);
  }
  if (auto message = parseLocalMessage(line)) {
    const std::string once = reencode(*message);
    auto again = parseLocalMessage(std::string_view(once).substr(0, once.size() - 1));
    require(again.ok());
    require(reencode(*again) == once);
  }
  if (auto policy = parsePolicy(input, vocabulary())) {
    const std::string once = policyToJson(*policy);
    auto again = parsePolicy(once, vocabulary());
    require(again.ok());
    require(policyToJson(*again) == once);
  }
  return 0;
}
