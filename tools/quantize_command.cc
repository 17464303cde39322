// `quantbench quantize IN.tflite OUT.tflite [--mode dynamic-range]`: TensorFlow Lite's post-training
// dynamic-range quantization (src/quant/dynamic_range_quantizer.h), with a one-paragraph summary of what
// changed. A model that is already quantized, or has nothing to quantize, is an error and nothing is written.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>

#include "commands.h"
#include "quant/dynamic_range_quantizer.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace qb::tools {
namespace {

struct QuantizeArgs {
  std::string input, output;
  std::string mode = "dynamic-range";
};

double MiB(uint64_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

Status Quantize(const QuantizeArgs& args) {
  if (args.mode != "dynamic-range") {
    return Errorf("--mode {}: unknown mode; the only mode is dynamic-range", args.mode);
  }
  const auto start = std::chrono::steady_clock::now();
  QB_ASSIGN_OR_RETURN(auto graph, ReadTfliteFile(args.input));
  auto result = QuantizeDynamicRange(*graph);
  if (!result.ok()) return result.status().WithContext(args.input);
  QB_RETURN_IF_ERROR(WriteTfliteFile(*result->graph, args.output).WithContext(args.output));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const DynamicRangeSummary& s = result->summary;
  std::map<std::pair<OpType, int>, int> versions;
  for (const Op& op : result->graph->ops) {
    if ((op.type == OpType::kConv2D || op.type == OpType::kDepthwiseConv2D || op.type == OpType::kFullyConnected) &&
        op.inputs.size() >= 2 && op.inputs[1] >= 0 &&
        result->graph->tensors[static_cast<size_t>(op.inputs[1])].type == DType::kInt8) {
      ++versions[{op.type, op.version}];
    }
  }
  std::string hybrid;
  for (const auto& [key, count] : versions) {
    hybrid += fmt::format("{}{} v{} x{}", hybrid.empty() ? "" : ", ", OpTypeName(key.first), key.second, count);
  }
  std::error_code ec;
  const uint64_t in_bytes = std::filesystem::file_size(args.input, ec);
  const uint64_t out_bytes = std::filesystem::file_size(args.output, ec);
  std::printf("quantized %zu weight tensors to INT8 per channel (%zu hybrid ops: %s); %lld smaller weights stay float32\n",
              s.weights.size(), s.ops_made_hybrid, hybrid.c_str(), static_cast<long long>(s.kept_float_weights));
  std::printf("%s: %.2f MiB -> %s: %.2f MiB (%.2fx smaller) in %.2f s\n", args.input.c_str(), MiB(in_bytes),
              args.output.c_str(), MiB(out_bytes), out_bytes > 0 ? static_cast<double>(in_bytes) / static_cast<double>(out_bytes) : 0.0,
              seconds);
  return OkStatus();
}

}  // namespace

void AddQuantizeCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<QuantizeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "quantize", "Post-training dynamic-range quantization, as TensorFlow Lite's converter does it (int8 weights)");
  cmd->add_option("input", args->input, "The float32 .tflite model")->required();
  cmd->add_option("output", args->output, "Where to write the quantized .tflite model")->required();
  cmd->add_option("--mode", args->mode, "Quantization mode (dynamic-range)");
  cmd->callback([args, &exit_code] {
    Status status = Quantize(*args);
    if (!status.ok()) exit_code = ReportError(status);
  });
}

}  // namespace qb::tools
