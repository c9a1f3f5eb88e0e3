// SPDX-License-Identifier: Apache-2.0
#include "jamul/common/result.h"

#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <memory>

namespace jamul {
namespace {

Result<int> half(int n) {
  if (n % 2 != 0) return Error(ErrorCode::kInvalidArgument, "odd", std::to_string(n));
  return n / 2;
}

Result<int> quarter(int n) {
  JAMUL_ASSIGN_OR_RETURN(const int h, half(n));
  return half(h);
}

Status checkEven(int n) {
  JAMUL_RETURN_IF_ERROR(half(n));
  return okStatus();
}

BOOST_AUTO_TEST_SUITE(result)

BOOST_AUTO_TEST_CASE(values_and_errors) {
  const Result<int> ok = half(8);
  BOOST_TEST(ok.ok());
  BOOST_TEST(*ok == 4);
  const Result<int> bad = half(3);
  BOOST_TEST(!bad.ok());
  BOOST_TEST((bad.error().code() == ErrorCode::kInvalidArgument));
  BOOST_TEST(bad.error().toString() == "3: odd");
  Result<std::unique_ptr<int>> moved(std::make_unique<int>(7));
  std::unique_ptr<int> p = std::move(moved).value();
  BOOST_TEST(*p == 7);
}

BOOST_AUTO_TEST_CASE(propagation_macros) {
  BOOST_TEST(*quarter(8) == 2);
  BOOST_TEST(quarter(6).error().subject() == "3");
  BOOST_TEST(checkEven(2).ok());
  BOOST_TEST(!checkEven(1).ok());
}

BOOST_AUTO_TEST_CASE(errno_mapping) {
  BOOST_TEST((errorFromErrno(ENOENT, "open", "/x").code() == ErrorCode::kNotFound));
  BOOST_TEST((errorFromErrno(EACCES, "open").code() == ErrorCode::kPermissionDenied));
  BOOST_TEST((errorFromErrno(ENOSPC, "write").code() == ErrorCode::kIo));
  const Error e = errorFromErrno(EACCES, "open", "/secret");
  BOOST_TEST(e.message() == "open: Permission denied");
  BOOST_TEST(e.subject() == "/secret");
  BOOST_TEST(errorCodeName(ErrorCode::kPermissionDenied) == "permission_denied");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul
