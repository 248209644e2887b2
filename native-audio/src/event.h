// One scheduled sound: what the JS side sends (offline as a Float64Array of EVENT_FIELDS per
// event, in real time through the SPSC queue). Plain data so it can be copied byte for byte.
#pragma once
#include <cstdint>

namespace na {

// The voices of SOUND.md. The numbers are part of the JS contract (main/audio/voices.ts).
enum VoiceKind : int32_t {
  kTick = 0,        // etcd write: short sine tick, pitch jittered by the caller
  kHeartbeat = 1,   // etcd idle heartbeat: soft low thump
  kPodStart = 2,    // container started: a short rising glide
  kPodReady = 3,    // readiness passed: a soft bell (root + fifth)
  kPodCrash = 4,    // crash / eviction: noise burst over a falling low tone (stands out)
  kPodRestart = 5,  // back-off over, restart: a dry knock (crash -> knock = 1, 2, 4, 8, 16 s)
  kSchedule = 6,    // the scheduler placed a Pod: a wooden pluck
  kRequest = 7,     // a Service request: a tiny click
  kRequestError = 8,// a failed request: a buzzing crackle
  kReconcile = 9,   // a Controller's reconcile tick: a very soft high tick
  kDrone = 10,      // a Node's load: continuous; pitch and level follow utilization (param = slot)
  kTone = 11,       // a plain sustained sine, param = seconds (benchmarks, calibration)
  kVoiceKinds = 12,
};

constexpr int kEventFields = 8;
constexpr int kMaxBuses = 8;
constexpr int kMaxDrones = 32;

struct Event {
  // Absolute engine frame where it starts; <= the current frame means "as soon as possible".
  int64_t frame;
  int32_t voice;
  int32_t bus;     // which AUDIO OUT module it goes to (its meter)
  float gainL;     // the AUDIO OUT's L/R level for the module's cable(s)
  float gainR;
  float pitch;     // Hz
  float amp;       // 0..1
  float param;     // voice-specific (drone slot, tone length)
};

}  // namespace na
