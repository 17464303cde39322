// Hybrid FULLY_CONNECTED of the own kernels (every architecture): a block of input rows at a time, each
// quantized on its own into a padded row of scratch (the level's quantize_image: the reference's
// QuantizeImageAsymmetric or its exact copy; its own scale and zero point), multiplied
// with the packed [Cout][K] weights by the level's GEMM tile (qgemm.h).
#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "kernels/qgemm/qgemm_hybrid_kernels.h"
#include "kernels/qgemm/qgemm.h"
#include "kernels/scratch.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/hybrid_quantize.h"
#include "kernels/reference/kernel_checks.h"

namespace qb {
namespace {

class QGemmHybridFullyConnectedKernel final : public OpKernel {
 public:
  QGemmHybridFullyConnectedKernel(QGemmIsa isa, int num_threads, HybridInputBits bits)
      : microkernels_(MicrokernelsFor(isa)), num_threads_(num_threads), bits_(bits) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(MakeFloatFullyConnectedKernel()->Prepare(op, io));  // the reference's checks
    const RuntimeTensor& weights = io.in(1);
    channels_ = weights.dim(0);
    depth_ = weights.dim(1);
    rows_ = static_cast<int32_t>(io.in(0).num_elements() / depth_);
    QB_ASSIGN_OR_RETURN(activation_, FloatActivationRange(OptionsOr<FullyConnectedOptions>(op).activation));
    QB_ASSIGN_OR_RETURN(FilterInfo info, PrepareFilter(weights, 0, channels_));
    weights_ = PackQGemmWeights(weights.data_as<const int8_t>(), channels_, depth_, std::move(info.channel_scales),
                                microkernels_.layout);
    plan_ = PlanQGemm(weights_, rows_, num_threads_);
    row_terms_.assign(static_cast<size_t>(plan_.Slots()),
                      HybridOutputTerms(static_cast<size_t>(channels_)));
    return OkStatus();
  }

  size_t ScratchBytes() const override {
    return AlignScratch(QuantizedBytes()) + QGemmWideRowBytes(weights_, plan_);
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const float* input = io.in(0).data_as<const float>();
    const float* bias = io.has_input(2) ? io.in(2).data_as<const float>() : nullptr;
    float* output = io.out(0).data_as<float>();
    auto* quantized = reinterpret_cast<int8_t*>(scratch);
    auto* wide_rows = reinterpret_cast<int16_t*>(scratch + AlignScratch(QuantizedBytes()));
    RunQGemmRows(microkernels_, plan_, weights_, activation_, wide_rows,
                 [&](QGemmRowTile& tile, int32_t m, int32_t r, int32_t slot) {
                   int8_t* row = quantized + int64_t{slot} * weights_.padded_depth;
                   const QuantizedImage q = microkernels_.quantize_image(  // one thread: set_row runs on a worker
                       input + int64_t{r} * depth_, static_cast<size_t>(depth_), row, bits_, 1);
                   std::memset(row + depth_, 0, static_cast<size_t>(weights_.padded_depth - depth_));  // zero weights
                   HybridOutputTerms& terms = row_terms_[static_cast<size_t>(slot)];
                   terms.Set(q.scale, weights_.channel_scales, bias);
                   tile.rows[m] = row;
                   tile.zero_points[m] = q.zero_point;
                   tile.terms[m] = &terms;
                   tile.outputs[m] = output + int64_t{r} * channels_;
                 });
  }

  std::string Implementation() const override {
    return "qgemm gemm " + std::string(QGemmTileName(microkernels_, plan_)) + std::string(QGemmInputBitsSuffix(bits_));
  }

 private:
  // The quantized rows of every worker's block.
  size_t QuantizedBytes() const { return static_cast<size_t>(plan_.Slots()) * weights_.padded_depth; }

  QGemmMicrokernels microkernels_;
  int32_t rows_ = 0, depth_ = 0, channels_ = 0;
  ActivationRange activation_;
  PackedQGemmWeights weights_;
  int num_threads_ = 1;
  HybridInputBits bits_;
  QGemmPlan plan_;                            // the rows in blocks shared by the threads (qgemm.h)
  std::vector<HybridOutputTerms> row_terms_;  // the epilogue of each row of the workers' current blocks
};

}  // namespace

std::unique_ptr<OpKernel> MakeQGemmHybridFullyConnectedKernel(QGemmIsa isa, int num_threads, HybridInputBits bits) {
  return std::make_unique<QGemmHybridFullyConnectedKernel>(isa, num_threads, bits);
}

}  // namespace qb
