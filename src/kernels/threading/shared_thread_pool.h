// The process's pthreadpools, one per thread count, shared by XNNPACK's operators and (where pthreadpool
// is the build's threading runtime) ParallelFor. Compiled only where pthreadpool is.
#pragma once

#include <pthreadpool.h>

namespace qb {

// The pool of `num_threads` threads, created on first use and kept for the process; nullptr for one
// thread (pthreadpool and XNNPACK then run on the caller).
pthreadpool_t SharedThreadPool(int num_threads);

}  // namespace qb
