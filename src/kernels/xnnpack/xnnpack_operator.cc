#include "kernels/xnnpack/xnnpack_operator.h"

#include <map>
#include <mutex>

namespace qb::xnnpack {

pthreadpool_t ThreadPool(int num_threads) {
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

Status CheckXnn(xnn_status status, std::string_view what) {
  if (status == xnn_status_success) return OkStatus();
  return Errorf("{} failed with XNNPACK status {}; run it with --float_backend=reference", what,
                static_cast<int>(status));
}

}  // namespace qb::xnnpack
