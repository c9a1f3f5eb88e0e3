// SPDX-License-Identifier: Apache-2.0
#include "jamul/agent/data_dirs.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace jamul::agent {
namespace {

// Creates `path` with mode 0700 unless it exists. An existing one keeps its mode (the user's own
// ~/.local may be a link, or shared on purpose) but must be a directory.
Status makeDirectory(const std::string& path) {
  if (::mkdir(path.c_str(), 0700) == 0) return okStatus();
  if (errno != EEXIST) return errorFromErrno(errno, "create data directory", path);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return errorFromErrno(errno, "data directory", path);
  if (!S_ISDIR(st.st_mode)) return Error(ErrorCode::kIo, "data directory: not a directory", path);
  return okStatus();
}

// makeDirectory() for `path` and every missing folder above it (XDG: "an attempt should be made to
// create it"), e.g. XDG_DATA_HOME=/srv/agent/data where /srv/agent does not exist yet.
Status makeDirectories(const std::string& path) {
  for (std::size_t slash = path.find('/', 1); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    const std::string parent = path.substr(0, slash);
    struct stat st {};
    if (::stat(parent.c_str(), &st) == 0) continue;  // exists (checked by the next mkdir, if ours)
    JAMUL_RETURN_IF_ERROR(makeDirectory(parent));
  }
  return makeDirectory(path);
}

}  // namespace

Result<std::string> defaultDataDir() {
  std::string base;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && xdg[0] == '/') {
    base = xdg;
  } else {
    std::string home;
    if (const char* env = std::getenv("HOME"); env != nullptr && env[0] != '\0') {
      home = env;
    } else if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_dir != nullptr) {
      home = pw->pw_dir;
    } else {
      return Error(ErrorCode::kNotFound, "no home directory for the data directory (set HOME)");
    }
    JAMUL_RETURN_IF_ERROR(makeDirectory(home + "/.local"));
    base = home + "/.local/share";
  }
  JAMUL_RETURN_IF_ERROR(makeDirectories(base));
  const std::string dir = base + "/jamul";
  JAMUL_RETURN_IF_ERROR(makeDirectory(dir));
  return dir;
}

}  // namespace jamul::agent

