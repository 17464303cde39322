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

// "openmp", "pthreadpool" or "none".
const char* ParallelRuntimeName();

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

// The even share of [0, count) of part `part` out of `parts`: [begin, end).
struct IndexRange {
  int32_t begin = 0, end = 0;
};
inline IndexRange EvenShare(int32_t count, int32_t part, int32_t parts) {
  return {static_cast<int32_t>(int64_t{count} * part / parts), static_cast<int32_t>(int64_t{count} * (part + 1) / parts)};
}

}  // namespace qb
