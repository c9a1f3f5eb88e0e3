// SPDX-License-Identifier: Apache-2.0
#pragma once

// Identity files, as `age -i FILE` reads them and `age-keygen` writes them:
//
//   # created: 2026-12-02T10:00:00Z
//   # public key: age1...
//   AGE-SECRET-KEY-1...
//
// One identity per line; lines starting with `#` and blank lines are skipped; CRLF line ends and
// spaces around a key are tolerated. Only X25519 identities are supported: a plugin identity
// (`AGE-PLUGIN-...`) or an SSH key is kUnsupportedFormat.
//
// An *encrypted identity file* is an age file (binary or armored) whose plaintext is an identity
// file: what `age-keygen | age -p -a > key.age` makes, and what `age -i key.age` opens after asking
// for the passphrase. parseIdentityFile() recognises one and opens it with the passphrase given.
//
// Limit: kMaxIdentityFileBytes (identity files are small; a bigger file is not one).
//
// Errors never quote a line (it may be a key): they give its number.
//
// Reading the file is the caller's (the agent's Env: agent/src/protect/device_keys.h), so that
// this module touches no file system.
//
// Thread-safety: pure functions.

#include <string>
#include <string_view>
#include <vector>

#include "jamul/common/result.h"
#include "jamul/crypto/age_keys.h"

namespace jamul::crypto::age {

inline constexpr std::size_t kMaxIdentityFileBytes = 1 << 20;

// Whether `text` is an encrypted identity file (an age file, binary or armored).
bool isEncryptedIdentityFile(std::string_view text);

// The identities in `text`, in file order. For an encrypted identity file, `passphrase` opens it
// (without one: kWrongKey "passphrase-encrypted"; a wrong one: kWrongKey; a damaged file:
// kCorrupt). kInvalidArgument for a line that is not an identity, or a file without any;
// kUnsupportedFormat for plugin and SSH identities; kTooLarge beyond kMaxIdentityFileBytes.
Result<std::vector<X25519Identity>> parseIdentityFile(std::string_view text,
                                                      const Passphrase* passphrase = nullptr);

}  // namespace jamul::crypto::age
