#include "runtime/shared_quantized_inputs.h"

#include <map>
#include <string>
#include <utility>

namespace qb {

std::vector<SharedQuantizedInput> FindSharedQuantizedInputs(const Graph& graph, const std::vector<Op>& ops,
                                                            const std::vector<std::unique_ptr<OpKernel>>& kernels) {
  std::map<std::pair<int32_t, std::string>, SharedQuantizedInput> by_form;
  std::vector<std::pair<int32_t, std::string>> order;  // groups by their first op
  for (size_t i = 0; i < ops.size() && i < kernels.size(); ++i) {
    if (ops[i].inputs.empty()) continue;
    const int32_t tensor = ops[i].inputs[0];
    if (tensor < 0 || graph.IsConstant(tensor) || graph.tensors[static_cast<size_t>(tensor)].is_variable) continue;
    std::optional<QuantizedInputForm> form = kernels[i]->ShareableQuantizedInput();
    if (!form) continue;
    auto key = std::make_pair(tensor, std::move(form->form));
    auto [it, added] = by_form.try_emplace(key, SharedQuantizedInput{tensor, {}, form->bytes});
    if (added) order.push_back(std::move(key));
    it->second.ops.push_back(i);
  }
  std::vector<SharedQuantizedInput> groups;
  for (const auto& key : order) {
    SharedQuantizedInput& group = by_form.at(key);
    if (group.ops.size() >= 2) groups.push_back(std::move(group));
  }
  return groups;
}

}  // namespace qb
