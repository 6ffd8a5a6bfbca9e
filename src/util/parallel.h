// OrderedPool: a bounded, order-preserving worker pool for the pipeline's stages.
//
// One thread (the caller: it reads the input and writes the store) pushes items in order;
// `threads` workers transform them; the results are handed back to the caller's `consume`, in
// the order the items were pushed, on the caller's thread. So the store is only ever touched
// by one thread, and the output is the same whatever the number of workers.
//
// Back-pressure: at most `window` items are in flight (queued, being worked on, or done but
// not yet consumed). Push blocks, consuming finished results, until there is room; memory is
// bounded by `window` items whatever the input size.
//
// With threads == 0 there are no workers: Push runs `work` and `consume` inline.
//
// `work` must be safe to call concurrently (it runs on several workers at once) and should
// not throw; an exception it throws becomes an Internal error returned by Push or Finish.
// After `consume` returns an error, Push refuses further items and returns that error.
#ifndef DYAD_UTIL_PARALLEL_H_
#define DYAD_UTIL_PARALLEL_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "dyad/status.h"

namespace dyad {

// The number of workers "all threads" means on this machine (at least 1).
inline size_t HardwareThreads() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

// The pipeline's window: items in flight per worker. Results are consumed in order, so one
// slow item (a long article to code) holds back the ones behind it; a deep window lets the
// workers go on meanwhile instead of waiting, and wakes the threads less often. With 4 per
// worker two threads were barely faster than one; 32 made `dyad run -j 2` 1.35x faster than
// one thread on the 64 MB bench (docs/scaling.md). Memory: that many articles in flight.
inline constexpr size_t kWindowPerWorker = 32;

template <typename In, typename Out>
class OrderedPool {
 public:
  using Work = std::function<Out(In&)>;
  using Consume = std::function<Status(Out&&)>;

  OrderedPool(size_t threads, size_t window, Work work, Consume consume)
      : window_(window < 1 ? 1 : window), work_(std::move(work)), consume_(std::move(consume)) {
    for (size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { WorkerLoop(); });
  }
  ~OrderedPool() { Stop(); }
  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;

  // Queues `in`; consumes whatever results are ready in order; blocks while the window is full.
  Status Push(In in) {
    if (!error_.ok()) return error_;
    if (workers_.empty()) {
      std::optional<Out> out = Run(in, &error_);
      if (!out) return error_;
      error_ = consume_(std::move(*out));
      return error_;
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.emplace_back(pushed_++, std::move(in));
    }
    work_cv_.notify_one();
    return Drain(/*all=*/false);
  }

  // Waits for every pushed item and consumes the rest; returns the first error.
  Status Finish() {
    if (!workers_.empty() && error_.ok()) error_ = Drain(/*all=*/true);
    Stop();
    return error_;
  }

 private:
  // Runs `work`; an exception becomes *error (nullopt returned).
  std::optional<Out> Run(In& in, Status* error) {
    try {
      return work_(in);
    } catch (const std::exception& e) {
      *error = Status::Internal(std::string("worker: ") + e.what());
    }
    return std::nullopt;
  }

  void WorkerLoop() {
    for (;;) {
      std::pair<uint64_t, In> item;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping
        item = std::move(queue_.front());
        queue_.pop_front();
      }
      Status error;
      std::optional<Out> out = Run(item.second, &error);
      if (!out) {
        std::lock_guard<std::mutex> lock(error_mu_);
        if (work_error_.ok()) work_error_ = error;
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        done_.emplace(item.first, std::move(out));
      }
      done_cv_.notify_one();
    }
  }

  // Consumes finished results in order: those ready, then (while the window is full, or
  // until everything pushed is consumed when `all`) waits for the next one.
  Status Drain(bool all) {
    for (;;) {
      std::optional<Out> out;
      {
        std::unique_lock<std::mutex> lock(mu_);
        bool must_wait = all ? consumed_ < pushed_ : pushed_ - consumed_ >= window_;
        auto ready = [this] { return done_.count(consumed_) > 0; };
        if (!ready()) {
          if (!must_wait) return Status::OK();
          done_cv_.wait(lock, ready);
        }
        auto it = done_.find(consumed_);
        out = std::move(it->second);
        done_.erase(it);
        ++consumed_;
      }
      if (!out) {
        std::lock_guard<std::mutex> lock(error_mu_);
        error_ = work_error_;
        return error_;
      }
      Status s = consume_(std::move(*out));
      if (!s.ok()) {
        error_ = s;
        return s;
      }
    }
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
      queue_.clear();
    }
    work_cv_.notify_all();
    for (std::thread& t : workers_) t.join();
    workers_.clear();
  }

  const size_t window_;
  Work work_;
  Consume consume_;
  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::deque<std::pair<uint64_t, In>> queue_;    // guarded by mu_
  std::map<uint64_t, std::optional<Out>> done_;  // guarded by mu_; nullopt: work threw
  uint64_t pushed_ = 0;                          // guarded by mu_
  uint64_t consumed_ = 0;                        // guarded by mu_
  bool stop_ = false;                            // guarded by mu_
  std::mutex error_mu_;
  Status work_error_;  // guarded by error_mu_
  Status error_;       // the caller's thread only
};

// Feeds `pool` one item per key, in order: `load(key)` reads an item (on this thread; nullopt
// skips the key), then waits for the pool to finish. Returns the first error from `load`, the
// pool's work or its consumer.
template <typename Key, typename In, typename Out, typename Load>
Status FeedInOrder(const std::vector<Key>& keys, OrderedPool<In, Out>& pool, Load load) {
  Status st;
  for (const Key& key : keys) {
    Result<std::optional<In>> item = load(key);
    if (!item.ok()) {
      st = item.status();
      break;
    }
    if (!*item) continue;
    if (!(st = pool.Push(std::move(**item))).ok()) break;
  }
  Status fin = pool.Finish();
  return st.ok() ? fin : st;
}

}  // namespace dyad

#endif  // DYAD_UTIL_PARALLEL_H_
