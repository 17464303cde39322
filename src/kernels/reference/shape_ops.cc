// SHAPE, PACK and STRIDED_SLICE reference kernels. They move bytes, so they accept any fixed-size type
// (PACK of quantized tensors only when all share one quantization).
//
// STRIDED_SLICE follows TensorFlow Lite: begin/end/strides are INT32 or INT64 vectors, constant or computed
// (read in Eval), no longer than the input's rank (axes past their length are taken whole); begin_mask,
// end_mask, shrink_axis_mask and offset (end = begin + end) are supported, ellipsis_mask and new_axis_mask
// are rejected. Per axis of size d with stride s:
//   start = begin (+ d if negative) clamped to [0, d] for s > 0, [-1, d - 1] for s < 0; 0 or d - 1 if masked
//   stop  = end likewise; d or -1 if masked;  count = max(0, ceil((stop - start) / s))
//   a shrunk axis takes the single element at begin (+ d if negative), which must lie in [0, d).
#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

#include "kernels/reference/float_kernels.h"
#include "kernels/reference/float_strided_walk.h"
#include "kernels/reference/kernel_checks.h"

namespace qb {
namespace {

class ShapeKernel final : public OpKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckArity(io, 1, 1));
    const DType out_type = OptionsOr<ShapeOptions>(op).out_type;
    if (out_type != DType::kInt32 && out_type != DType::kInt64) {
      return Errorf("out_type must be INT32 or INT64, got {}", DTypeName(out_type));
    }
    QB_RETURN_IF_ERROR(CheckType(io.out(0), "output", out_type));
    return CheckOutputShape(io.out(0), {io.in(0).rank()});
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const RuntimeTensor& input = io.in(0);
    const RuntimeTensor& output = io.out(0);
    for (int d = 0; d < input.rank(); ++d) {
      if (output.type == DType::kInt64) {
        output.data_as<int64_t>()[d] = input.dim(d);
      } else {
        output.data_as<int32_t>()[d] = input.dim(d);
      }
    }
  }
};

class PackKernel final : public OpKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckArity(io, 1, std::max<size_t>(io.inputs.size(), 1)));
    const auto options = OptionsOr<PackOptions>(op);
    const size_t count = io.inputs.size();
    if (options.values_count != 0 && static_cast<size_t>(options.values_count) != count) {
      return Errorf("values_count is {} but the op has {} inputs", options.values_count, count);
    }
    const RuntimeTensor& first = io.in(0);
    const RuntimeTensor& output = io.out(0);
    if (DTypeSize(first.type) == 0) return Errorf("{} tensors cannot be packed", DTypeName(first.type));
    QB_RETURN_IF_ERROR(CheckType(output, "output", first.type));
    const int rank = first.rank();
    const int axis = options.axis < 0 ? options.axis + rank + 1 : options.axis;
    if (axis < 0 || axis > rank) return Errorf("axis {} is out of range for inputs of rank {}", options.axis, rank);
    for (size_t i = 0; i < count; ++i) {
      if (!io.has_input(i)) return Errorf("input {} is omitted", i);
      const RuntimeTensor& t = io.in(i);
      const std::string what = fmt::format("input {}", i);
      QB_RETURN_IF_ERROR(CheckType(t, what, first.type));
      if (t.shape != first.shape) {
        return Errorf("{} has shape {}, input 0 {}: packed tensors must have one shape", what, ShapeToString(t.shape),
                      ShapeToString(first.shape));
      }
      if (IsQuantizedIntegerType(t.type) && t.quant() != output.quant()) {
        return Errorf("{} is quantized differently from the output", what);
      }
    }
    Shape computed = first.shape;
    computed.insert(computed.begin() + axis, static_cast<int32_t>(count));
    QB_RETURN_IF_ERROR(CheckOutputShape(output, computed));
    outer_ = 1;
    for (int d = 0; d < axis; ++d) outer_ *= first.dim(d);
    int64_t inner = 1;
    for (int d = axis; d < rank; ++d) inner *= first.dim(d);
    chunk_bytes_ = static_cast<size_t>(inner) * DTypeSize(first.type);
    return OkStatus();
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    uint8_t* out = io.out(0).data;
    for (int64_t o = 0; o < outer_; ++o) {
      for (size_t i = 0; i < io.inputs.size(); ++i) {
        std::memcpy(out, io.in(i).data + static_cast<size_t>(o) * chunk_bytes_, chunk_bytes_);
        out += chunk_bytes_;
      }
    }
  }

 private:
  int64_t outer_ = 1;
  size_t chunk_bytes_ = 0;
};

struct SliceAxis {
  int64_t start = 0, stride = 1, count = 0;
};

class StridedSliceKernel final : public OpKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckArity(io, 4, 4));
    options_ = OptionsOr<StridedSliceOptions>(op);
    if (options_.ellipsis_mask != 0) return Errorf("ellipsis_mask {} is not supported", options_.ellipsis_mask);
    if (options_.new_axis_mask != 0) return Errorf("new_axis_mask {} is not supported", options_.new_axis_mask);
    const RuntimeTensor& input = io.in(0);
    if (DTypeSize(input.type) == 0) return Errorf("{} tensors cannot be sliced", DTypeName(input.type));
    QB_RETURN_IF_ERROR(CheckType(io.out(0), "output", input.type));
    QB_RETURN_IF_ERROR(CheckRankRange(input, "input", 1, kMaxWalkRank));
    rank_ = input.rank();
    constexpr const char* kNames[] = {"begin (input 1)", "end (input 2)", "strides (input 3)"};
    bool all_constant = true;
    for (size_t i = 1; i <= 3; ++i) {
      const RuntimeTensor& t = io.in(i);
      QB_RETURN_IF_ERROR(CheckIndexType(t, kNames[i - 1]));
      QB_RETURN_IF_ERROR(CheckRank(t, kNames[i - 1], 1));
      if (t.dim(0) != io.in(1).dim(0)) {
        return Errorf("begin, end and strides must have one length, got {}, {} and {}", io.in(1).dim(0),
                      io.in(2).dim(0), io.in(3).dim(0));
      }
      all_constant = all_constant && t.constant && t.data != nullptr;
    }
    spec_length_ = io.in(1).dim(0);
    if (spec_length_ > rank_) {
      return Errorf("begin/end/strides have {} entries but the input {} has rank {}", spec_length_,
                    ShapeToString(input.shape), rank_);
    }
    for (int d = 0; d < rank_; ++d) in_strides_[static_cast<size_t>(d)] = 1;
    for (int d = rank_ - 1; d > 0; --d) {
      in_strides_[static_cast<size_t>(d - 1)] = in_strides_[static_cast<size_t>(d)] * input.dim(d);
    }
    element_bytes_ = DTypeSize(input.type);
    if (!all_constant) {
      int shrunk = 0;
      for (int d = 0; d < spec_length_; ++d) shrunk += (options_.shrink_axis_mask >> d) & 1;
      if (io.out(0).rank() != rank_ - shrunk) {
        return Errorf("output shape {} must have rank {}", ShapeToString(io.out(0).shape), rank_ - shrunk);
      }
      return OkStatus();
    }
    Shape computed;
    for (int d = 0; d < rank_; ++d) {
      SliceAxis axis;
      switch (ResolveAxis(io, d, &axis)) {
        case AxisError::kNone: break;
        case AxisError::kZeroStride: return Errorf("axis {}: stride must not be 0", d);
        case AxisError::kShrinkOutOfRange:
          return Errorf("shrunk axis {}: index {} is out of range [0, {})", d, ReadIndexValue(io.in(1), d),
                        input.dim(d));
      }
      if (!Shrunk(d)) computed.push_back(static_cast<int32_t>(axis.count));
    }
    return CheckOutputShape(io.out(0), computed);
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const RuntimeTensor& output = io.out(0);
    std::array<int64_t, kMaxWalkRank> counts{}, strides{};
    int64_t base = 0, total = 1;
    for (int d = 0; d < rank_; ++d) {
      SliceAxis axis;
      if (ResolveAxis(io, d, &axis) != AxisError::kNone) axis.count = 0;
      const size_t ud = static_cast<size_t>(d);
      counts[ud] = axis.count;
      strides[ud] = axis.stride * in_strides_[ud];
      base += axis.start * in_strides_[ud];
      total *= axis.count;
    }
    if (total != output.num_elements()) {  // computed bounds disagree with the declared shape
      std::memset(output.data, 0, static_cast<size_t>(output.num_elements()) * element_bytes_);
      return;
    }
    const uint8_t* in = io.in(0).data;
    uint8_t* out = output.data;
    WalkStrided(rank_, counts.data(), strides.data(), base, [&](int64_t offset) {
      std::memcpy(out, in + static_cast<size_t>(offset) * element_bytes_, element_bytes_);
      out += element_bytes_;
    });
  }

 private:
  bool Shrunk(int d) const { return d < spec_length_ && ((options_.shrink_axis_mask >> d) & 1) != 0; }

  enum class AxisError { kNone, kZeroStride, kShrinkOutOfRange };

  // Start, stride and count of axis d from the current begin/end/strides values; no allocation, so Eval
  // can call it on computed bounds.
  AxisError ResolveAxis(const KernelIo& io, int d, SliceAxis* axis) const {
    const int64_t size = io.in(0).dim(d);
    if (d >= spec_length_) {
      *axis = {0, 1, size};
      return AxisError::kNone;
    }
    const int64_t begin = ReadIndexValue(io.in(1), d);
    const int64_t end = ReadIndexValue(io.in(2), d);
    const int64_t stride = ReadIndexValue(io.in(3), d);
    if (Shrunk(d)) {
      const int64_t index = begin < 0 ? begin + size : begin;
      if (index < 0 || index >= size) return AxisError::kShrinkOutOfRange;
      *axis = {index, 1, 1};
      return AxisError::kNone;
    }
    if (stride == 0) return AxisError::kZeroStride;
    const auto clamp = [&](int64_t v) {
      if (v < 0) v += size;
      return stride > 0 ? std::clamp<int64_t>(v, 0, size) : std::clamp<int64_t>(v, -1, size - 1);
    };
    const int64_t start = (options_.begin_mask >> d) & 1 ? (stride > 0 ? 0 : size - 1) : clamp(begin);
    const int64_t stop =
        (options_.end_mask >> d) & 1 ? (stride > 0 ? size : -1) : clamp(options_.offset ? begin + end : end);
    const int64_t span = stride > 0 ? stop - start : start - stop;
    const int64_t step = stride > 0 ? stride : -stride;
    *axis = {start, stride, span > 0 ? (span + step - 1) / step : 0};
    return AxisError::kNone;
  }

  StridedSliceOptions options_;
  int rank_ = 0, spec_length_ = 0;
  size_t element_bytes_ = 0;
  std::array<int64_t, kMaxWalkRank> in_strides_{};
};

}  // namespace

std::unique_ptr<OpKernel> MakeFloatShapeKernel() { return std::make_unique<ShapeKernel>(); }
std::unique_ptr<OpKernel> MakeFloatPackKernel() { return std::make_unique<PackKernel>(); }
std::unique_ptr<OpKernel> MakeFloatStridedSliceKernel() { return std::make_unique<StridedSliceKernel>(); }

}  // namespace qb
