// SPDX-License-Identifier: Apache-2.0
#include "service/content_digest.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

namespace jamul::agent {

Result<std::string> contentDigest(const crypto::KeyedHasher& hasher, const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return errorFromErrno(errno, "cannot open the file", path);
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st{};
  if (::fstat(fd, &st) != 0) return errorFromErrno(errno, "cannot look at the file", path);
  if (!S_ISREG(st.st_mode)) return Error(ErrorCode::kInvalidArgument, "not a regular file", path);
  constexpr std::size_t kBlock = std::size_t{1} << 20;
  std::vector<char> block(kBlock);
  // "jamul content v1" | size | digest(block 0) | digest(block 1) | ...
  std::string list = "jamul content v1\n";
  std::uint64_t size = 0;
  for (;;) {
    std::size_t filled = 0;
    while (filled < kBlock) {
      const ssize_t n = ::read(fd, block.data() + filled, kBlock - filled);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return errorFromErrno(errno, "cannot read the file", path);
      if (n == 0) break;
      filled += static_cast<std::size_t>(n);
    }
    if (filled == 0 && size > 0) break;
    size += filled;
    const ValueDigest d = hasher.digest(std::string_view(block.data(), filled));
    list.append(reinterpret_cast<const char*>(d.data()), d.size());
    if (filled < kBlock) break;
  }
  list += "\n" + std::to_string(size);
  return toHex(hasher.digest(list));
}

}  // namespace jamul::agent
