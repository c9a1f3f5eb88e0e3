// SPDX-License-Identifier: Apache-2.0
#include "setup/tls_certificate.h"

#include <Poco/DigestEngine.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fcntl.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <memory>

namespace jamul::console {
namespace {

struct Deleter {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(X509* p) const { X509_free(p); }
  void operator()(FILE* p) const { std::fclose(p); }
  void operator()(BIGNUM* p) const { BN_free(p); }
};
template <typename T>
using Owned = std::unique_ptr<T, Deleter>;

constexpr long kTenYearsSeconds = 10L * 366 * 24 * 3600;

std::string hostName() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return {};
  std::string out(name);
  // Only a name that is a valid DNS label sequence goes into the certificate.
  for (char c : out) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.')) return {};
  }
  return out;
}

bool addExtension(X509* cert, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (ext == nullptr) return false;
  const bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

Result<Owned<X509>> makeCertificate(EVP_PKEY* key) {
  Owned<X509> cert(X509_new());
  if (!cert) return Error(ErrorCode::kInternal, "X509_new failed");
  X509_set_version(cert.get(), 2);
  unsigned char serial_bytes[16];
  if (RAND_bytes(serial_bytes, sizeof serial_bytes) != 1) {
    return Error(ErrorCode::kInternal, "RAND_bytes failed");
  }
  serial_bytes[0] &= 0x7f;  // a positive serial
  Owned<BIGNUM> serial(BN_bin2bn(serial_bytes, sizeof serial_bytes, nullptr));
  BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get()));
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), kTenYearsSeconds);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("jamul-console"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("Jamul"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  std::string san = "DNS:localhost,IP:127.0.0.1,IP:::1";
  if (std::string host = hostName(); !host.empty() && host != "localhost") san += ",DNS:" + host;
  // CA:TRUE: the self-signed certificate is its own trust anchor (`jamul agent enroll --ca`).
  if (!addExtension(cert.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0") ||
      !addExtension(cert.get(), NID_key_usage, "critical,digitalSignature,keyCertSign") ||
      !addExtension(cert.get(), NID_ext_key_usage, "serverAuth") ||
      !addExtension(cert.get(), NID_subject_key_identifier, "hash") ||
      !addExtension(cert.get(), NID_subject_alt_name, san)) {
    return Error(ErrorCode::kInternal, "cannot add the certificate's extensions");
  }
  if (X509_sign(cert.get(), key, EVP_sha256()) == 0) {
    return Error(ErrorCode::kInternal, "cannot sign the certificate");
  }
  return cert;
}

// Writes through a temporary file and renames it, so a crash never leaves half a key.
template <typename WriteFn>
Status writePem(const std::string& path, mode_t mode, WriteFn write) {
  const std::string tmp = path + ".tmp";
  ::unlink(tmp.c_str());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return errorFromErrno(errno, "create", tmp);
  Owned<FILE> file(fdopen(fd, "w"));
  if (!file) {
    ::close(fd);
    return errorFromErrno(errno, "fdopen", tmp);
  }
  if (!write(file.get()) || std::fflush(file.get()) != 0 || ::fsync(fd) != 0) {
    return Error(ErrorCode::kIo, "cannot write", tmp);
  }
  file.reset();
  if (::rename(tmp.c_str(), path.c_str()) != 0) return errorFromErrno(errno, "rename", path);
  return okStatus();
}

}  // namespace

Status createSelfSignedCertificate(const std::string& cert_path, const std::string& key_path) {
  Owned<EVP_PKEY> key(EVP_EC_gen("P-256"));
  if (!key) return Error(ErrorCode::kInternal, "cannot generate an EC P-256 key");
  JAMUL_ASSIGN_OR_RETURN(Owned<X509> cert, makeCertificate(key.get()));
  JAMUL_RETURN_IF_ERROR(writePem(key_path, 0600, [&](FILE* f) {
    return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
  }));
  return writePem(cert_path, 0644,
                  [&](FILE* f) { return PEM_write_X509(f, cert.get()) == 1; });
}

Result<std::string> certificateSha256(const std::string& cert_path) {
  Owned<FILE> file(std::fopen(cert_path.c_str(), "re"));
  if (!file) return errorFromErrno(errno, "open", cert_path);
  Owned<X509> cert(PEM_read_X509(file.get(), nullptr, nullptr, nullptr));
  if (!cert) return Error(ErrorCode::kCorrupt, "no PEM certificate in the file", cert_path);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_digest(cert.get(), EVP_sha256(), digest, &length) != 1) {
    return Error(ErrorCode::kInternal, "cannot digest the certificate", cert_path);
  }
  return Poco::DigestEngine::digestToHex(Poco::DigestEngine::Digest(digest, digest + length));
}

}  // namespace jamul::console
