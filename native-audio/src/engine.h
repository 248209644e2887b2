// The voice engine: a pure function of (sample rate, events in order, master gain). No clock,
// no allocation after construction, no libm in the per-sample path (a sine table), so the
// offline render is byte for byte the same every time, and the real-time callback never waits.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <vector>

#include "event.h"

namespace na {

constexpr int kMaxVoices = 256;

class Engine {
 public:
  explicit Engine(double sampleRate);

  /** Starts `e`'s voice `delay` frames into the next process() call. */
  void start(const Event& e, int delay);
  /** Renders `frames` interleaved stereo frames into `out` (overwrites). */
  void process(float* out, int frames);
  /** Master gain (0 mutes); ramped per block so a change never clicks. Safe from any thread. */
  void setMaster(float gain) { masterTarget_.store(gain, std::memory_order_relaxed); }
  /** A bus's peak level (0..1+), held and decaying over ~300 ms. Safe from any thread. */
  float meter(int bus, int channel) const { return meters_[bus * 2 + channel].load(std::memory_order_relaxed); }
  int activeVoices() const { return active_.load(std::memory_order_relaxed); }
  double sampleRate() const { return rate_; }

 private:
  struct Voice {
    bool on = false;
    int32_t kind = 0;
    int bus = 0;
    float gL = 0, gR = 0;
    int delay = 0;
    int64_t age = 0, len = 0, attack = 1, fade = 1;
    double phase = 0, phase2 = 0, inc = 0, inc2 = 0, glide = 1, incLimit = 0;
    float amp = 0, dec = 1, decay = 1, lp = 0, lp2 = 0;
    uint32_t rng = 1;
  };
  struct Drone {
    bool on = false;
    int bus = 0;
    float gL = 0, gR = 0;
    double phase = 0, phase2 = 0;
    float freq = 0, freqTarget = 0, level = 0, levelTarget = 0;
  };

  /** Renders `v` into frames [from, to) of `l`/`r` (or until it ends), one loop per voice kind. */
  template <int Kind>
  void renderRun(Voice& v, float* l, float* r, int from, int to) const;
  void renderVoice(Voice& v, float* l, float* r, int from, int to) const;
  void renderDrone(Drone& d, float* l, float* r, int frames) const;
  void processChunk(float* out, int frames);

  const double rate_;
  std::vector<float> table_;
  std::array<Voice, kMaxVoices> voices_{};
  /** Which voices sound, one bit each: the mix walks them in index order without touching the rest. */
  std::array<uint64_t, kMaxVoices / 64> sounding_{};
  std::array<Drone, kMaxDrones> drones_{};
  std::array<float, kMaxBuses * 2> peaks_{};
  std::array<std::atomic<float>, kMaxBuses * 2> meters_{};
  std::atomic<float> masterTarget_{1.0f};
  std::atomic<int> active_{0};
  float master_ = 1.0f;
  float meterDecay_ = 1.0f;
  float droneSmooth_ = 0.0f;
  uint32_t seed_ = 0x9e3779b9u;
};

}  // namespace na
