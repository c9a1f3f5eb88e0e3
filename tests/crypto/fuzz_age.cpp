// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the age format: the header parser (whose every accepted header must
// serialise back to exactly its input), decryption with fixed identities (the testkit's X25519
// key and passphrase, so that seeds from ../shared/age-testkit reach the payload and armor code),
// and the identity file parser. Built by the fuzz preset (tests/fuzz/).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "jamul/crypto/age.h"

namespace {

using namespace jamul::crypto::age;

// Discards plaintext, checking the decryption contract on the way: nothing after an error.
class NullSink final : public ByteSink {
 public:
  jamul::Status write(std::span<const std::uint8_t> bytes) override {
    written += bytes.size();
    return jamul::okStatus();
  }
  std::size_t written = 0;
};

struct Keys {
  Keys()
      : identity(*X25519Identity::parse(
            "AGE-SECRET-KEY-1XMWWC06LY3EE5RYTXM9MFLAZ2U56JJJ36S0MYPDRWSVLUL66MV4QX3S7F6")),
        passphrase(*Passphrase::from("password")) {
    // The testkit's scrypt vectors use small work factors; a larger one costs seconds per input.
    passphrase.max_work_factor = 12;
  }
  X25519Identity identity;
  Passphrase passphrase;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Keys* keys = new Keys();
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  auto parsed = parseHeader(input);
  if (parsed.ok() && serializeHeader(parsed->header) != input.substr(0, parsed->size)) std::abort();

  MemorySource in(input);
  NullSink out;
  const Identity ids[] = {&keys->identity, &keys->passphrase};
  auto info = decrypt(in, out, ids);
  if (info.ok() && info->plaintext_bytes != out.written) std::abort();

  (void)parseIdentityFile(input);
  return 0;
}
