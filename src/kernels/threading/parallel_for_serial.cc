// ParallelFor without a threading runtime (parallel_for.h): every task in order on the caller.
#include "kernels/threading/parallel_for.h"

namespace qb {

void RunParallel(int, int32_t count, void (*task)(void* context, int32_t i), void* context) {
  for (int32_t i = 0; i < count; ++i) task(context, i);
}

}  // namespace qb
