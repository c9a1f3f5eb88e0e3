// SPDX-License-Identifier: Apache-2.0
// jamul-age-bench: Jamul's age implementation as a plain stream tool, so that bench/crypto_bench.sh
// can time it against the `age` CLI doing the same work on the same file:
//   jamul-age-bench encrypt RECIPIENT IN OUT      (like: age -r RECIPIENT -o OUT IN)
//   jamul-age-bench decrypt IDENTITY-FILE IN OUT  (like: age -d -i IDENTITY-FILE -o OUT IN)
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "jamul/crypto/age.h"

namespace age = jamul::crypto::age;

namespace {

int fail(const std::string& what) {
  std::fprintf(stderr, "jamul-age-bench: %s\n", what.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) return fail("usage: encrypt RECIPIENT IN OUT | decrypt IDENTITY-FILE IN OUT");
  const std::string mode = argv[1];
  const int in = ::open(argv[3], O_RDONLY | O_CLOEXEC);
  const int out = ::open(argv[4], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (in < 0 || out < 0) return fail("cannot open the input or output");
  age::FdSource source(in);
  age::BufferedFdSink sink(out);  // as the agent's sealer writes
  if (mode == "encrypt") {
    auto recipient = age::X25519Recipient::parse(argv[2]);
    if (!recipient) return fail(recipient.error().toString());
    const std::vector<age::Recipient> to = {*recipient};
    if (auto s = age::encrypt(source, sink, to); !s) return fail(s.error().toString());
  } else if (mode == "decrypt") {
    std::ifstream file(argv[2]);
    std::stringstream text;
    text << file.rdbuf();
    auto ids = age::parseIdentityFile(text.str());
    if (!ids) return fail(ids.error().toString());
    std::vector<age::Identity> with;
    for (const auto& id : *ids) with.emplace_back(&id);
    if (auto r = age::decrypt(source, sink, with); !r) return fail(r.error().toString());
  } else {
    return fail("unknown mode " + mode);
  }
  if (auto s = sink.flush(); !s) return fail(s.error().toString());
  ::close(in);
  return ::close(out) == 0 ? 0 : fail("close failed");
}
