// Real-time output through PortAudio: the callback drains the SPSC queue into a fixed pending
// list, starts each event at its frame (sample-accurate within the block) and renders. It takes
// no lock and calls nothing that can block, so JS never holds up the sound.
#pragma once
#include <portaudio.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "engine.h"
#include "spsc.h"

namespace na {

struct OutputInfo {
  std::string device, hostApi;
  double sampleRate = 0, latency = 0;
  int blockSize = 0;
};

struct OutputStats {
  int64_t frame, callbacks, underruns, overBudget, dropped, late;
  int voices;
  double cpuLoad;
};

class Realtime {
 public:
  ~Realtime();
  /**
   * Opens the default output (or the device whose name contains `device`) with `latency` seconds
   * of device buffer (0: the device's low-latency default); "" when it ran, else why not.
   */
  std::string open(double rate, int block, const std::string& device, double latency = 0);
  void close();
  bool push(const Event& e);
  Engine* engine() { return engine_.get(); }
  const OutputInfo& info() const { return info_; }
  OutputStats stats() const;
  /** Frames played since open: events are scheduled against it. */
  int64_t frame() const { return frame_.load(std::memory_order_acquire); }

 private:
  static int callback(const void*, void* out, unsigned long frames, const PaStreamCallbackTimeInfo*,
                      PaStreamCallbackFlags flags, void* self);
  int render(float* out, int frames, PaStreamCallbackFlags flags);

  PaStream* stream_ = nullptr;
  bool initialized_ = false;
  std::unique_ptr<Engine> engine_;
  SpscQueue<Event> queue_{16384};
  std::vector<Event> pending_;
  size_t pendingCount_ = 0;
  OutputInfo info_;
  std::atomic<int64_t> frame_{0}, callbacks_{0}, underruns_{0}, overBudget_{0}, dropped_{0}, late_{0};
};

}  // namespace na
