#include "engine.h"

#include <algorithm>
#include <cmath>

namespace na {

namespace {

constexpr int kTableSize = 4096;
constexpr int kChunk = 64;
constexpr double kTwoPi = 6.283185307179586;

// Envelope and length per voice kind, in seconds: {attack, decay time constant, length}.
struct Shape {
  double attack, tau, len;
};
constexpr Shape kShapes[kVoiceKinds] = {
    {0.001, 0.015, 0.080},  // tick
    {0.004, 0.080, 0.350},  // heartbeat
    {0.003, 0.090, 0.300},  // pod start
    {0.005, 0.350, 1.200},  // pod ready
    {0.001, 0.140, 0.550},  // pod crash
    {0.001, 0.035, 0.150},  // pod restart (knock)
    {0.001, 0.060, 0.250},  // schedule (pluck)
    {0.0002, 0.0015, 0.006},// request click
    {0.001, 0.030, 0.090},  // request error
    {0.0005, 0.008, 0.040}, // reconcile tick
    {0.0, 0.0, 0.0},        // drone (continuous)
    {0.005, 0.0, 0.0},      // tone: length from param, no decay
};

inline uint32_t xorshift(uint32_t& s) {
  s ^= s << 13;
  s ^= s >> 17;
  s ^= s << 5;
  return s;
}
inline float noise(uint32_t& s) { return static_cast<float>(static_cast<int32_t>(xorshift(s))) * (1.0f / 2147483648.0f); }

}  // namespace

Engine::Engine(double sampleRate) : rate_(sampleRate), table_(kTableSize + 1) {
  for (int i = 0; i <= kTableSize; i++) table_[i] = static_cast<float>(std::sin(kTwoPi * i / kTableSize));
  for (auto& m : meters_) m.store(0.0f);
  // Meters fall by 1/e in ~300 ms; drones glide to a new load in ~250 ms.
  meterDecay_ = static_cast<float>(std::exp(-kChunk / (0.3 * rate_)));
  droneSmooth_ = static_cast<float>(1.0 - std::exp(-1.0 / (0.25 * rate_)));
}

float Engine::sine(double phase) const {
  const double x = phase * kTableSize;
  const int i = static_cast<int>(x);
  const float f = static_cast<float>(x - i);
  return table_[i] + f * (table_[i + 1] - table_[i]);
}

void Engine::start(const Event& e, int delay) {
  if (e.voice < 0 || e.voice >= kVoiceKinds) return;
  const int bus = std::clamp<int>(e.bus, 0, kMaxBuses - 1);
  if (e.voice == kDrone) {
    const int slot = std::clamp(static_cast<int>(e.param), 0, kMaxDrones - 1);
    Drone& d = drones_[slot];
    if (!d.on) {
      d = Drone{};
      d.on = true;
      d.freq = e.pitch;
    }
    d.bus = bus;
    d.gL = e.gainL;
    d.gR = e.gainR;
    d.freqTarget = e.pitch;
    d.levelTarget = e.amp;
    return;
  }
  // A free voice, or else the oldest one (deterministic: the lowest index among the oldest).
  int pick = 0;
  int64_t oldest = -1;
  for (int i = 0; i < kMaxVoices; i++) {
    if (!voices_[i].on) {
      pick = i;
      oldest = -2;
      break;
    }
    if (voices_[i].age > oldest) {
      oldest = voices_[i].age;
      pick = i;
    }
  }
  const Shape& sh = kShapes[e.voice];
  Voice v;
  v.on = true;
  v.kind = e.voice;
  v.bus = bus;
  v.gL = e.gainL;
  v.gR = e.gainR;
  v.delay = std::max(0, delay);
  v.amp = e.amp;
  v.attack = std::max<int64_t>(1, static_cast<int64_t>(sh.attack * rate_));
  v.fade = std::max<int64_t>(1, static_cast<int64_t>(0.002 * rate_));
  v.len = static_cast<int64_t>((e.voice == kTone ? std::max(0.0f, e.param) : sh.len) * rate_);
  v.decay = sh.tau > 0 ? static_cast<float>(std::exp(-1.0 / (sh.tau * rate_))) : 1.0f;
  v.inc = e.pitch / rate_;
  v.inc2 = v.inc;
  v.rng = (seed_ = seed_ * 1664525u + 1013904223u) | 1u;
  switch (e.voice) {
    case kPodStart:  // up a fifth in 120 ms
      v.glide = std::pow(1.5, 1.0 / (0.12 * rate_));
      v.incLimit = v.inc * 1.5;
      break;
    case kPodReady:
      v.inc2 = v.inc * 1.5;
      break;
    case kPodCrash:  // the low tone falls an octave in ~200 ms
      v.glide = std::pow(0.5, 1.0 / (0.2 * rate_));
      v.incLimit = v.inc * 0.25;
      break;
    case kSchedule:
      v.inc2 = v.inc * 2.01;
      break;
    default:
      break;
  }
  voices_[pick] = v;
}

float Engine::renderVoice(Voice& v) {
  float env = v.amp * v.dec;
  if (v.age < v.attack) env *= static_cast<float>(v.age) / static_cast<float>(v.attack);
  else v.dec *= v.decay;
  // The last 2 ms fade out so a cut never clicks.
  const int64_t left = v.len - v.age;
  if (left < v.fade) env *= static_cast<float>(left) / static_cast<float>(v.fade);
  float s = 0;
  switch (v.kind) {
    case kTick:
    case kReconcile:
    case kTone:
      s = sine(v.phase);
      break;
    case kHeartbeat:
      s = 0.7f * sine(v.phase) + 0.3f * sine(v.phase2);
      v.inc2 = v.inc * 2;
      break;
    case kPodStart:
      s = sine(v.phase);
      if (v.inc < v.incLimit) v.inc *= v.glide;
      break;
    case kPodReady:
    case kSchedule:
      s = 0.6f * sine(v.phase) + 0.4f * sine(v.phase2);
      break;
    case kPodCrash: {
      const float n = noise(v.rng);
      v.lp += 0.2f * (n - v.lp);
      s = 0.6f * v.lp * 2.0f + 0.5f * sine(v.phase);
      if (v.inc > v.incLimit) v.inc *= v.glide;
      break;
    }
    case kPodRestart: {
      const float x = 3.0f * sine(v.phase);
      s = x > 1 ? 1 : (x < -1 ? -1 : x);
      s *= 0.6f;
      break;
    }
    case kRequest: {
      const float n = noise(v.rng);
      v.lp += 0.15f * (n - v.lp);
      s = n - v.lp;
      break;
    }
    case kRequestError: {
      const float n = noise(v.rng);
      s = 0.5f * n + 0.35f * (sine(v.phase) >= 0 ? 1.0f : -1.0f);
      break;
    }
    default:
      break;
  }
  v.phase += v.inc;
  if (v.phase >= 1) v.phase -= static_cast<int>(v.phase);
  v.phase2 += v.inc2;
  if (v.phase2 >= 1) v.phase2 -= static_cast<int>(v.phase2);
  v.age++;
  if (v.age >= v.len) v.on = false;
  return s * env;
}

float Engine::renderDrone(Drone& d) {
  d.freq += droneSmooth_ * (d.freqTarget - d.freq);
  d.level += droneSmooth_ * (d.levelTarget - d.level);
  const float s = 0.75f * sine(d.phase) + 0.25f * sine(d.phase2);
  const double inc = d.freq / rate_;
  d.phase += inc;
  if (d.phase >= 1) d.phase -= static_cast<int>(d.phase);
  d.phase2 += inc * 2.003;  // a slow beat against the octave: a drone that breathes
  if (d.phase2 >= 1) d.phase2 -= static_cast<int>(d.phase2);
  return s * d.level;
}

void Engine::process(float* out, int frames) {
  while (frames > 0) {
    const int n = std::min(frames, kChunk);
    processChunk(out, n);
    out += 2 * n;
    frames -= n;
  }
}

void Engine::processChunk(float* out, int frames) {
  float bus[kMaxBuses * 2][kChunk];
  bool used[kMaxBuses] = {};
  const float target = masterTarget_.load(std::memory_order_relaxed);
  const float step = (target - master_) / frames;
  int active = 0;
  for (const auto& v : voices_)
    if (v.on) used[v.bus] = true, active++;
  for (const auto& d : drones_)
    if (d.on) used[d.bus] = true, active++;
  active_.store(active, std::memory_order_relaxed);
  int live[kMaxBuses];
  int nLive = 0;
  for (int b = 0; b < kMaxBuses; b++)
    if (used[b]) {
      live[nLive++] = b;
      std::fill(bus[b * 2], bus[b * 2] + frames, 0.0f);
      std::fill(bus[b * 2 + 1], bus[b * 2 + 1] + frames, 0.0f);
    }
  for (auto& v : voices_) {
    if (!v.on) continue;
    float* l = bus[v.bus * 2];
    float* r = bus[v.bus * 2 + 1];
    int i = std::min(frames, v.delay);
    v.delay -= i;
    for (; i < frames && v.on; i++) {
      const float s = renderVoice(v);
      l[i] += s * v.gL;
      r[i] += s * v.gR;
    }
  }
  for (auto& d : drones_) {
    if (!d.on) continue;
    float* l = bus[d.bus * 2];
    float* r = bus[d.bus * 2 + 1];
    for (int i = 0; i < frames; i++) {
      const float s = renderDrone(d);
      l[i] += s * d.gL;
      r[i] += s * d.gR;
    }
    if (d.levelTarget <= 0 && d.level < 1e-5f) d.on = false;
  }
  for (int i = 0; i < frames; i++) {
    master_ += step;
    float l = 0, r = 0;
    for (int k = 0; k < nLive; k++) {
      l += bus[live[k] * 2][i];
      r += bus[live[k] * 2 + 1][i];
    }
    l *= master_;
    r *= master_;
    out[2 * i] = l > 1 ? 1 : (l < -1 ? -1 : l);
    out[2 * i + 1] = r > 1 ? 1 : (r < -1 ? -1 : r);
  }
  master_ = target;
  for (int c = 0; c < kMaxBuses * 2; c++) {
    float peak = 0;
    if (used[c / 2])
      for (int i = 0; i < frames; i++) peak = std::max(peak, std::fabs(bus[c][i]) * target);
    peaks_[c] = std::max(peaks_[c] * meterDecay_, peak);
    meters_[c].store(peaks_[c], std::memory_order_relaxed);
  }
}

}  // namespace na
