// Benchmark outputs as TensorFlow Lite's benchmark_model prints them (2.x with XNNPACK, and an old 1.x/2.0
// build without the "INFO: " prefix), written from the format in DESIGN.md, for the parser tests and the fake
// benchmark tool of the end-to-end tests.
#pragma once

namespace qb::experiment::samples {

inline constexpr const char* kBenchmarkModel = R"(INFO: STARTING!
INFO: Log parameter values verbosely: [0]
INFO: Num threads: [1]
INFO: Graph: [mobilenet_v1_1.0_224.tflite]
INFO: #threads used for CPU inference: [1]
INFO: Loaded model mobilenet_v1_1.0_224.tflite
INFO: Created TensorFlow Lite XNNPACK delegate for CPU.
INFO: The input model file size (MB): 16.9008
INFO: Initialized session in 14.122ms.
INFO: Running benchmark for at least 1 iterations and at least 0.5 seconds but terminate if exceeding 150 seconds.
INFO: count=62 first=9521 curr=8066 min=7978 max=9521 avg=8114.35 std=195

INFO: Running benchmark for at least 50 iterations and at least 1 seconds but terminate if exceeding 150 seconds.
INFO: count=124 first=8094 curr=8087 min=7986 max=8461 avg=8092.17 std=58

INFO: Inference timings in us: Init: 14122, First inference: 9521, Warmup (avg): 8114.35, Inference (avg): 8092.17
INFO: Note: as the benchmark tool itself affects memory footprint, the following is only APPROXIMATE to the actual memory footprint of the model at runtime. Take the information at your discretion.
INFO: Memory footprint delta from the start of the tool (MB): init=30.5 overall=39.2
INFO: Overall peak memory footprint (MB) via periodic monitoring: 41.0
)";

inline constexpr const char* kOldBenchmarkModel = R"(STARTING!
Min num runs: [50]
Graph: [resnet50.tflite]
Loaded model resnet50.tflite
Initialized session in 103.5ms.
Running benchmark for at least 1 iterations and at least 0.5 seconds but terminate if exceeding 150 seconds.
count=1 curr=130211

Running benchmark for at least 50 iterations and at least 1 seconds but terminate if exceeding 150 seconds.
count=50 first=120033 curr=119877 min=119001 max=121544 avg=120001 std=512

Inference timings in us: Init: 103500, First inference: 130211, Warmup (avg): 130211, Inference (avg): 120001
Note: as the benchmark tool itself affects memory footprint, the following is only APPROXIMATE to the actual memory footprint of the model at runtime. Take the information at your discretion.
Peak memory footprint (MB): init=98.2 overall=209.6
)";

}  // namespace qb::experiment::samples
