// SPDX-License-Identifier: Apache-2.0
#pragma once

// The age payload (age-encryption.org/v1, "Payload"): after the header, a 16-byte nonce, then the
// plaintext in 64 KiB chunks, each sealed with ChaCha20-Poly1305 under
//   payload key = HKDF-SHA-256(ikm = file key, salt = nonce, info = "payload")
// and the 12-byte nonce  counter (11 bytes, big endian, from 0) || last-chunk flag (0x01 or 0x00).
// The last chunk may be short, and is empty only when the whole payload is. This is STREAM
// (Hoang, Reyhanitabar, Rogaway, Vizár 2015): a cut, reordered, duplicated or extended payload
// fails authentication at the chunk where it was changed.
//
// Speed: chunks move in batches of kChunksPerBatch (512 KiB). A payload of one batch (most
// files) is processed on the caller's thread alone. A longer one gets a second thread: while it
// starts on batch i, the caller reads batch i+1, then both claim the remaining chunks of batch i,
// and the caller writes batch i while the worker starts on batch i+1. So on two cores reads,
// writes and the crypto overlap, which is what lets libsodium's ChaCha20-Poly1305 (two passes,
// about 1 GB/s per core) keep up with Go's fused assembly in `age`.
// Memory: two batches of input and output, about 2 MiB, allocated once per call; buffers that
// held plaintext are wiped.
//
// Thread-safety: pure functions; the source and sink are used from the caller's thread only.

#include <cstdint>

#include "age/buffered_reader.h"
#include "jamul/common/result.h"
#include "jamul/crypto/age_io.h"
#include "jamul/crypto/secret_bytes.h"

namespace jamul::crypto::age::detail {

inline constexpr std::size_t kChunkBytes = 64 * 1024;
inline constexpr std::size_t kSealedChunkBytes = kChunkBytes + 16;
inline constexpr std::size_t kPayloadNonceBytes = 16;
inline constexpr std::size_t kChunksPerBatch = 8;
// The read-ahead of the header and armor readers in front of the payload.
inline constexpr std::size_t kReadAheadBytes = 64 * 1024;

// Writes the nonce and the sealed chunks of all of `plaintext` to `out`.
Status encryptPayload(const SecretBytes& file_key, ByteSource& plaintext, ByteSink& out);

// Reads the nonce and the sealed chunks from `in` to its end, writing the plaintext to `out`.
// Each chunk is written only once it has authenticated, and the chunks that did are written
// before an error is returned (as age does); a chunk that failed is never written. Errors:
// "age header: ..." (no nonce, as age reports it), "age payload: ..." (kCorrupt: no chunks, chunk
// N failed authentication, truncated, empty last chunk, data after the final chunk), or the
// source's and sink's own errors. Returns the plaintext size.
Result<std::uint64_t> decryptPayload(const SecretBytes& file_key, BufferedReader& in,
                                     ByteSink& out);

}  // namespace jamul::crypto::age::detail
