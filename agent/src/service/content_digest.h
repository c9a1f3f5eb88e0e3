// SPDX-License-Identifier: Apache-2.0
#pragma once

// The keyed digest of a file's content that an exception request binds to (docs/console-api.md:
// an approval covers the file only while its content is the same). Keyed with the inventory's
// value-hash key (KeyedHasher), so the digest says nothing about the content to anyone without the
// key: each 1 MiB block is digested, then the list of block digests with the size (a streaming
// tree hash: memory stays bounded whatever the file's size).
//
// Thread-safety: a pure function of the file (it reads it).

#include <string>

#include "jamul/common/result.h"
#include "jamul/crypto/keyed_hasher.h"

namespace jamul::agent {

// Lower-case hex (32 characters). The file is opened without following a link at the last
// component. kNotFound, kPermissionDenied, kIo, kInvalidArgument (not a regular file).
Result<std::string> contentDigest(const crypto::KeyedHasher& hasher, const std::string& path);

}  // namespace jamul::agent
