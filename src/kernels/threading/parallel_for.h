// ParallelFor: the one way quantbench's own kernels run work on several threads. The threads are those of
// the build's threading runtime, so that a model's ops never wait on two runtimes' spinning workers:
//   OpenMP       where oneDNN is built (x86-64): the threads oneDNN's primitives run on;
//   pthreadpool  otherwise where XNNPACK is built (ARM64): the pool XNNPACK's operators run on
//                (shared_thread_pool.h);
//   none         in order on the calling thread.
// Each build compiles exactly one parallel_for_<runtime>.cc.
#pragma once

#include <cstdint>
#include <type_traits>

namespace qb {

// Calls task(context, i) for every i in [0, count), on up to `num_threads` threads (the caller's among
// them), and returns when all calls have returned. With one thread or one task: in order, on the caller.
// Tasks must not depend on which thread runs them or in what order.
void RunParallel(int num_threads, int32_t count, void (*task)(void* context, int32_t i), void* context);

template <typename Task>
void ParallelFor(int num_threads, int32_t count, Task&& task) {
  if (num_threads <= 1 || count <= 1) {
    for (int32_t i = 0; i < count; ++i) task(i);
    return;
  }
  using TaskType = std::remove_reference_t<Task>;
  RunParallel(num_threads, count, [](void* context, int32_t i) { (*static_cast<TaskType*>(context))(i); }, &task);
}

// The even share of [0, count) (count >= 0) of part `part` out of `parts`: [begin, end).
template <typename Int>
struct IndexRange {
  Int begin = 0, end = 0;
};
template <typename Int>
IndexRange<Int> EvenShare(Int count, int32_t part, int32_t parts) {
  const auto n = static_cast<uint64_t>(count);
  return {static_cast<Int>(n * static_cast<uint64_t>(part) / static_cast<uint64_t>(parts)),
          static_cast<Int>(n * static_cast<uint64_t>(part + 1) / static_cast<uint64_t>(parts))};
}

}  // namespace qb
