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

// Linear interpolation in the sine table; `phase` in [0, 1).
inline float sine(const float* table, double phase) {
  const double x = phase * kTableSize;
  const int i = static_cast<int>(x);
  const float f = static_cast<float>(x - i);
  return table[i] + f * (table[i + 1] - table[i]);
}

inline void wrap(double& phase) {
  if (phase >= 1) phase -= static_cast<int>(phase);
}

}  // namespace

Engine::Engine(double sampleRate) : rate_(sampleRate), table_(kTableSize + 1) {
  for (int i = 0; i <= kTableSize; i++) table_[i] = static_cast<float>(std::sin(kTwoPi * i / kTableSize));
  for (auto& m : meters_) m.store(0.0f);
  // Meters fall by 1/e in ~300 ms; drones glide to a new load in ~250 ms.
  meterDecay_ = static_cast<float>(std::exp(-kChunk / (0.3 * rate_)));
  droneSmooth_ = static_cast<float>(1.0 - std::exp(-1.0 / (0.25 * rate_)));
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
  sounding_[pick >> 6] |= uint64_t{1} << (pick & 63);
}

// The per-sample work of every voice, with its state in locals for the whole run: through a
// Voice& the compiler must reload every field after each store to the bus (a float store may
// alias a float field), and a switch per sample costs a branch the kind never changes. The
// arithmetic is the same, in the same order, so the output is the same bytes.
template <int Kind>
void Engine::renderRun(Voice& v, float* l, float* r, int i, int to) const {
  const float* table = table_.data();
  double phase = v.phase, phase2 = v.phase2, inc = v.inc, inc2 = v.inc2;
  const double glide = v.glide, incLimit = v.incLimit;
  const float amp = v.amp, decay = v.decay, gL = v.gL, gR = v.gR;
  float dec = v.dec, lp = v.lp;
  int64_t age = v.age;
  const int64_t attack = v.attack, fade = v.fade, len = v.len;
  uint32_t rng = v.rng;
  // A voice renders until it is as old as its length, and at least one sample once started.
  const int64_t left0 = std::max<int64_t>(1, len - age);
  const int end = left0 < to - i ? i + static_cast<int>(left0) : to;
  for (; i < end; i++) {
    float env = amp * dec;
    if (age < attack) env *= static_cast<float>(age) / static_cast<float>(attack);
    else dec *= decay;
    // The last 2 ms fade out so a cut never clicks.
    const int64_t left = len - age;
    if (left < fade) env *= static_cast<float>(left) / static_cast<float>(fade);
    float s = 0;
    if constexpr (Kind == kTick || Kind == kReconcile || Kind == kTone) {
      s = sine(table, phase);
    } else if constexpr (Kind == kHeartbeat) {
      s = 0.7f * sine(table, phase) + 0.3f * sine(table, phase2);
      inc2 = inc * 2;
    } else if constexpr (Kind == kPodStart) {
      s = sine(table, phase);
      if (inc < incLimit) inc *= glide;
    } else if constexpr (Kind == kPodReady || Kind == kSchedule) {
      s = 0.6f * sine(table, phase) + 0.4f * sine(table, phase2);
    } else if constexpr (Kind == kPodCrash) {
      const float n = noise(rng);
      lp += 0.2f * (n - lp);
      s = 0.6f * lp * 2.0f + 0.5f * sine(table, phase);
      if (inc > incLimit) inc *= glide;
    } else if constexpr (Kind == kPodRestart) {
      const float x = 3.0f * sine(table, phase);
      s = x > 1 ? 1 : (x < -1 ? -1 : x);
      s *= 0.6f;
    } else if constexpr (Kind == kRequest) {
      const float n = noise(rng);
      lp += 0.15f * (n - lp);
      s = n - lp;
    } else if constexpr (Kind == kRequestError) {
      const float n = noise(rng);
      s = 0.5f * n + 0.35f * (sine(table, phase) >= 0 ? 1.0f : -1.0f);
    }
    phase += inc;
    wrap(phase);
    // Only these kinds read the second oscillator: the others skip its update (nothing reads it).
    if constexpr (Kind == kHeartbeat || Kind == kPodReady || Kind == kSchedule) {
      phase2 += inc2;
      wrap(phase2);
    }
    age++;
    const float out = s * env;
    l[i] += out * gL;
    r[i] += out * gR;
  }
  v.phase = phase;
  v.phase2 = phase2;
  v.inc = inc;
  v.inc2 = inc2;
  v.dec = dec;
  v.lp = lp;
  v.age = age;
  v.rng = rng;
  if (age >= len) v.on = false;
}

void Engine::renderVoice(Voice& v, float* l, float* r, int from, int to) const {
  switch (v.kind) {
    case kTick: return renderRun<kTick>(v, l, r, from, to);
    case kHeartbeat: return renderRun<kHeartbeat>(v, l, r, from, to);
    case kPodStart: return renderRun<kPodStart>(v, l, r, from, to);
    case kPodReady: return renderRun<kPodReady>(v, l, r, from, to);
    case kPodCrash: return renderRun<kPodCrash>(v, l, r, from, to);
    case kPodRestart: return renderRun<kPodRestart>(v, l, r, from, to);
    case kSchedule: return renderRun<kSchedule>(v, l, r, from, to);
    case kRequest: return renderRun<kRequest>(v, l, r, from, to);
    case kRequestError: return renderRun<kRequestError>(v, l, r, from, to);
    case kReconcile: return renderRun<kReconcile>(v, l, r, from, to);
    case kTone: return renderRun<kTone>(v, l, r, from, to);
    default: return renderRun<kDrone>(v, l, r, from, to);  // never started as a voice: silence
  }
}

void Engine::renderDrone(Drone& d, float* l, float* r, int frames) const {
  const float* table = table_.data();
  const float smooth = droneSmooth_, freqTarget = d.freqTarget, levelTarget = d.levelTarget, gL = d.gL, gR = d.gR;
  float freq = d.freq, level = d.level;
  double phase = d.phase, phase2 = d.phase2;
  for (int i = 0; i < frames; i++) {
    freq += smooth * (freqTarget - freq);
    level += smooth * (levelTarget - level);
    const float s = 0.75f * sine(table, phase) + 0.25f * sine(table, phase2);
    const double inc = freq / rate_;
    phase += inc;
    wrap(phase);
    phase2 += inc * 2.003;  // a slow beat against the octave: a drone that breathes
    wrap(phase2);
    const float out = s * level;
    l[i] += out * gL;
    r[i] += out * gR;
  }
  d.freq = freq;
  d.level = level;
  d.phase = phase;
  d.phase2 = phase2;
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
  for (size_t w = 0; w < sounding_.size(); w++)
    for (uint64_t m = sounding_[w]; m; m &= m - 1) {
      used[voices_[w * 64 + __builtin_ctzll(m)].bus] = true;
      active++;
    }
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
  // In index order, as the bus sums have always been added (float sums depend on the order).
  for (size_t w = 0; w < sounding_.size(); w++)
    for (uint64_t m = sounding_[w]; m; m &= m - 1) {
      const int bit = __builtin_ctzll(m);
      Voice& v = voices_[w * 64 + bit];
      const int from = std::min(frames, v.delay);
      v.delay -= from;
      if (from < frames) renderVoice(v, bus[v.bus * 2], bus[v.bus * 2 + 1], from, frames);
      if (!v.on) sounding_[w] &= ~(uint64_t{1} << bit);
    }
  for (auto& d : drones_) {
    if (!d.on) continue;
    renderDrone(d, bus[d.bus * 2], bus[d.bus * 2 + 1], frames);
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
    // A held peak decays toward 0 forever: below the meter's floor it is 0, not a denormal.
    const float held = peaks_[c] * meterDecay_;
    peaks_[c] = std::max(held < 1e-6f ? 0.0f : held, peak);
    meters_[c].store(peaks_[c], std::memory_order_relaxed);
  }
}

}  // namespace na
