// CONCATENATION of float32 tensors (no fused activation) on oneDNN's concat primitive, every tensor
// row-major, along the op's axis. Its N sources are bound once, as memories without data, and pointed at
// the inputs on every Eval.
#include <memory>
#include <unordered_map>
#include <vector>

#include "kernels/onednn/onednn_context.h"
#include "kernels/onednn/onednn_kernels.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/kernel_checks.h"

namespace qb::onednn {
namespace {

class ConcatenationKernel final : public OpKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(MakeFloatConcatenationKernel()->Prepare(op, io));
    const int rank = io.in(0).rank();
    const int32_t axis = OptionsOr<ConcatenationOptions>(op).axis;
    std::vector<dnnl::memory::desc> sources;
    for (size_t i = 0; i < io.inputs.size(); ++i) sources.push_back(RowMajorFloatDesc(io.in(i).shape));
    try {
      dnnl::concat::primitive_desc pd(RowMajorFloatDesc(io.out(0).shape), axis < 0 ? axis + rank : axis, sources,
                                      CpuEngine(), KernelAttributes(ActivationRange{}));
      primitive_ = dnnl::concat(pd);
      for (size_t i = 0; i < sources.size(); ++i) {
        sources_.emplace_back(sources[i], CpuEngine(), nullptr);
        args_[DNNL_ARG_MULTIPLE_SRC + static_cast<int>(i)] = sources_.back();
      }
      destination_ = dnnl::memory(pd.dst_desc(), CpuEngine(), nullptr);
      args_[DNNL_ARG_DST] = destination_;
      scratch_bytes_ = pd.scratchpad_desc().get_size();
      if (scratch_bytes_ > 0) {
        scratchpad_ = dnnl::memory(pd.scratchpad_desc(), CpuEngine(), nullptr);
        args_[DNNL_ARG_SCRATCHPAD] = scratchpad_;
      }
      implementation_ = "onednn " + std::string(pd.impl_info_str());
    } catch (const dnnl::error& e) {
      return Errorf("oneDNN cannot build this CONCATENATION ({}); run it with --float_backend=reference", e.what());
    }
    return OkStatus();
  }

  size_t ScratchBytes() const override { return scratch_bytes_; }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    for (size_t i = 0; i < sources_.size(); ++i) sources_[i].set_data_handle(io.in(i).data);
    destination_.set_data_handle(io.out(0).data);
    if (scratch_bytes_ > 0) scratchpad_.set_data_handle(scratch);
    primitive_.execute(CpuStream(), args_);
    CpuStream().wait();
  }

  std::string Implementation() const override { return implementation_; }

 private:
  dnnl::primitive primitive_;
  std::vector<dnnl::memory> sources_;
  dnnl::memory destination_, scratchpad_;
  std::unordered_map<int, dnnl::memory> args_;
  size_t scratch_bytes_ = 0;
  std::string implementation_;
};

}  // namespace

std::unique_ptr<OpKernel> MakeConcatenationKernel() { return std::make_unique<ConcatenationKernel>(); }

}  // namespace qb::onednn
