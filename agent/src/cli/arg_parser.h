// SPDX-License-Identifier: Apache-2.0
#pragma once

// ArgParser: the command-line grammar of every `jamul` subcommand: `--name value`, `--name=value`,
// boolean `--name`, repeatable options, `--` ending options, and positional arguments in any order.
// Unknown options and missing values are kInvalidArgument errors whose message names the option.
//
// Thread-safety: none; one parser per command invocation.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/common/result.h"

namespace jamul::cli {

struct OptionSpec {
  std::string_view name;        // without the leading "--"
  std::string_view value_name;  // empty: a boolean flag
  std::string_view help;
};

class ArgParser {
 public:
  explicit ArgParser(std::span<const OptionSpec> specs) : specs_(specs) {}

  Status parse(std::span<const std::string> args);

  bool has(std::string_view name) const { return values_.contains(std::string(name)); }
  // The last value given for `name`, if any.
  std::optional<std::string> value(std::string_view name) const;
  // Every value given for a repeatable option, in order.
  std::vector<std::string> values(std::string_view name) const;
  const std::vector<std::string>& positional() const { return positional_; }

  // The options section of a help text, one line per option.
  std::string optionsHelp() const;

 private:
  const OptionSpec* find(std::string_view name) const;

  std::span<const OptionSpec> specs_;
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

}  // namespace jamul::cli
