// A cache of immutable values by article id, the least recently used dropped first once the
// values' total cost passes a budget. Not thread-safe: one owner (a stage's store thread).
#ifndef DYAD_DEDUP_LRU_CACHE_H_
#define DYAD_DEDUP_LRU_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <list>
#include <memory>
#include <unordered_map>
#include <utility>

namespace dyad::dedup {

template <typename V>
class LruCache {
 public:
  explicit LruCache(size_t budget) : budget_(budget) {}
  // The value held for `id` (now the most recently used), or null.
  std::shared_ptr<const V> Get(int64_t id) {
    auto it = map_.find(id);
    if (it == map_.end()) return nullptr;
    order_.splice(order_.end(), order_, it->second);
    return it->second->value;
  }
  // Holds `value` for `id` at `cost` (bytes, or 1 to count entries); nothing when `id` is
  // held. The newest value stays even when it alone passes the budget.
  void Put(int64_t id, std::shared_ptr<const V> value, size_t cost) {
    if (map_.count(id) > 0) return;
    spent_ += cost;
    order_.push_back({id, cost, std::move(value)});
    map_.emplace(id, std::prev(order_.end()));
    while (spent_ > budget_ && order_.size() > 1) {
      spent_ -= order_.front().cost;
      map_.erase(order_.front().id);
      order_.pop_front();
    }
  }
  size_t size() const { return map_.size(); }

 private:
  struct Entry {
    int64_t id;
    size_t cost;
    std::shared_ptr<const V> value;
  };
  size_t budget_;
  size_t spent_ = 0;
  std::list<Entry> order_;  // least recently used first
  std::unordered_map<int64_t, typename std::list<Entry>::iterator> map_;
};

}  // namespace dyad::dedup

#endif  // DYAD_DEDUP_LRU_CACHE_H_
