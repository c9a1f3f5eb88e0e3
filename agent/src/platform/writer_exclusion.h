// SPDX-License-Identifier: Apache-2.0
#pragma once

// WriterExclusion: keeps other programs from writing to a file while Jamul encrypts or shreds it,
// or, where the OS cannot enforce that, notices them. A program that has a document open for
// writing may write to it after Jamul has read it; encrypting it then loses those writes (issue
// 12). So a file that any process holds open for writing is refused, and a process that opens it
// for writing while the action runs makes the action stop before the original is touched.
//
// Mechanisms, best first (exclude() picks the best the file allows):
//  - kLease (Linux): a read lease on the descriptor the action reads through (fcntl F_SETLEASE,
//    F_RDLCK). The kernel refuses it while any process has the file open for writing. While it is
//    held, an open for writing or a truncate by anyone is made to wait (up to
//    /proc/sys/fs/lease-break-time, 45 s by default) and the lease shows the pending break:
//    stillExclusive() fails, the action rolls back and releases the lease, and the writer goes on
//    with the untouched original. Needs a file system with leases (local ones have them; NFS and
//    some FUSE file systems do not) and the file's owner or CAP_LEASE (root).
//  - kProcScan (Linux, elsewhere): every open descriptor of every process this one may inspect
//    (/proc/PID/fd, compared by device and inode) and its access mode (/proc/PID/fdinfo). Weaker:
//    it sees, it cannot stop; a writer that opens and closes between two looks is caught only by
//    the protocol's signature check (size and times), and a caller that is not root cannot see
//    other users' processes.
//  - Windows (later, platform/windows/): the file opened with FILE_SHARE_READ only, which fails
//    while another handle may write and refuses writers for as long as it is open.
//
// A lease's break is reported to its owner with SIGIO, whose default action ends the process:
// exclude() clears the descriptor's owner (nobody is signalled), sets SIGIO to be ignored (once, if
// nobody handles it) for the moment in between, and polls the lease instead.
//
// Thread-safety: one thread per WriterExclusion.

#include <sys/types.h>

#include <memory>
#include <string>

#include "jamul/common/result.h"

namespace jamul::agent {

class WriterExclusion {
 public:
  enum class Method { kBest, kLease, kProcScan };

  // Starts excluding writers of the file open read-only as `fd` (which must stay open until the
  // exclusion is released or destroyed) at `path`. Fails with kUnavailable ("open for writing in
  // another program") if a process has it open for writing, kInvalidArgument if `method` cannot
  // be used for this file (kLease where leases are not allowed), kIo.
  static Result<std::unique_ptr<WriterExclusion>> exclude(int fd, const std::string& path,
                                                          Method method = Method::kBest);
  virtual ~WriterExclusion() = default;

  // Whether no process has opened the file for writing since exclude(): kCancelled ("opened for
  // writing by another program during the run") otherwise. Call it right before the irreversible
  // step (the rename of the encrypted copy into place).
  virtual Status stillExclusive() = 0;
  // Stops excluding: a waiting writer goes on (the destructor does the same).
  virtual void release() = 0;
  virtual Method method() const = 0;
};

}  // namespace jamul::agent
