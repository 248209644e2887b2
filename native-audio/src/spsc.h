// A single-producer single-consumer ring: the JS thread pushes, the audio thread pops. Neither
// side ever blocks or allocates; a full ring refuses the push (the caller counts a drop).
#pragma once
#include <atomic>
#include <cstddef>
#include <vector>

namespace na {

template <typename T>
class SpscQueue {
 public:
  explicit SpscQueue(size_t capacityPow2) : buf_(capacityPow2), mask_(capacityPow2 - 1) {}

  bool push(const T& item) {
    const size_t head = head_.load(std::memory_order_relaxed);
    const size_t tail = tail_.load(std::memory_order_acquire);
    if (head - tail > mask_) return false;
    buf_[head & mask_] = item;
    head_.store(head + 1, std::memory_order_release);
    return true;
  }

  bool pop(T& out) {
    const size_t tail = tail_.load(std::memory_order_relaxed);
    const size_t head = head_.load(std::memory_order_acquire);
    if (tail == head) return false;
    out = buf_[tail & mask_];
    tail_.store(tail + 1, std::memory_order_release);
    return true;
  }

 private:
  std::vector<T> buf_;
  const size_t mask_;
  alignas(64) std::atomic<size_t> head_{0};
  alignas(64) std::atomic<size_t> tail_{0};
};

}  // namespace na
