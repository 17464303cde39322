// Tiny float32 graphs for the quantizer and fidelity tests: one weighted op (or a short chain) with
// seeded constant weights, built directly as a Graph.
#pragma once

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "core/seeded_input.h"
#include "graph/graph.h"

namespace qb::testing {

inline ConstBuffer FloatBuffer(const std::vector<float>& values) {
  std::vector<uint8_t> bytes(values.size() * sizeof(float));
  std::memcpy(bytes.data(), values.data(), bytes.size());
  return ConstBuffer::Owned(std::move(bytes));
}

inline int32_t AddTensor(Graph& g, const std::string& name, Shape shape, uint32_t buffer = 0) {
  Tensor t;
  t.name = name;
  t.shape = std::move(shape);
  t.buffer = buffer;
  g.tensors.push_back(std::move(t));
  return static_cast<int32_t>(g.tensors.size() - 1);
}

inline int32_t AddConstant(Graph& g, const std::string& name, Shape shape, uint32_t seed, double range = 0.5) {
  SeededInput gen(seed);
  std::vector<float> values = gen.Fill(static_cast<size_t>(ElementCount(shape)), -range, range);
  return AddTensor(g, name, std::move(shape), g.AddBuffer(FloatBuffer(values)));
}

inline Graph EmptyGraph() {
  Graph g;
  g.buffers.emplace_back();  // buffer 0: the empty sentinel
  return g;
}

// input [batch, in] -> FULLY_CONNECTED (weights [out, in], bias [out]) -> output [batch, out]
inline std::shared_ptr<Graph> FullyConnectedGraph(int32_t in, int32_t out, int32_t batch = 1, bool bias = true) {
  auto g = std::make_shared<Graph>(EmptyGraph());
  int32_t x = AddTensor(*g, "input", {batch, in});
  int32_t w = AddConstant(*g, "fc/weights", {out, in}, 7);
  int32_t b = bias ? AddConstant(*g, "fc/bias", {out}, 8) : -1;
  int32_t y = AddTensor(*g, "output", {batch, out});
  Op op;
  op.type = OpType::kFullyConnected;
  op.inputs = {x, w, b};
  op.outputs = {y};
  op.options = FullyConnectedOptions{};
  g->ops.push_back(op);
  g->inputs = {x};
  g->outputs = {y};
  return g;
}

// input [1, 8, 8, c] -> CONV_2D 3x3 (c -> k, relu) -> DEPTHWISE_CONV_2D 3x3 (k) -> output [1, 8, 8, k]
// (k = 128: the depthwise filter has 1152 elements, above the threshold)
inline std::shared_ptr<Graph> ConvGraph(int32_t c = 16, int32_t k = 128) {
  auto g = std::make_shared<Graph>(EmptyGraph());
  int32_t x = AddTensor(*g, "input", {1, 8, 8, c});
  int32_t w1 = AddConstant(*g, "conv/filter", {k, 3, 3, c}, 11);
  int32_t b1 = AddConstant(*g, "conv/bias", {k}, 12);
  int32_t h = AddTensor(*g, "conv/out", {1, 8, 8, k});
  int32_t w2 = AddConstant(*g, "dw/filter", {1, 3, 3, k}, 13);
  int32_t b2 = AddConstant(*g, "dw/bias", {k}, 14);
  int32_t y = AddTensor(*g, "output", {1, 8, 8, k});
  Op conv;
  conv.type = OpType::kConv2D;
  conv.inputs = {x, w1, b1};
  conv.outputs = {h};
  Conv2DOptions co;
  co.activation = Activation::kRelu;
  conv.options = co;
  Op dw;
  dw.type = OpType::kDepthwiseConv2D;
  dw.inputs = {h, w2, b2};
  dw.outputs = {y};
  dw.options = DepthwiseConv2DOptions{};
  g->ops = {conv, dw};
  g->inputs = {x};
  g->outputs = {y};
  return g;
}

}  // namespace qb::testing
