// `quantbench models`: generates the seven Keras ImageNet CNNs (or the ones named with --only) as float32
// .tflite files in a folder, with weights from a seed, and optionally prints what each is made of.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "commands.h"
#include "core/file_io.h"
#include "models/model_registry.h"
#include "models/model_summary.h"
#include "tflite/writer.h"

namespace qb::tools {
namespace {

struct ModelsArgs {
  std::string out;
  std::string only;
  uint32_t seed = 1;
  bool summary = false;
};

std::string ShapeAndType(const models::TensorInfo& t) {
  return ShapeToString(t.shape) + " " + std::string(DTypeName(t.type));
}

void PrintSummary(const models::ModelInfo& info, const models::ModelSummary& s, int64_t keras_params,
                  uint64_t file_bytes) {
  std::printf("%s\n", std::string(info.name).c_str());
  std::printf("  parameters: %s", models::WithThousands(s.parameters).c_str());
  if (keras_params > 0) {
    std::printf(" (Keras %s minus %s folded BatchNorm)", models::WithThousands(keras_params).c_str(),
                models::WithThousands(keras_params - s.parameters).c_str());
  }
  std::printf("\n  MACs per inference: %s (%.3f G)\n", models::WithThousands(s.macs).c_str(),
              static_cast<double>(s.macs) / 1e9);
  std::string ops;
  for (const auto& [name, count] : s.op_histogram) ops += (ops.empty() ? "" : ", ") + name + " " + std::to_string(count);
  std::printf("  ops: %s\n", ops.c_str());
  for (const auto& t : s.inputs) std::printf("  input: %s %s\n", t.name.c_str(), ShapeAndType(t).c_str());
  for (const auto& t : s.outputs) std::printf("  output: %s %s\n", t.name.c_str(), ShapeAndType(t).c_str());
  std::printf("  file: %s.tflite, %s bytes (%.2f MiB)\n", std::string(info.name).c_str(),
              models::WithThousands(static_cast<int64_t>(file_bytes)).c_str(),
              static_cast<double>(file_bytes) / (1024.0 * 1024.0));
}

Status Generate(const ModelsArgs& args) {
  std::string only = args.only;
  if (only.empty()) {
    for (const std::string& name : models::StandardModelNames()) only += (only.empty() ? "" : ",") + name;
  }
  QB_ASSIGN_OR_RETURN(auto selected, models::SelectModels(only));
  QB_RETURN_IF_ERROR(EnsureWritableFolder(args.out));
  for (const models::ModelInfo* info : selected) {
    const auto start = std::chrono::steady_clock::now();
    const std::string path = (std::filesystem::path(args.out) / (std::string(info->name) + ".tflite")).string();
    uint64_t file_bytes = 0;
    models::ModelSummary summary;
    int64_t keras_params = 0;
    {
      // The graph (every weight) is released before the next model is built.
      QB_ASSIGN_OR_RETURN(models::BuiltModel built, models::BuildModel(info->name, args.seed));
      QB_RETURN_IF_ERROR(WriteTfliteFile(built.graph, path));
      summary = models::Summarize(built.graph);
      keras_params = built.keras_params;
    }
    std::error_code ec;
    file_bytes = std::filesystem::file_size(path, ec);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (args.summary) {
      PrintSummary(*info, summary, keras_params, file_bytes);
    } else {
      std::printf("wrote %s (%.2f MiB, %.1f s)\n", path.c_str(), static_cast<double>(file_bytes) / (1024.0 * 1024.0),
                  seconds);
    }
    std::fflush(stdout);
  }
  return OkStatus();
}

}  // namespace

void AddModelsCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ModelsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "models", "Generate the seven Keras ImageNet CNNs (MobileNet, InceptionV3, ResNet50/101/152, VGG16/19) as .tflite");
  cmd->add_option("--out", args->out, "Folder to write <Model>.tflite into (created when missing)")->required();
  cmd->add_option("--only", args->only,
                  "Comma-separated models to generate (default: the seven; also TinyMobileNet, TinyInception, "
                  "TinyResNet, TinyVGG)");
  cmd->add_option("--seed", args->seed, "Seed of the weights (same seed, byte-identical files)");
  cmd->add_flag("--summary", args->summary, "Print parameters, MACs, op histogram and shapes of each model");
  cmd->callback([args, &exit_code] {
    Status status = Generate(*args);
    if (!status.ok()) exit_code = ReportError(status);
  });
}

}  // namespace qb::tools
