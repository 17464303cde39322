#include "experiment/kernel_path.h"

#include <charconv>
#include <cstdint>
#include <utility>

#include "core/text.h"

namespace qb::experiment {
namespace {

// Splits `text` at every `separator`, dropping empty pieces.
std::vector<std::string_view> Split(std::string_view text, std::string_view separator) {
  std::vector<std::string_view> pieces;
  while (!text.empty()) {
    const size_t at = text.find(separator);
    const std::string_view piece = text.substr(0, at);
    if (!piece.empty()) pieces.push_back(piece);
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + separator.size());
  }
  return pieces;
}

// "13 onednn jit_dw:avx2" -> {13, "onednn jit_dw:avx2"}; an item without a count -> {-1, item}.
std::pair<int64_t, std::string_view> CountAndName(std::string_view item) {
  int64_t count = 0;
  const auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), count);
  if (error != std::errc() || end == item.data() + item.size() || *end != ' ') return {-1, item};
  return {count, item.substr(static_cast<size_t>(end - item.data()) + 1)};
}

}  // namespace

std::string MergeKernelLists(const std::vector<std::string>& lists) {
  std::vector<std::pair<std::string, int64_t>> merged;  // by first use; -1: no count
  for (const std::string& list : lists) {
    for (std::string_view item : Split(list, ", ")) {
      const auto [count, name] = CountAndName(item);
      auto it = merged.begin();
      while (it != merged.end() && it->first != name) ++it;
      if (it == merged.end()) {
        merged.emplace_back(std::string(name), count);
      } else if (count >= 0 && it->second >= 0) {
        it->second += count;
      }
    }
  }
  std::string text;
  for (const auto& [name, count] : merged) AppendListItem(text, count >= 0 ? std::to_string(count) + " " + name : name);
  return text;
}

std::string KernelPath(const std::vector<std::string>& float_lists, const std::vector<std::string>& quant_lists) {
  const std::string float_path = MergeKernelLists(float_lists), quant_path = MergeKernelLists(quant_lists);
  if (float_path == quant_path || quant_path.empty()) return float_path;
  if (float_path.empty()) return quant_path;
  return "float32: " + float_path + "; quantized: " + quant_path;
}

bool OnlyReferenceKernels(std::string_view path) {
  bool any = false;
  for (std::string_view part : Split(path, "; ")) {
    for (std::string_view prefix : {"float32: ", "quantized: "}) {
      if (part.starts_with(prefix)) part.remove_prefix(prefix.size());
    }
    for (std::string_view item : Split(part, ", ")) {
      if (CountAndName(item).second != "reference") return false;
      any = true;
    }
  }
  return any;
}

}  // namespace qb::experiment
