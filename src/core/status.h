// Status and Result<T>: how every library function reports failure.
//
// A failed Status carries one message a user can act on ("what, where, what to do"). The library never
// throws for bad input and never exits; only the command-line tool turns a Status into an exit code.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include <fmt/format.h>

namespace qb {

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return !message_.has_value(); }
  const std::string& message() const {
    static const std::string kEmpty;
    return message_ ? *message_ : kEmpty;
  }
  // Prefixes the message with context, e.g. the file name: "model.tflite: tensor 3: ...".
  Status WithContext(const std::string& context) const {
    return ok() ? *this : Status(context + ": " + *message_);
  }

 private:
  explicit Status(std::string message) : message_(std::move(message)) {}
  std::optional<std::string> message_;
};

inline Status OkStatus() { return Status::Ok(); }

template <typename... Args>
Status Errorf(fmt::format_string<Args...> format, Args&&... args) {
  return Status::Error(fmt::format(format, std::forward<Args>(args)...));
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : value_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(value_).ok() && "Result built from an ok Status");
  }

  bool ok() const { return std::holds_alternative<T>(value_); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(value_); }
  T& value() & { return std::get<T>(value_); }
  const T& value() const& { return std::get<T>(value_); }
  T&& value() && { return std::get<T>(std::move(value_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> value_;
};

}  // namespace qb

#define QB_CONCAT_INNER(a, b) a##b
#define QB_CONCAT(a, b) QB_CONCAT_INNER(a, b)

#define QB_RETURN_IF_ERROR(expr)          \
  do {                                    \
    ::qb::Status qb_status_ = (expr);     \
    if (!qb_status_.ok()) return qb_status_; \
  } while (0)

#define QB_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()

#define QB_ASSIGN_OR_RETURN(lhs, expr) QB_ASSIGN_OR_RETURN_IMPL(QB_CONCAT(qb_result_, __LINE__), lhs, expr)
