// FindSharedQuantizedInputs (runtime/shared_quantized_inputs.h) on stand-in kernels: which readers form a
// group. That sharing changes no output on the real kernels: tests/backends/shared_quantized_inputs_test.cc.
#include "runtime/shared_quantized_inputs.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace qb {
namespace {

// A kernel that offers `form` of its input 0 (none when empty).
class FormKernel final : public OpKernel {
 public:
  explicit FormKernel(std::string form) : form_(std::move(form)) {}
  Status Prepare(const Op&, const KernelIo&) override { return OkStatus(); }
  void Eval(const KernelIo&, uint8_t*) override {}
  std::optional<QuantizedInputForm> ShareableQuantizedInput() const override {
    if (form_.empty()) return std::nullopt;
    return QuantizedInputForm{form_, 100};
  }

 private:
  std::string form_;
};

TEST(SharedQuantizedInputsTest, GroupsReadersOfOneFormOfOneActivation) {
  Graph graph;
  graph.tensors.resize(4);  // 0, 1: activations; 2: a constant; 3: a variable
  graph.buffers.resize(1);  // the empty sentinel
  graph.tensors[2].buffer = graph.AddBuffer(ConstBuffer::Owned({1, 2, 3, 4}));
  graph.tensors[3].is_variable = true;
  struct Reader {
    int32_t input;
    std::string form;
  };
  const std::vector<Reader> readers = {
      {0, "u8 a"}, {1, "u8 a"}, {0, "u8 b"}, {0, ""}, {0, "u8 a"},  // tensor 0: form a at ops 0 and 4
      {2, "u8 a"}, {2, "u8 a"},                                     // a constant: left alone
      {3, "u8 a"}, {3, "u8 a"},                                     // a variable: left alone
      {-1, "u8 a"}, {-1, "u8 a"},                                   // an omitted input
      {0, "u8 a"},                                                  // tensor 0 again: op 11 joins the group
  };
  std::vector<Op> ops;
  std::vector<std::unique_ptr<OpKernel>> kernels;
  for (const Reader& r : readers) {
    Op op;
    op.inputs = {r.input};
    ops.push_back(op);
    kernels.push_back(std::make_unique<FormKernel>(r.form));
  }
  const std::vector<SharedQuantizedInput> groups = FindSharedQuantizedInputs(graph, ops, kernels);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].tensor, 0);
  EXPECT_EQ(groups[0].ops, (std::vector<size_t>{0, 4, 11}));
  EXPECT_EQ(groups[0].bytes, 100u);
}

}  // namespace
}  // namespace qb
