// SPDX-License-Identifier: Apache-2.0
#pragma once

// The keys of in-place encryption (DESIGN.md §5, §8):
//  - the device key: an age X25519 identity, in a file in age-keygen's format (so that
//    `age -d -i FILE` opens our files too), created on first use with mode 0600 and atomically
//    (temporary file linked into place: two processes agree on one key, a crash leaves none
//    half-written). Loading refuses a link, a file owned by someone else, or one readable by
//    group or others. On Windows the same interface will keep it under DPAPI.
//  - the organisation recovery recipients: `age1...` public keys, one per line, in a plain file
//    (later from the signed policy). Their secret halves stay offline with IT.
// Key material is never printed or logged; errors name files, never their contents.
//
// Every function reads and writes through `env` (the OS seam, agent/src/platform/env.h; null: the
// system's).

#include <string>
#include <vector>

#include "jamul/common/result.h"
#include "jamul/crypto/age.h"

namespace jamul::agent {

class Env;

// Loads the device key at `path`, creating it when absent.
Result<crypto::age::X25519Identity> loadOrCreateDeviceKey(const std::string& path,
                                                          Env* env = nullptr);
// Loads it; kNotFound when there is none yet.
Result<crypto::age::X25519Identity> loadDeviceKey(const std::string& path,
                                                  Env* env = nullptr);

// Writes `identity` to a new file `path` (0600, refused if it exists) in age-keygen's format.
Status writeIdentityFile(const std::string& path, const crypto::age::X25519Identity& identity,
                         const std::string& comment, Env* env = nullptr);

// Reads the identities of an age identity file (`--identity FILE`, as `age -i` takes it: plain,
// or itself passphrase-encrypted, which needs `passphrase`), in memory that is wiped afterwards.
// Errors name the file: kNotFound, kTooLarge (over 64 KiB), kWrongKey (encrypted: a passphrase is
// needed, or it is wrong), kCorrupt.
Result<std::vector<crypto::age::X25519Identity>> readIdentityFile(
    const std::string& path, const crypto::age::Passphrase* passphrase = nullptr,
    Env* env = nullptr);

// The recovery recipients listed at `path` (none when the file is absent).
Result<std::vector<crypto::age::X25519Recipient>> loadRecoveryRecipients(
    const std::string& path, Env* env = nullptr);
// Adds `recipient` to the list at `path` (kept if already there).
Status addRecoveryRecipient(const std::string& path, const crypto::age::X25519Recipient& recipient,
                            Env* env = nullptr);

}  // namespace jamul::agent
