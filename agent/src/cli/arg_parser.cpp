// SPDX-License-Identifier: Apache-2.0
#include "cli/arg_parser.h"

namespace jamul::cli {

const OptionSpec* ArgParser::find(std::string_view name) const {
  for (const OptionSpec& spec : specs_)
    if (spec.name == name) return &spec;
  return nullptr;
}

Status ArgParser::parse(std::span<const std::string> args) {
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_done || arg.size() < 2 || arg.substr(0, 2) != "--") {
      positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    std::string_view name = std::string_view(arg).substr(2);
    std::optional<std::string> inline_value;
    if (const std::size_t eq = name.find('='); eq != std::string_view::npos) {
      inline_value = std::string(name.substr(eq + 1));
      name = name.substr(0, eq);
    }
    const OptionSpec* spec = find(name);
    if (spec == nullptr)
      return Error(ErrorCode::kInvalidArgument, "unknown option --" + std::string(name));
    std::vector<std::string>& slot = values_[std::string(name)];
    if (spec->value_name.empty()) {
      if (inline_value)
        return Error(ErrorCode::kInvalidArgument, "--" + std::string(name) + " takes no value");
      slot.emplace_back();
      continue;
    }
    if (inline_value) {
      slot.push_back(*inline_value);
    } else if (i + 1 < args.size()) {
      slot.push_back(args[++i]);
    } else {
      return Error(ErrorCode::kInvalidArgument,
                   "--" + std::string(name) + " needs a value (" + std::string(spec->value_name) +
                       ")");
    }
  }
  return okStatus();
}

std::optional<std::string> ArgParser::value(std::string_view name) const {
  auto it = values_.find(std::string(name));
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> ArgParser::values(std::string_view name) const {
  auto it = values_.find(std::string(name));
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::string ArgParser::optionsHelp() const {
  std::string out;
  for (const OptionSpec& spec : specs_) {
    std::string left = "  --" + std::string(spec.name);
    if (!spec.value_name.empty()) left += " " + std::string(spec.value_name);
    if (left.size() < 26) left.resize(26, ' ');
    else left += "  ";
    out += left + std::string(spec.help) + "\n";
  }
  return out;
}

}  // namespace jamul::cli
