#include "kernels/onednn/onednn_backend.h"

#include <omp.h>

#include <mutex>
#include <optional>

#include <oneapi/dnnl/dnnl.hpp>

#include "kernels/cpu_features.h"
#include "kernels/float_weighted_form.h"
#include "kernels/hybrid_weighted_form.h"
#include "kernels/onednn/onednn_kernels.h"
#include "kernels/reference/kernel_checks.h"
#include "kernels/reference/residual_add.h"
#include "kernels/x86/hybrid_depthwise_conv2d.h"
#include "kernels/x86/pooling.h"

namespace qb {
namespace {

std::optional<dnnl::cpu_isa> ToOneDnnIsa(IsaLevel isa) {
  switch (isa) {
    case IsaLevel::kAvx2: return dnnl::cpu_isa::avx2;
    case IsaLevel::kAvx512Core: return dnnl::cpu_isa::avx512_core;
    case IsaLevel::kAvx512CoreVnni: return dnnl::cpu_isa::avx512_core_vnni;
    case IsaLevel::kAvx512CoreAmx: return dnnl::cpu_isa::avx512_core_amx;
    case IsaLevel::kNeon:
    case IsaLevel::kDotprod: return std::nullopt;
  }
  return std::nullopt;
}

// A CONV_2D with a 1x1 filter, stride 1 and one input channel group over a 1x1 image: a matrix product.
bool IsPointwiseOverOnePixel(const Op& op, const KernelIo& io) {
  const RuntimeTensor& input = io.in(0);
  const RuntimeTensor& filter = io.in(1);
  if (input.rank() != 4 || filter.rank() != 4) return false;
  const auto options = OptionsOr<Conv2DOptions>(op);
  return input.dim(1) == 1 && input.dim(2) == 1 && filter.dim(1) == 1 && filter.dim(2) == 1 &&
         filter.dim(3) == input.dim(3) && options.stride_h == 1 && options.stride_w == 1;
}

// Under the avx2 cap oneDNN 2.6's float convolution (jit:avx2) is slower on nhwc activations than on its
// own blocked nChw8c layout: 1.1-2.3x per layer with a square spatial filter and >= 64 channels in and out
// (VGG16's 3x3 layers, ResNet's), reorders included (measured on AMD Zen 3, BENCHMARKS.md). 1x1 filters,
// the 1x7 / 7x1 pairs and narrower layers (InceptionV3's) gain nothing that pays for the two reorders, nor
// do depthwise convolutions (2x slower with them). From avx512_core on, oneDNN runs nhwc on its brgconv.
// `filter`: [Cout, KH, KW, Cin / groups]; `input_channels`: Cin.
onednn::ActivationLayout FloatConvolutionLayout(const Shape& filter, int64_t input_channels, IsaLevel isa) {
  if (filter.size() != 4) return onednn::ActivationLayout::kNhwc;  // Prepare refuses it
  const int64_t out_c = filter[0], kernel_h = filter[1], kernel_w = filter[2], in_c = filter[3];
  const bool grouped = in_c != input_channels;
  const bool blocked = isa == IsaLevel::kAvx2 && !grouped && kernel_h == kernel_w && kernel_h > 1 &&
                       in_c >= 64 && out_c >= 64 && in_c % 8 == 0 && out_c % 8 == 0;
  return blocked ? onednn::ActivationLayout::kBlocked : onednn::ActivationLayout::kNhwc;
}

onednn::ActivationLayout FloatConvolutionLayout(const KernelIo& io, IsaLevel isa) {
  if (io.in(0).rank() != 4) return onednn::ActivationLayout::kNhwc;  // Prepare refuses it
  return FloatConvolutionLayout(io.in(1).shape, io.in(0).dim(3), isa);
}

// The oneDNN implementation a hybrid CONV_2D prefers (a name prefix; empty: oneDNN's first choice). At
// avx512_core_vnni oneDNN 2.6 first offers brgconv; on AMD Zen 4 its jit_int8 ran filters wider than 1x1
// over >= 16 input channels 1-4% faster, layer by layer (ResNet's 3x3, InceptionV3's 3x3/1x7/7x1: ResNet101
// quantized -1.9%, BENCHMARKS.md), and the RGB stems slower (VGG16's block1_conv1 +7%). Not measured on
// Intel's cores, for which brgconv is tuned: they keep it, as AMX does.
std::string PreferredHybridConvolution(const KernelIo& io, IsaLevel isa) {
  const Shape& filter = io.in(1).shape;  // [Cout, KH, KW, Cin]
  if (isa != IsaLevel::kAvx512CoreVnni || !DetectCpuFeatures().amd || filter.size() != 4) return {};
  const bool wider_than_1x1 = filter[1] * filter[2] > 1;
  return wider_than_1x1 && filter[3] >= 16 ? "jit_int8:" : "";
}

}  // namespace

Status ConfigureOneDnn(IsaLevel isa, int num_threads) {
  static std::mutex mutex;
  static std::optional<IsaLevel> applied;
  std::lock_guard<std::mutex> lock(mutex);
  if (!applied) {
    const std::optional<dnnl::cpu_isa> cap = ToOneDnnIsa(isa);
    if (!cap) return Errorf("oneDNN has no ISA level {}", IsaName(isa));
    if (dnnl::set_max_cpu_isa(*cap) != dnnl::status::success) {
      return Errorf("oneDNN refused the ISA cap {}: it can be set only once per process, before its first kernel",
                    IsaName(isa));
    }
    applied = isa;
  } else if (*applied != isa) {
    return Errorf("oneDNN's ISA cap is already {} in this process and cannot change to {}; use one process per cap",
                  IsaName(*applied), IsaName(isa));
  }
  omp_set_num_threads(num_threads);
  return OkStatus();
}

std::unique_ptr<OpKernel> CreateOneDnnKernel(const Op& op, const KernelIo& io, IsaLevel isa, int num_threads) {
  switch (op.type) {
    case OpType::kConv2D: {
      if (!IsFloatWeightedForm(io)) return nullptr;
      const onednn::ActivationLayout layout = FloatConvolutionLayout(io, isa);
      // A fused residual ADD is summed into the nhwc output only (OneDnnFloatConvolutionAddsResidual).
      if (HasResidualAdd(op) && layout != onednn::ActivationLayout::kNhwc) return nullptr;
      return onednn::MakeConv2DKernel(layout);
    }
    case OpType::kDepthwiseConv2D:
      return IsFloatWeightedForm(io) ? onednn::MakeDepthwiseConv2DKernel() : nullptr;
    case OpType::kFullyConnected:
      return IsFloatWeightedForm(io) ? onednn::MakeFullyConnectedKernel() : nullptr;
    case OpType::kAveragePool2D:  // own kernels on the same OpenMP threads (kernels/x86/pooling.h)
      return IsFloatUnaryForm(io) ? MakeX86AveragePool2DKernel(num_threads) : nullptr;
    case OpType::kMaxPool2D:
      return IsFloatUnaryForm(io) ? MakeX86MaxPool2DKernel(num_threads) : nullptr;
    case OpType::kAdd:
      return IsFloatSameShapeBinaryForm(io) ? onednn::MakeAddKernel() : nullptr;
    case OpType::kConcatenation:
      return IsFloatManyToOneForm(io) && OptionsOr<ConcatenationOptions>(op).activation == Activation::kNone
                 ? onednn::MakeConcatenationKernel()
                 : nullptr;
    case OpType::kMean:
      return IsFloatDataWithConstantParametersForm(io) && onednn::IsSpatialMean(io) ? onednn::MakeSpatialMeanKernel()
                                                                                    : nullptr;
    case OpType::kPad:
      return IsFloatDataWithConstantParametersForm(io) && io.inputs.size() == 2 ? onednn::MakePadKernel() : nullptr;
    case OpType::kSoftmax:
      return IsFloatUnaryForm(io) && io.in(0).num_elements() > 0 && OptionsOr<SoftmaxOptions>(op).beta == 1.0f
                 ? onednn::MakeSoftmaxKernel()
                 : nullptr;
    default:
      return nullptr;
  }
}

bool OneDnnFloatConvolutionAddsResidual(const Shape& filter, int64_t input_channels, IsaLevel isa) {
  return FloatConvolutionLayout(filter, input_channels, isa) == onednn::ActivationLayout::kNhwc;
}

bool OneDnnHybridInputsAreSevenBit(IsaLevel isa) {
  return isa != IsaLevel::kAvx512CoreVnni && isa != IsaLevel::kAvx512CoreAmx;
}

bool OneDnnHybridLeavesToOwnGemm(const Op& op, const KernelIo& io, IsaLevel isa) {
  if (!OneDnnHybridInputsAreSevenBit(isa) || !IsHybridWeightedForm(io)) return false;
  return op.type == OpType::kFullyConnected || (op.type == OpType::kConv2D && IsPointwiseOverOnePixel(op, io));
}

std::unique_ptr<OpKernel> CreateOneDnnHybridKernel(const Op& op, const KernelIo& io, IsaLevel isa, int num_threads) {
  if (!IsHybridWeightedForm(io)) return nullptr;
  const HybridInputBits bits = OneDnnHybridInputsAreSevenBit(isa) ? HybridInputBits::k7 : HybridInputBits::k8;
  if (op.type == OpType::kDepthwiseConv2D && bits == HybridInputBits::k7) {
    // Below VNNI, the own AVX2 kernel (kernels/x86/hybrid_depthwise_conv2d.h) for depth multiplier 1: for
    // MobileNet's 13 depthwise ops oneDNN's AVX2 kernel took 1.4x its time (AMD Zen 3), its AVX-512
    // `jit_int8` under `avx512_core` 1.15x (Zen 4); on 8-bit inputs oneDNN's VNNI kernel is as fast or faster.
    if (io.out(0).dim(3) == io.in(0).dim(3)) return MakeX86HybridDepthwiseConv2DKernel(bits, num_threads);
    // With another multiplier, oneDNN 2.6's AVX2 kernel gives wrong results with a source zero point when the
    // channels are not a multiple of its 8-lane block (tests/backends/hybrid_op_conformance_test.cc): those
    // run on the reference.
    if (isa == IsaLevel::kAvx2 && io.in(1).dim(3) % 8 != 0) return nullptr;
  }
  switch (op.type) {
    case OpType::kConv2D:
      if (!IsPointwiseOverOnePixel(op, io)) {
        return onednn::MakeHybridConv2DKernel(bits, num_threads, PreferredHybridConvolution(io, isa));
      }
      return HasResidualAdd(op) ? nullptr : onednn::MakeHybridPointwiseConv2DKernel(bits, num_threads);
    case OpType::kDepthwiseConv2D: return onednn::MakeHybridDepthwiseConv2DKernel(bits, num_threads);
    case OpType::kFullyConnected: return onednn::MakeHybridFullyConnectedKernel(bits, num_threads);
    default: return nullptr;
  }
}

}  // namespace qb
