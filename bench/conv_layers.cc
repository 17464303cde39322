#include "conv_layers.h"

#include "models/graph_builder.h"

namespace qb::bench {

Result<std::shared_ptr<const Graph>> ConvGraph(const ConvLayer& layer) {
  models::GraphBuilder builder("layer", 1);
  int32_t x = builder.Input(layer.size, layer.size, layer.in_c);
  const models::ConvSpec spec{.name = layer.name, .filters = layer.out_c, .kernel_h = layer.kernel,
                              .kernel_w = layer.kernel, .stride = layer.stride, .activation = Activation::kRelu};
  switch (layer.kind) {
    case LayerKind::kConv: x = builder.Conv(x, spec); break;
    case LayerKind::kDepthwise: x = builder.DepthwiseConv(x, spec); break;
    case LayerKind::kDense: x = builder.Dense(x, layer.name, layer.out_c, Activation::kRelu); break;
  }
  QB_ASSIGN_OR_RETURN(Graph graph, builder.Finish(x, 1));
  return std::make_shared<const Graph>(std::move(graph));
}

}  // namespace qb::bench
