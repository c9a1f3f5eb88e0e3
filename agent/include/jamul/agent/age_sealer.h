// SPDX-License-Identifier: Apache-2.0
#pragma once

// AgeSealer: the Sealer of FileProtector in the age v1 format (crypto/include/jamul/crypto/age.h).
// seal() encrypts to the recipients; verify() and unseal() decrypt with the identities, which for
// encryption must include one of the recipients' keys (the device key), so that the protocol can
// prove each copy opens before it removes an original. Reads and writes go through the Env, so
// that a test's Env can make the disk fill up half-way through a copy.

#include <vector>

#include "jamul/agent/sealer.h"
#include "jamul/crypto/age.h"

namespace jamul::agent {

class Env;

class AgeSealer final : public Sealer {
 public:
  // The recipients' and identities' targets must outlive the sealer, and so must `env` (the OS
  // seam; null: the system's).
  AgeSealer(std::vector<crypto::age::Recipient> recipients,
            std::vector<crypto::age::Identity> identities, Env* env = nullptr);

  Result<ContentHash> seal(int plain_fd, int sealed_fd) override;
  Result<ContentHash> verify(int sealed_fd) override;
  Result<ContentHash> unseal(int sealed_fd, int plain_fd) override;
  Result<ContentHash> hash(int plain_fd) override;

 private:
  std::vector<crypto::age::Recipient> recipients_;
  std::vector<crypto::age::Identity> identities_;
  Env& env_;
};

}  // namespace jamul::agent
