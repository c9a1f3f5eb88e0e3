// SPDX-License-Identifier: Apache-2.0
#pragma once

// Secret key files (crypto-internal): a header line, then the key in base64. Shared by the
// value-hash key (keyed_hasher.h) and the console's policy-signing key (signing_key.h).
//
// Created with mode 0600, atomically (a temporary name linked into place: two processes starting
// at once agree on one key; a crash never leaves half a key). Reading refuses a symbolic link, a
// file of another user or one that group or others can read.

#include <cstddef>
#include <string>
#include <string_view>

#include "jamul/common/result.h"
#include "jamul/crypto/secret_bytes.h"

namespace jamul::crypto {

// The key of `key_bytes` bytes in the file at `path`, whose first line is `header` (with its
// '\n'). kNotFound (no file), kPermissionDenied, kCorrupt, kIo; messages name it `what`.
Result<SecretBytes> readSecretKeyFile(const std::string& path, std::string_view header,
                                      std::size_t key_bytes, std::string_view what);
// Creates the file with a new random key; succeeds too when another process created it first
// (the caller then reads theirs).
Status createSecretKeyFile(const std::string& path, std::string_view header, std::size_t key_bytes,
                           std::string_view what);

}  // namespace jamul::crypto
