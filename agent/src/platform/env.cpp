// SPDX-License-Identifier: Apache-2.0
// The helpers of env.h, the same on every platform.
#include "platform/env.h"

namespace jamul::agent {

Result<std::string> readAll(Env& env, int fd, const std::string& path,
                            std::uint64_t max_bytes) {
  std::string text;
  std::uint8_t buffer[16384];
  for (;;) {
    JAMUL_ASSIGN_OR_RETURN(std::size_t n, env.read(fd, buffer, path));
    if (n == 0) return text;
    if (text.size() + n > max_bytes)
      return Error(ErrorCode::kTooLarge, "larger than " + std::to_string(max_bytes) + " bytes",
                   path);
    text.append(reinterpret_cast<const char*>(buffer), n);
  }
}

Status writeAll(Env& env, int fd, std::string_view text, const std::string& path) {
  return env.writeAll(
      fd, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), path);
}

bool exists(Env& env, const std::string& path) { return env.statPath(path).ok(); }

std::string folderOf(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string nameOf(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace jamul::agent
