// SPDX-License-Identifier: Apache-2.0
#include "jamul/common/error.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "jamul/common/check.h"

namespace jamul {

std::string_view errorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kPermissionDenied: return "permission_denied";
    case ErrorCode::kIo: return "io";
    case ErrorCode::kUnsupportedFormat: return "unsupported_format";
    case ErrorCode::kCorrupt: return "corrupt";
    case ErrorCode::kWrongKey: return "wrong_key";
    case ErrorCode::kCancelled: return "cancelled";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kTooLarge: return "too_large";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

std::optional<ErrorCode> errorCodeFromName(std::string_view name) {
  for (ErrorCode c :
       {ErrorCode::kInvalidArgument, ErrorCode::kNotFound, ErrorCode::kPermissionDenied,
        ErrorCode::kIo, ErrorCode::kUnsupportedFormat, ErrorCode::kCorrupt, ErrorCode::kWrongKey,
        ErrorCode::kCancelled, ErrorCode::kUnavailable, ErrorCode::kTooLarge, ErrorCode::kInternal})
    if (errorCodeName(c) == name) return c;
  return std::nullopt;
}

std::string Error::toString() const {
  if (subject_.empty()) return message_;
  return subject_ + ": " + message_;
}

Error errorFromErrno(int err, std::string_view what, std::string_view subject) {
  ErrorCode code = ErrorCode::kIo;
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      code = ErrorCode::kNotFound;
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      code = ErrorCode::kPermissionDenied;
      break;
    case EINVAL:
    case ENAMETOOLONG:
    case ELOOP:
      code = ErrorCode::kInvalidArgument;
      break;
    case EFBIG:
      code = ErrorCode::kTooLarge;
      break;
    default:
      break;
  }
  std::string message(what);
  message += ": ";
  message += std::strerror(err);  // strerror is thread-safe in glibc for known errno values
  return Error(code, std::move(message), std::string(subject));
}

namespace detail {
void checkFailed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "jamul: contract violated at %s:%d: %s\n", file, line, condition);
  std::abort();
}
}  // namespace detail

}  // namespace jamul
