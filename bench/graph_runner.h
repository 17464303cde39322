// Times one graph in a Google Benchmark state on a float backend at the best ISA level: the suites'
// common loop. `counter` names the rate ("GFLOPs" for float, "GOPs" for int8), 2 x MACs per iteration.
#pragma once

#include <memory>
#include <string>

#include <benchmark/benchmark.h>

#include "graph/graph.h"
#include "kernels/kernel_factory.h"
#include "runtime/interpreter.h"

namespace qb::bench {

// `backend` (and its hybrid family) at $QB_ISA, else the best level.
KernelConfig BestIsaConfig(FloatBackend backend, HybridBackend hybrid = HybridBackend::kSameAsFloat);

// Runs `graph` until `state` stops; returns the interpreter (nullptr after SkipWithError) for labels.
std::unique_ptr<Interpreter> TimeGraph(benchmark::State& state, std::shared_ptr<const Graph> graph,
                                       const KernelConfig& config, const char* counter);

}  // namespace qb::bench
