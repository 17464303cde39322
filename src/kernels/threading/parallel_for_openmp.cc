// ParallelFor on OpenMP (parallel_for.h): the runtime of oneDNN's primitives in this build.
#include <omp.h>

#include "kernels/threading/parallel_for.h"

namespace qb {

void RunParallel(int num_threads, int32_t count, void (*task)(void* context, int32_t i), void* context) {
#pragma omp parallel for num_threads(num_threads) schedule(static)
  for (int32_t i = 0; i < count; ++i) task(context, i);
}

}  // namespace qb
