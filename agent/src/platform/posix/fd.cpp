// SPDX-License-Identifier: Apache-2.0
#include "platform/fd.h"

#include <unistd.h>

namespace jamul::agent {

void Fd::reset(int fd) {
  if (fd_ >= 0 && fd_ != fd) ::close(fd_);
  fd_ = fd;
}

}  // namespace jamul::agent
