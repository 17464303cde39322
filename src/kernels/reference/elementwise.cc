// ADD and MUL reference kernels: FLOAT32 or INT32, NumPy broadcasting up to rank 5, fused activation
// (for INT32 the same clamp, on integers). INT32 arithmetic wraps on overflow instead of being undefined.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <type_traits>

#include "kernels/reference/activation.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/kernel_checks.h"

namespace qb {
namespace {

constexpr int kMaxBroadcastRank = 5;

enum class BinaryKind { kAdd, kMul };

// Both inputs and the output viewed as rank-5 shapes; a broadcast input has stride 0 along that axis.
struct BroadcastPlan {
  std::array<int64_t, kMaxBroadcastRank> dims{};
  std::array<int64_t, kMaxBroadcastRank> a_strides{}, b_strides{};
};

Result<BroadcastPlan> PlanBroadcast(const Shape& a, const Shape& b, Shape* out_shape) {
  const size_t rank = std::max(a.size(), b.size());
  out_shape->assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    const int32_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    const int32_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1) {
      return Errorf("input shapes {} and {} cannot be broadcast together", ShapeToString(a), ShapeToString(b));
    }
    (*out_shape)[i] = da == 1 ? db : da;
  }
  BroadcastPlan plan;
  plan.dims.fill(1);
  int64_t a_stride = 1, b_stride = 1;
  for (size_t k = 0; k < rank; ++k) {
    const size_t i = rank - 1 - k;  // axis in the rank-`rank` shape
    const size_t p = kMaxBroadcastRank - 1 - k;  // axis in the rank-5 plan
    const int32_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    const int32_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    plan.dims[p] = (*out_shape)[i];
    plan.a_strides[p] = da == 1 ? 0 : a_stride;
    plan.b_strides[p] = db == 1 ? 0 : b_stride;
    a_stride *= da;
    b_stride *= db;
  }
  return plan;
}

template <BinaryKind kKind, typename T>
T Combine(T a, T b) {
  if constexpr (std::is_same_v<T, int32_t>) {
    const uint32_t ua = static_cast<uint32_t>(a), ub = static_cast<uint32_t>(b);
    return static_cast<int32_t>(kKind == BinaryKind::kAdd ? ua + ub : ua * ub);
  } else {
    return kKind == BinaryKind::kAdd ? a + b : a * b;
  }
}

template <BinaryKind kKind>
class BinaryKernel final : public OpKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckArity(io, 2, 2));
    const Activation activation = kKind == BinaryKind::kAdd ? OptionsOr<AddOptions>(op).activation
                                                            : OptionsOr<MulOptions>(op).activation;
    const RuntimeTensor& a = io.in(0);
    const RuntimeTensor& b = io.in(1);
    type_ = a.type;
    if (type_ != DType::kFloat32 && type_ != DType::kInt32) {
      return Errorf("input 0 must be FLOAT32 or INT32, got {}", DTypeName(type_));
    }
    QB_RETURN_IF_ERROR(CheckType(b, "input 1", type_));
    QB_RETURN_IF_ERROR(CheckType(io.out(0), "output", type_));
    QB_RETURN_IF_ERROR(CheckRankRange(a, "input 0", 0, kMaxBroadcastRank));
    QB_RETURN_IF_ERROR(CheckRankRange(b, "input 1", 0, kMaxBroadcastRank));
    Shape out_shape;
    QB_ASSIGN_OR_RETURN(plan_, PlanBroadcast(a.shape, b.shape, &out_shape));
    QB_RETURN_IF_ERROR(CheckOutputShape(io.out(0), out_shape));
    QB_ASSIGN_OR_RETURN(activation_, FloatActivationRange(activation));
    int_min_ = std::isinf(activation_.min) ? std::numeric_limits<int32_t>::min()
                                           : static_cast<int32_t>(activation_.min);
    int_max_ = std::isinf(activation_.max) ? std::numeric_limits<int32_t>::max()
                                           : static_cast<int32_t>(activation_.max);
    return OkStatus();
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    if (type_ == DType::kFloat32) {
      Run<float>(io, [this](float v) { return activation_.Apply(v); });
    } else {
      Run<int32_t>(io, [this](int32_t v) { return std::clamp(v, int_min_, int_max_); });
    }
  }

 private:
  template <typename T, typename Clamp>
  void Run(const KernelIo& io, Clamp clamp) const {
    const T* a = io.in(0).data_as<const T>();
    const T* b = io.in(1).data_as<const T>();
    T* out = io.out(0).data_as<T>();
    const auto& d = plan_.dims;
    const auto& sa = plan_.a_strides;
    const auto& sb = plan_.b_strides;
    for (int64_t i0 = 0; i0 < d[0]; ++i0)
      for (int64_t i1 = 0; i1 < d[1]; ++i1)
        for (int64_t i2 = 0; i2 < d[2]; ++i2)
          for (int64_t i3 = 0; i3 < d[3]; ++i3)
            for (int64_t i4 = 0; i4 < d[4]; ++i4) {
              const int64_t ia = i0 * sa[0] + i1 * sa[1] + i2 * sa[2] + i3 * sa[3] + i4 * sa[4];
              const int64_t ib = i0 * sb[0] + i1 * sb[1] + i2 * sb[2] + i3 * sb[3] + i4 * sb[4];
              *out++ = clamp(Combine<kKind>(a[ia], b[ib]));
            }
  }

  DType type_ = DType::kFloat32;
  BroadcastPlan plan_;
  ActivationRange activation_;
  int32_t int_min_ = 0, int_max_ = 0;
};

}  // namespace

std::unique_ptr<OpKernel> MakeFloatAddKernel() { return std::make_unique<BinaryKernel<BinaryKind::kAdd>>(); }
std::unique_ptr<OpKernel> MakeFloatMulKernel() { return std::make_unique<BinaryKernel<BinaryKind::kMul>>(); }

}  // namespace qb
