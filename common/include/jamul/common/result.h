// SPDX-License-Identifier: Apache-2.0
#pragma once

// Result<T>: a value or an Error, returned by every fallible function of a module API (STYLE.md,
// "Errors"). Status is Result<void>. Modelled on std::expected (C++23), which C++20 lacks.
//
//   Result<FileReport> r = scanner.scan(entry);
//   if (!r) return r.error();          // propagate
//   use(*r);
//
// Accessing value() of an error Result (or error() of a value) is a contract violation and aborts.
//
// Thread-safety: a value type.

#include <utility>
#include <variant>

#include "jamul/common/check.h"
#include "jamul/common/error.h"

namespace jamul {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { JAMUL_CHECK(ok()); return std::get<0>(state_); }
  const T& value() const& { JAMUL_CHECK(ok()); return std::get<0>(state_); }
  T&& value() && { JAMUL_CHECK(ok()); return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { JAMUL_CHECK(!ok()); return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), has_error_(true) {}  // NOLINT: implicit by design

  bool ok() const { return !has_error_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { JAMUL_CHECK(has_error_); return error_; }

 private:
  Error error_{ErrorCode::kInternal, {}};
  bool has_error_ = false;
};

using Status = Result<void>;

inline Status okStatus() { return {}; }

}  // namespace jamul

// Returns the error of a failed Status/Result from the enclosing function.
#define JAMUL_RETURN_IF_ERROR(expr)                   \
  do {                                                \
    if (auto jamul_status_ = (expr); !jamul_status_)  \
      return jamul_status_.error();                   \
  } while (false)

#define JAMUL_CONCAT_INNER_(a, b) a##b
#define JAMUL_CONCAT_(a, b) JAMUL_CONCAT_INNER_(a, b)

// `JAMUL_ASSIGN_OR_RETURN(auto x, makeX());` declares x from a Result's value, or returns its error.
#define JAMUL_ASSIGN_OR_RETURN(lhs, expr)                                           \
  auto JAMUL_CONCAT_(jamul_result_, __LINE__) = (expr);                             \
  if (!JAMUL_CONCAT_(jamul_result_, __LINE__))                                      \
    return JAMUL_CONCAT_(jamul_result_, __LINE__).error();                          \
  lhs = std::move(JAMUL_CONCAT_(jamul_result_, __LINE__)).value()
