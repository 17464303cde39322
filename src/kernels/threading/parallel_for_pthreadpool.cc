// ParallelFor on pthreadpool (parallel_for.h): the pool XNNPACK's operators run on in this build.
#include <pthreadpool.h>

#include "kernels/threading/parallel_for.h"
#include "kernels/threading/shared_thread_pool.h"

namespace qb {
namespace {

struct Call {
  void (*task)(void*, int32_t);
  void* context;
};

void RunOne(void* call, size_t i) {
  const Call& c = *static_cast<const Call*>(call);
  c.task(c.context, static_cast<int32_t>(i));
}

}  // namespace

void RunParallel(int num_threads, int32_t count, void (*task)(void* context, int32_t i), void* context) {
  Call call{task, context};
  pthreadpool_parallelize_1d(SharedThreadPool(num_threads), &RunOne, &call, static_cast<size_t>(count), 0);
}

}  // namespace qb
