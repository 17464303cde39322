#include "kernels/threading/shared_thread_pool.h"

#include <map>
#include <memory>
#include <mutex>

namespace qb {

pthreadpool_t SharedThreadPool(int num_threads) {
  if (num_threads <= 1) return nullptr;
  struct PoolDeleter {
    void operator()(pthreadpool_t pool) const { pthreadpool_destroy(pool); }
  };
  static std::mutex mutex;
  static std::map<int, std::unique_ptr<pthreadpool, PoolDeleter>> pools;
  std::lock_guard<std::mutex> lock(mutex);
  auto& pool = pools[num_threads];
  if (!pool) pool.reset(pthreadpool_create(static_cast<size_t>(num_threads)));
  return pool.get();
}

}  // namespace qb
