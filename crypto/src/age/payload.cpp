// SPDX-License-Identifier: Apache-2.0
#include "age/payload.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "age/hkdf.h"
#include "jamul/common/check.h"

namespace jamul::crypto::age::detail {
namespace {

constexpr std::size_t kTagBytes = crypto_aead_chacha20poly1305_ietf_ABYTES;
static_assert(kSealedChunkBytes == kChunkBytes + kTagBytes);

Error payloadError(std::string what) { return Error(ErrorCode::kCorrupt, "age payload: " + what); }

Result<SecretBytes> payloadKey(const SecretBytes& file_key, std::span<const std::uint8_t> nonce) {
  JAMUL_ASSIGN_OR_RETURN(SecretBytes key,
                         SecretBytes::allocate(crypto_aead_chacha20poly1305_ietf_KEYBYTES));
  hkdfSha256(file_key.bytes(), nonce, "payload", key.bytes());
  return key;
}

using ChunkNonce = std::array<std::uint8_t, crypto_aead_chacha20poly1305_ietf_NPUBBYTES>;

ChunkNonce chunkNonce(std::uint64_t counter, bool last) {
  ChunkNonce nonce{};  // bytes 0-2: the counter's high bytes, zero below 2^64 chunks
  for (int i = 0; i < 8; ++i) nonce[10 - i] = static_cast<std::uint8_t>(counter >> (8 * i));
  nonce[11] = last ? 1 : 0;
  return nonce;
}

// A buffer wiped when it goes (it may hold plaintext).
class WipedBuffer {
 public:
  explicit WipedBuffer(std::size_t size) : bytes_(size) {}
  ~WipedBuffer() { sodium_memzero(bytes_.data(), bytes_.size()); }
  WipedBuffer(const WipedBuffer&) = delete;
  WipedBuffer& operator=(const WipedBuffer&) = delete;
  std::uint8_t* data() { return bytes_.data(); }
  const std::uint8_t* data() const { return bytes_.data(); }
  std::size_t size() const { return bytes_.size(); }

 private:
  std::vector<std::uint8_t> bytes_;
};

// What processing one chunk gave: its output size, and for decryption why the stream stops here.
struct ChunkResult {
  std::size_t out_size = 0;
  std::optional<Error> failure;
};

// Up to kChunksPerBatch chunks of input, read with one byte of look-ahead (it tells whether the
// batch holds the final chunk; that byte then starts the next batch), and their output. Chunk j
// reads from input() + j * in_chunk and writes to out + j * out_chunk, so chunks can be processed
// in any order, by any thread: each claims the next unclaimed one.
struct Batch {
  Batch(std::size_t in_chunk_size, std::size_t out_chunk_size)
      : in(kHeadroom + kChunksPerBatch * in_chunk_size + 1),
        out(kChunksPerBatch * out_chunk_size),
        in_chunk(in_chunk_size),
        out_chunk(out_chunk_size) {}

  // The input starts at in.data() + in_start: kHeadroom, or one byte before it when the batch
  // starts with the previous one's look-ahead byte, so that the bulk read(2) lands 64-byte
  // aligned (a misaligned destination makes the kernel's copy about twice as slow).
  static constexpr std::size_t kHeadroom = 64;
  const std::uint8_t* input() const { return in.data() + in_start; }

  // The output to write: the chunks' outputs up to and including the first failure.
  std::size_t outSize() const {
    std::size_t size = 0;
    for (std::size_t j = 0; j < chunks; ++j) {
      size = j * out_chunk + results[j].out_size;
      if (results[j].failure) break;
    }
    return size;
  }
  const Error* failure() const {
    for (std::size_t j = 0; j < chunks; ++j)
      if (results[j].failure) return &*results[j].failure;
    return nullptr;
  }

  WipedBuffer in;
  WipedBuffer out;
  std::size_t in_start = kHeadroom;
  const std::size_t in_chunk, out_chunk;
  std::size_t in_size = 0;  // input bytes of this batch (the look-ahead byte excluded)
  std::size_t chunks = 0;   // at least one: an empty payload is one empty chunk
  bool last = false;        // holds the final chunk
  std::uint64_t first_counter = 0;
  std::array<ChunkResult, kChunksPerBatch> results;
  std::atomic<std::size_t> next_chunk{0};
};

// Fills `batch` from `source`, starting with the previous batch's look-ahead byte, if any.
Status readBatch(ByteSource& source, const Batch* previous, std::uint64_t first_counter,
                 Batch& batch) {
  std::size_t got = 0;
  batch.in_start = Batch::kHeadroom;
  if (previous != nullptr) {
    batch.in_start = Batch::kHeadroom - 1;
    batch.in.data()[batch.in_start] = previous->input()[previous->in_size];
    got = 1;
  }
  const std::size_t capacity = kChunksPerBatch * batch.in_chunk + 1;  // the batch and one byte more
  std::uint8_t* const base = batch.in.data() + batch.in_start;
  while (got < capacity) {
    JAMUL_ASSIGN_OR_RETURN(std::size_t n, source.read({base + got, capacity - got}));
    if (n == 0) break;
    got += n;
  }
  batch.last = got < capacity;
  batch.in_size = batch.last ? got : got - 1;
  batch.chunks =
      batch.last ? std::max<std::size_t>(1, (batch.in_size + batch.in_chunk - 1) / batch.in_chunk)
                 : kChunksPerBatch;
  batch.first_counter = first_counter;
  batch.results.fill({});
  batch.next_chunk.store(0, std::memory_order_relaxed);
  return okStatus();
}

using ChunkWork = std::function<void(Batch&, std::size_t)>;

// Claims and processes the batch's chunks until none is left.
void work(const ChunkWork& process, Batch& batch) {
  for (;;) {
    const std::size_t j = batch.next_chunk.fetch_add(1, std::memory_order_relaxed);
    if (j >= batch.chunks) return;
    process(batch, j);
  }
}

// A second thread working on one batch at a time beside the caller's.
class Worker {
 public:
  explicit Worker(const ChunkWork& process) : process_(process), thread_([this] { run(); }) {}
  ~Worker() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  void submit(Batch& batch) {
    {
      std::lock_guard lock(mutex_);
      JAMUL_CHECK(batch_ == nullptr);
      batch_ = &batch;
    }
    wake_.notify_all();
  }
  // Returns once the worker is done with the submitted batch; the caller's own work() on it must
  // have returned too for every chunk to be done.
  void wait() {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return batch_ == nullptr; });
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return stop_ || (batch_ != nullptr && !working_); });
      if (stop_) return;
      working_ = true;
      Batch* batch = batch_;
      lock.unlock();
      work(process_, *batch);
      lock.lock();
      working_ = false;
      batch_ = nullptr;
      done_.notify_all();
    }
  }

  const ChunkWork& process_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  Batch* batch_ = nullptr;
  bool working_ = false, stop_ = false;
  std::thread thread_;  // last: started once the rest is initialised
};

// The batch loop shared by both directions. While the worker starts on batch i, the caller reads
// batch i+1, then helps with what is left of batch i, and writes it while the worker starts on
// batch i+1: reads, writes and crypto overlap on two cores. A single-batch payload (most files)
// is processed inline, without a thread. `write` returns the batch's failure after writing what
// it may.
Status pipeline(ByteSource& source, std::size_t in_chunk, std::size_t out_chunk,
                const ChunkWork& process, const std::function<Status(Batch&)>& write) {
  std::array<std::optional<Batch>, 2> batches;
  batches[0].emplace(in_chunk, out_chunk);
  JAMUL_RETURN_IF_ERROR(readBatch(source, nullptr, 0, *batches[0]));
  if (batches[0]->last) {
    work(process, *batches[0]);
    return write(*batches[0]);
  }
  batches[1].emplace(in_chunk, out_chunk);
  Worker worker(process);
  worker.submit(*batches[0]);
  for (std::size_t i = 0;; ++i) {
    Batch& current = *batches[i % 2];
    Batch& next = *batches[(i + 1) % 2];
    const bool more = !current.last;
    Status read = okStatus();
    if (more) read = readBatch(source, &current, current.first_counter + kChunksPerBatch, next);
    work(process, current);
    worker.wait();
    if (more && read && current.failure() == nullptr) worker.submit(next);
    const Status written = write(current);
    if (!written || !read) {
      worker.wait();  // `next` may be in flight; it must not outlive its buffers
      return !written ? written : read;
    }
    if (!more) return okStatus();
  }
}

void sealChunk(const SecretBytes& key, Batch& batch, std::size_t j) {
  const std::size_t offset = j * kChunkBytes;
  const std::size_t n = std::min(kChunkBytes, batch.in_size - offset);  // 0 for an empty payload
  const bool last = batch.last && j + 1 == batch.chunks;
  const ChunkNonce nonce = chunkNonce(batch.first_counter + j, last);
  unsigned long long sealed = 0;
  crypto_aead_chacha20poly1305_ietf_encrypt(batch.out.data() + j * kSealedChunkBytes, &sealed,
                                            batch.input() + offset, n, nullptr, 0, nullptr,
                                            nonce.data(), key.bytes().data());
  batch.results[j].out_size = static_cast<std::size_t>(sealed);
}

void openChunk(const SecretBytes& key, Batch& batch, std::size_t j) {
  ChunkResult& result = batch.results[j];
  const std::uint64_t counter = batch.first_counter + j;
  const auto name = [counter] { return "chunk " + std::to_string(counter); };
  const std::size_t offset = j * kSealedChunkBytes;
  const bool last = batch.last && j + 1 == batch.chunks;
  const std::size_t n = last ? batch.in_size - offset : kSealedChunkBytes;
  if (n == 0) {
    result.failure = payloadError("no chunks (the file ends after the nonce)");
    return;
  }
  if (n < kTagBytes) {
    result.failure = payloadError("truncated: " + name() + " is shorter than its tag");
    return;
  }
  if (last && n == kTagBytes && counter > 0) {
    result.failure = payloadError("the last chunk is empty");
    return;
  }
  const std::uint8_t* sealed = batch.input() + offset;
  std::uint8_t* plain = batch.out.data() + j * kChunkBytes;
  unsigned long long plain_size = 0;
  const auto open = [&](bool last_flag) {
    const ChunkNonce nonce = chunkNonce(counter, last_flag);
    return crypto_aead_chacha20poly1305_ietf_decrypt(plain, &plain_size, nullptr, sealed, n,
                                                     nullptr, 0, nonce.data(),
                                                     key.bytes().data()) == 0;
  };
  if (open(last)) {
    result.out_size = static_cast<std::size_t>(plain_size);
    return;
  }
  // A full chunk that is authentic under the other flag: the payload was cut right after a middle
  // chunk, or data follows the final one. That chunk itself is authentic and is released (as age
  // does); the error says the whole is not.
  if (n == kSealedChunkBytes && open(!last)) {
    result.out_size = static_cast<std::size_t>(plain_size);
    result.failure =
        payloadError(last ? "truncated: the file ends before the final chunk (after " + name() + ")"
                          : "data after the final chunk (" + name() + ")");
    return;
  }
  result.failure =
      payloadError(name() + " failed authentication (damaged, reordered or truncated)");
}

}  // namespace

Status encryptPayload(const SecretBytes& file_key, ByteSource& plaintext, ByteSink& out) {
  std::array<std::uint8_t, kPayloadNonceBytes> nonce{};
  randombytes_buf(nonce.data(), nonce.size());  // fresh for each file (spec: MUST)
  JAMUL_ASSIGN_OR_RETURN(const SecretBytes key, payloadKey(file_key, nonce));
  JAMUL_RETURN_IF_ERROR(out.write(nonce));
  return pipeline(
      plaintext, kChunkBytes, kSealedChunkBytes,
      [&](Batch& b, std::size_t j) { sealChunk(key, b, j); },
      [&](Batch& b) {
        return out.write({b.out.data(), b.outSize()});
      });
}

Result<std::uint64_t> decryptPayload(const SecretBytes& file_key, BufferedReader& in,
                                     ByteSink& out) {
  JAMUL_ASSIGN_OR_RETURN(std::size_t have, in.fill(kPayloadNonceBytes));
  if (have < kPayloadNonceBytes)
    return Error(ErrorCode::kCorrupt,
                 "age header: no payload nonce (the file ends after the header)");
  JAMUL_ASSIGN_OR_RETURN(const SecretBytes key,
                         payloadKey(file_key, in.buffered().first(kPayloadNonceBytes)));
  in.consume(kPayloadNonceBytes);
  std::uint64_t total = 0;
  const auto release = [&](Batch& b) -> Status {
    const std::size_t size = b.outSize();
    if (size > 0) JAMUL_RETURN_IF_ERROR(out.write({b.out.data(), size}));
    total += size;
    if (const Error* failure = b.failure()) return *failure;
    return okStatus();
  };
  const Status status = pipeline(
      in, kSealedChunkBytes, kChunkBytes, [&](Batch& b, std::size_t j) { openChunk(key, b, j); },
      release);
  if (!status) return status.error();
  return total;
}

}  // namespace jamul::crypto::age::detail
