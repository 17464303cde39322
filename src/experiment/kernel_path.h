// The kernels an experiment ran, in one line for its report: each model's list ("3 onednn jit:avx2,
// 13 onednn jit_dw:avx2, 1 reference", as `bench` prints them) merged per variant, every implementation once
// with its ops summed over the models, in order of first use:
//   "float32: 201 onednn jit:avx2, 404 onednn jit_1x1:avx2, ...; quantized: ..."
// or one list when both variants ran the same kernels. Items without a count (another benchmark tool's) are
// kept as they are, once each.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace qb::experiment {

std::string MergeKernelLists(const std::vector<std::string>& lists);
std::string KernelPath(const std::vector<std::string>& float_lists, const std::vector<std::string>& quant_lists);

// Whether every implementation a KernelPath names is the reference kernel.
bool OnlyReferenceKernels(std::string_view path);

}  // namespace qb::experiment
