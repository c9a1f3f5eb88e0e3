// SPDX-License-Identifier: Apache-2.0
#pragma once

// The console's TLS certificate: the self-signed one made at first start (OpenSSL directly: Poco
// has no API to make one), and the SHA-256 fingerprint agents pin and admins compare.
//
// The certificate: EC P-256, SHA-256 signature, valid 10 years from an hour ago, subject
// CN=jamul-console, subjectAltName localhost, 127.0.0.1, ::1 and the machine's host name,
// extendedKeyUsage serverAuth. The key is written with mode 0600.
//
// Thread-safety: pure functions over files.

#include <string>

#include "jamul/common/result.h"

namespace jamul::console {

// Writes a new key to `key_path` and its certificate to `cert_path` (both replaced atomically).
// kIo when a file cannot be written, kInternal when OpenSSL fails.
Status createSelfSignedCertificate(const std::string& cert_path, const std::string& key_path);

// The SHA-256 of the DER form of the (first) certificate in the PEM file, lower-case hex.
// kNotFound, kCorrupt (no certificate in the file).
Result<std::string> certificateSha256(const std::string& cert_path);

}  // namespace jamul::console
