// `quantbench run`: one inference on a .tflite model, inputs from raw float32 files or the seeded
// generator, outputs written as raw float32 and summarised in one line per output.
#include <algorithm>
#include <cstdio>
#include <numeric>

#include "commands.h"
#include "core/file_io.h"
#include "runtime/interpreter.h"
#include "runtime/seeded_inputs.h"
#include "tflite/reader.h"

namespace qb::tools {
namespace {

struct RunArgs {
  std::string graph;
  std::vector<std::string> inputs;
  std::string output;
  uint32_t seed = 1;
  int num_threads = 1;
  KernelFlags kernels;
};

// Inputs from files: one file per model input, or a single file holding all inputs back to back.
Result<std::vector<std::vector<float>>> ReadInputs(const Interpreter& interpreter, const std::vector<std::string>& files) {
  std::vector<std::vector<float>> inputs;
  std::vector<size_t> counts;
  for (size_t i = 0; i < interpreter.num_inputs(); ++i) {
    counts.push_back(static_cast<size_t>(ElementCount(interpreter.graph().tensors[static_cast<size_t>(interpreter.graph().inputs[i])].shape)));
  }
  if (files.size() == counts.size()) {
    for (size_t i = 0; i < files.size(); ++i) {
      QB_ASSIGN_OR_RETURN(std::vector<float> values, ReadFloatFile(files[i]));
      if (values.size() != counts[i]) {
        return Errorf("{}: holds {} float32 values but input {} needs {}", files[i], values.size(), i, counts[i]);
      }
      inputs.push_back(std::move(values));
    }
    return inputs;
  }
  if (files.size() == 1) {
    QB_ASSIGN_OR_RETURN(std::vector<float> values, ReadFloatFile(files[0]));
    size_t total = std::accumulate(counts.begin(), counts.end(), size_t{0});
    if (values.size() != total) {
      return Errorf("{}: holds {} float32 values but the model's {} inputs need {} in all", files[0], values.size(),
                    counts.size(), total);
    }
    size_t offset = 0;
    for (size_t count : counts) {
      inputs.emplace_back(values.begin() + static_cast<ptrdiff_t>(offset), values.begin() + static_cast<ptrdiff_t>(offset + count));
      offset += count;
    }
    return inputs;
  }
  return Errorf("got {} --input files for a model with {} inputs; give one per input or one for all", files.size(),
                counts.size());
}

Status Run(const RunArgs& args) {
  QB_ASSIGN_OR_RETURN(auto graph, ReadTfliteFile(args.graph));
  InterpreterOptions options;
  QB_ASSIGN_OR_RETURN(options.kernels,
                      ResolveKernelConfig(args.kernels, args.num_threads));
  auto interpreter = Interpreter::Create(graph, options);
  if (!interpreter.ok()) return interpreter.status().WithContext(args.graph);
  Interpreter& in = **interpreter;
  std::vector<std::vector<float>> inputs;
  if (args.inputs.empty()) {
    inputs = SeededModelInputs(in, args.seed);
  } else {
    QB_ASSIGN_OR_RETURN(inputs, ReadInputs(in, args.inputs));
  }
  QB_RETURN_IF_ERROR(SetInputs(in, inputs));
  in.Invoke();

  std::vector<float> all;
  for (size_t i = 0; i < in.num_outputs(); ++i) {
    std::vector<float> out = in.OutputAsFloats(i);
    const RuntimeTensor& t = in.output(i);
    size_t argmax = out.empty() ? 0 : static_cast<size_t>(std::max_element(out.begin(), out.end()) - out.begin());
    double sum = std::accumulate(out.begin(), out.end(), 0.0);
    std::printf("output %zu '%s' %s %s: argmax=%zu max=%.6g sum=%.6g\n", i, t.name().c_str(),
                ShapeToString(t.shape).c_str(), std::string(DTypeName(t.type)).c_str(), argmax,
                out.empty() ? 0.0 : static_cast<double>(out[argmax]), sum);
    all.insert(all.end(), out.begin(), out.end());
  }
  if (!args.output.empty()) QB_RETURN_IF_ERROR(WriteFloatFile(args.output, all));
  return OkStatus();
}

}  // namespace

void AddRunCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Run one inference and write the outputs as raw float32");
  cmd->add_option("--graph", args->graph, "The .tflite model")->required();
  cmd->add_option("--input", args->inputs,
                  "Raw little-endian float32 input file (one per model input, or one holding all); default: the "
                  "seeded generator");
  cmd->add_option("--output", args->output, "Write all outputs, as raw float32, to this file");
  cmd->add_option("--seed", args->seed, "Seed of the input generator (uniform in [-1, 1))");
  cmd->add_option("--num_threads", args->num_threads, "Threads")->check(CLI::Range(1, 1024));
  AddKernelFlags(*cmd, args->kernels);
  cmd->callback([args, &exit_code] {
    Status status = Run(*args);
    if (!status.ok()) exit_code = ReportError(status);
  });
}

}  // namespace qb::tools
