// Format compatibility with TensorFlow Lite's own runtime: every fixture is read by quantbench, written
// back by quantbench's writer, and the WRITTEN file is run in LiteRT.js (LiteRT 2.5.3 compiled to
// WebAssembly, XNNPACK, one thread; tests/compat/litert/run_tflite.mjs under Node) on the seeded input.
//   1. LiteRT's output on the written file equals the fixture's golden output (LiteRT's output on the
//      original file) within 1e-5 of the output range: same runtime, same input, so any difference means
//      the writer changed the model. The same holds for the file written with external buffers
//      (Buffer.offset/size after the flatbuffer, TensorFlow Lite's layout for models over 2 GB).
//   2. quantbench's own output on the written file agrees with LiteRT's, with the criteria of
//      tests/fixtures/golden_test.cc (float: 1e-4 of the range; integer and hybrid: top-1 and cosine).
// When (1) fails, the original fixture is run in LiteRT too, to tell a writer bug from an environment where
// LiteRT.js computes differently. All selected fixtures share one LiteRT.js process (its start-up is most of
// the cost); under ctest, which runs each test in its own process, that is one process per fixture.
// Skips with a message where the fixtures, node, or tests/compat/litert/node_modules are absent
// (scripts/install-node-deps.sh installs them).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "core/file_io.h"
#include "dequantized_weights.h"
#include "litert_runner.h"
#include "output_agreement.h"
#include "runtime/interpreter.h"
#include "runtime/seeded_inputs.h"
#include "test_support.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace qb {
namespace {

using testing::Agreement;
using testing::Compare;
using testing::FixtureEntry;
using testing::LiteRtJob;
using testing::LiteRtUnavailable;
using testing::RunInLiteRt;
using testing::RunSeeded;

// Same runtime, same model, same input: LiteRT's outputs agree to 1e-5 of the output range.
void ExpectSameModel(const std::string& what, const std::vector<float>& litert, const std::vector<float>& golden) {
  ASSERT_EQ(litert.size(), golden.size()) << what << ": output 0 size differs";
  Agreement a = Compare(litert, golden);
  EXPECT_LE(a.max_abs_error, 1e-5 * std::max(a.range, 1e-6))
      << what << ": max abs difference " << a.max_abs_error << ", output range " << a.range << ", cosine "
      << a.cosine;
}

// quantbench against LiteRT on the same written file: tests/fixtures/golden_test.cc's criteria per kind.
void ExpectQuantbenchAgrees(const FixtureEntry& f, const Graph& graph, const std::vector<float>& ours,
                            const std::vector<float>& litert) {
  ASSERT_EQ(ours.size(), litert.size());
  for (float v : ours) ASSERT_TRUE(std::isfinite(v)) << "quantbench: non-finite output";
  Agreement a = Compare(ours, litert);
  if (f.kind == "float32" || f.kind == "float16") {
    EXPECT_LE(a.max_abs_error, 1e-4 * std::max(a.range, 1e-6))
        << "quantbench vs LiteRT: max abs error " << a.max_abs_error << ", output range " << a.range;
    return;
  }
  if (litert.size() > 1) {
    EXPECT_EQ(a.argmax_ours, a.argmax_reference) << "quantbench vs LiteRT: top-1 differs";
  }
  if (f.kind == "full-integer") {
    const Tensor& out = graph.tensors[static_cast<size_t>(graph.outputs[0])];
    double step = IsQuantizedIntegerType(out.type) ? out.quantization.scale[0] : 0.0;
    EXPECT_TRUE(a.cosine >= 0.999 || a.max_abs_error <= step * 1.001)
        << "quantbench vs LiteRT: cosine " << a.cosine << ", max abs error " << a.max_abs_error
        << " (one step: " << step << ")";
    return;
  }
  double reachable = 1.0;
  if (a.cosine < 0.999) {
    auto full_precision = RunSeeded(testing::WithDequantizedWeights(graph));
    ASSERT_TRUE(full_precision.ok()) << full_precision.status().message();
    reachable = Compare(*full_precision, litert).cosine;
  }
  EXPECT_GE(a.cosine, std::min(0.999, reachable - 0.005))
      << "quantbench vs LiteRT: cosine " << a.cosine << "; full-precision arithmetic on the same weights reaches "
      << reachable;
}

// The files LiteRT runs for one fixture, prepared for every selected test before the first one runs, so that
// one LiteRT.js process serves the whole suite when the binary runs it all (ctest runs one test per process).
struct Prepared {
  std::string error;  // why preparing failed, else ""
  std::string written, written_external, input, litert_out, litert_external_out;
  bool input_matches_golden = false;
};

class LiteRtCompatTest : public ::testing::TestWithParam<FixtureEntry> {
 public:
  static void SetUpTestSuite() {
    prepared_.clear();
    litert_errors_.clear();
    litert_process_error_.clear();
    if (!testing::HaveFixtures() || !LiteRtUnavailable().empty()) return;
    dir_ = testing::TempDir();
    std::vector<LiteRtJob> jobs;
    const ::testing::TestSuite* suite = ::testing::UnitTest::GetInstance()->current_test_suite();
    for (const FixtureEntry& f : testing::ListFixtures()) {
      bool selected = false;
      for (int i = 0; i < suite->total_test_count(); ++i) {
        const ::testing::TestInfo* info = suite->GetTestInfo(i);
        if (info->should_run() && info->value_param() && f.name == info->value_param()) selected = true;
      }
      if (!selected || !f.golden) continue;
      Prepared p = Prepare(f);
      if (p.error.empty()) {
        jobs.push_back({p.written, p.input, p.litert_out});
        jobs.push_back({p.written_external, p.input, p.litert_external_out});
      }
      prepared_[f.name] = std::move(p);
    }
    if (!jobs.empty()) litert_errors_ = RunInLiteRt(jobs, dir_, &litert_process_error_);
  }

 protected:
  static Prepared Failed(Prepared p, std::string error) {
    p.error = std::move(error);
    return p;
  }

  static Prepared Prepare(const FixtureEntry& f) {
    Prepared p;
    const std::string base = dir_ + "/" + f.name;
    p.written = base + ".tflite";
    p.written_external = base + ".external.tflite";
    p.input = base + ".in.f32";
    p.litert_out = base + ".litert.out.f32";
    p.litert_external_out = base + ".litert_external.out.f32";
    auto graph = ReadTfliteFile(testing::FixturePath(f.name));
    if (!graph.ok()) return Failed(std::move(p), "reading the fixture: " + graph.status().message());
    Status status = WriteTfliteFile(**graph, p.written);
    if (!status.ok()) return Failed(std::move(p), "writing it: " + status.message());
    TfliteWriteOptions external;
    external.external_buffers = true;
    status = WriteTfliteFile(**graph, p.written_external, external);
    if (!status.ok()) return Failed(std::move(p), "writing it with external buffers: " + status.message());
    // The seeded input stream, every input back to back, through an interpreter of the written file.
    auto rewritten = ReadTfliteFile(p.written);
    if (!rewritten.ok()) return Failed(std::move(p), "reading the written file: " + rewritten.status().message());
    auto interpreter = Interpreter::Create(*rewritten);
    if (!interpreter.ok()) {
      return Failed(std::move(p), "planning the written file: " + interpreter.status().message());
    }
    auto inputs = SeededModelInputs(**interpreter);
    auto golden_in = ReadFloatFile(testing::GoldenPath(f.name, "in.f32"));
    p.input_matches_golden = golden_in.ok() && !inputs.empty() && inputs[0] == *golden_in;
    std::vector<float> all_inputs;
    for (const auto& in : inputs) all_inputs.insert(all_inputs.end(), in.begin(), in.end());
    status = WriteFloatFile(p.input, all_inputs);
    if (!status.ok()) return Failed(std::move(p), "writing the input: " + status.message());
    return p;
  }

  static inline std::string dir_;
  static inline std::map<std::string, Prepared> prepared_;
  static inline std::map<std::string, std::string> litert_errors_;
  static inline std::string litert_process_error_;
};

TEST_P(LiteRtCompatTest, WrittenFileRunsInTensorFlowLite) {
  const FixtureEntry& f = GetParam();
  if (std::string why = LiteRtUnavailable(); !why.empty()) GTEST_SKIP() << "LiteRT.js unavailable: " << why;
  if (!f.golden) GTEST_SKIP() << f.name << " has no golden output";
  ASSERT_EQ(prepared_.count(f.name), 1u);
  const Prepared& p = prepared_[f.name];
  ASSERT_TRUE(p.error.empty()) << p.error;
  ASSERT_TRUE(p.input_matches_golden) << "the seeded generator must reproduce the golden input";
  ASSERT_TRUE(litert_process_error_.empty()) << litert_process_error_;
  auto golden_out = ReadFloatFile(testing::GoldenPath(f.name, "out.f32"));
  ASSERT_TRUE(golden_out.ok()) << golden_out.status().message();

  // 1. TensorFlow Lite runs the written files and computes the golden output.
  ASSERT_EQ(litert_errors_.count(p.written), 0u)
      << "TensorFlow Lite rejects the file quantbench wrote: " << litert_errors_[p.written];
  auto litert = ReadFloatFile(p.litert_out);
  ASSERT_TRUE(litert.ok()) << litert.status().message();
  ExpectSameModel("LiteRT on the written file vs the golden output", *litert, *golden_out);
  if (HasFailure()) {
    // Tell a writer bug from an environment where LiteRT.js computes differently: run the original too.
    std::string process_error;
    const std::string out = dir_ + "/" + f.name + ".litert_original.out.f32";
    auto errors = RunInLiteRt({{testing::FixturePath(f.name), p.input, out}}, dir_, &process_error);
    auto original = ReadFloatFile(out);
    if (process_error.empty() && errors.empty() && original.ok()) {
      ExpectSameModel("environment check: LiteRT on the ORIGINAL fixture vs the golden output", *original,
                      *golden_out);
    } else {
      ADD_FAILURE() << "environment check: LiteRT.js cannot run the original fixture either: " << process_error
                    << (errors.empty() ? "" : errors.begin()->second);
    }
  }
  if (litert_errors_.count(p.written_external)) {
    ADD_FAILURE() << "TensorFlow Lite rejects the file written with external buffers: "
                  << litert_errors_[p.written_external];
  } else {
    auto litert_external = ReadFloatFile(p.litert_external_out);
    ASSERT_TRUE(litert_external.ok()) << litert_external.status().message();
    ExpectSameModel("LiteRT on the file written with external buffers vs the golden output", *litert_external,
                    *golden_out);
  }

  // 2. quantbench's own output on the written file agrees with TensorFlow Lite's.
  auto rewritten = ReadTfliteFile(p.written);
  ASSERT_TRUE(rewritten.ok()) << rewritten.status().message();
  auto ours = RunSeeded(*rewritten);
  ASSERT_TRUE(ours.ok()) << ours.status().message();
  ExpectQuantbenchAgrees(f, **rewritten, *ours, *litert);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, LiteRtCompatTest, ::testing::ValuesIn(testing::FixturesOrNone()),
                         testing::FixtureTestName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(LiteRtCompatTest);

// Stands for the suite where there are no fixtures (or no LiteRT.js), so the skip and its reason show.
TEST(LiteRtCompatSuiteTest, Available) {
  QB_SKIP_WITHOUT_FIXTURES();
  if (std::string why = LiteRtUnavailable(); !why.empty()) GTEST_SKIP() << "LiteRT.js unavailable: " << why;
}

}  // namespace
}  // namespace qb
