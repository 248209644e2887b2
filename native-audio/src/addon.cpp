// The Node-API binding (C API, so one build serves Node and Electron). Every buffer that crosses
// is copied (Electron forbids external ArrayBuffers), and nothing here keeps a JS reference.
#include <node_api.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "engine.h"
#include "realtime.h"

namespace {

using na::Event;

std::unique_ptr<na::Realtime> g_output;

#define CHECK(call)                                     \
  do {                                                  \
    if ((call) != napi_ok) {                            \
      napi_throw_error(env, nullptr, "native-audio: " #call " failed"); \
      return nullptr;                                   \
    }                                                   \
  } while (0)

napi_value Throw(napi_env env, const std::string& message) {
  napi_throw_type_error(env, nullptr, ("native-audio: " + message).c_str());
  return nullptr;
}

double NumberArg(napi_env env, napi_value v, double fallback) {
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok || t != napi_number) return fallback;
  double d;
  napi_get_value_double(env, v, &d);
  return d;
}

// Reads a Float64Array of kEventFields numbers per event into Events (copied).
bool ReadEvents(napi_env env, napi_value value, std::vector<Event>& out) {
  bool isTyped = false;
  napi_is_typedarray(env, value, &isTyped);
  if (!isTyped) return false;
  napi_typedarray_type type;
  size_t length;
  void* data;
  napi_value ab;
  size_t offset;
  if (napi_get_typedarray_info(env, value, &type, &length, &data, &ab, &offset) != napi_ok) return false;
  if (type != napi_float64_array || length % na::kEventFields != 0) return false;
  const double* d = static_cast<const double*>(data);
  out.resize(length / na::kEventFields);
  for (size_t i = 0; i < out.size(); i++) {
    const double* f = d + i * na::kEventFields;
    out[i] = Event{static_cast<int64_t>(f[0]), static_cast<int32_t>(f[1]), static_cast<int32_t>(f[2]),
                   static_cast<float>(f[3]), static_cast<float>(f[4]), static_cast<float>(f[5]),
                   static_cast<float>(f[6]), static_cast<float>(f[7])};
  }
  return true;
}

napi_value SetNumber(napi_env env, napi_value obj, const char* key, double v) {
  napi_value n;
  napi_create_double(env, v, &n);
  napi_set_named_property(env, obj, key, n);
  return obj;
}

napi_value SetString(napi_env env, napi_value obj, const char* key, const std::string& v) {
  napi_value s;
  napi_create_string_utf8(env, v.c_str(), v.size(), &s);
  napi_set_named_property(env, obj, key, s);
  return obj;
}

// render(events: Float64Array, frames, rate, master) -> Buffer of interleaved stereo int16 LE.
napi_value Render(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  if (argc < 3) return Throw(env, "render(events, frames, rate[, master]) needs 3 arguments");
  std::vector<Event> events;
  if (!ReadEvents(env, argv[0], events)) return Throw(env, "events must be a Float64Array of 8 numbers per event");
  const double frames = NumberArg(env, argv[1], -1);
  const double rate = NumberArg(env, argv[2], -1);
  if (!(frames >= 0 && frames <= 48000.0 * 3600 * 4)) return Throw(env, "frames must be 0..4 hours of audio");
  if (!(rate >= 8000 && rate <= 192000)) return Throw(env, "rate must be 8000..192000 Hz");
  const double master = argc > 3 ? NumberArg(env, argv[3], 1) : 1;
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.frame < b.frame; });
  na::Engine engine(rate);
  engine.setMaster(static_cast<float>(master));
  const int64_t total = static_cast<int64_t>(frames);
  std::vector<int16_t> pcm(static_cast<size_t>(total) * 2);
  constexpr int kBlock = 64;
  float block[kBlock * 2];
  size_t next = 0;
  for (int64_t at = 0; at < total; at += kBlock) {
    const int n = static_cast<int>(std::min<int64_t>(kBlock, total - at));
    while (next < events.size() && events[next].frame < at + n) {
      engine.start(events[next], static_cast<int>(std::max<int64_t>(0, events[next].frame - at)));
      next++;
    }
    engine.process(block, n);
    for (int i = 0; i < 2 * n; i++)
      {
        // Round half away from zero by truncation (no libm, no rounding-mode dependence).
        const float x = block[i] * 32767.0f;
        pcm[static_cast<size_t>(at) * 2 + i] = static_cast<int16_t>(x >= 0 ? x + 0.5f : x - 0.5f);
      }
  }
  napi_value buffer;
  CHECK(napi_create_buffer_copy(env, pcm.size() * 2, pcm.data(), nullptr, &buffer));
  return buffer;
}

// open(rate, block, device, latency) -> {ok, error} or {ok, device, hostApi, sampleRate, blockSize, latency}
napi_value Open(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  const double rate = argc > 0 ? NumberArg(env, argv[0], 48000) : 48000;
  const double block = argc > 1 ? NumberArg(env, argv[1], 128) : 128;
  std::string device;
  if (argc > 2) {
    size_t len = 0;
    char buf[256];
    if (napi_get_value_string_utf8(env, argv[2], buf, sizeof buf, &len) == napi_ok) device.assign(buf, len);
  }
  const double latency = argc > 3 ? NumberArg(env, argv[3], 0) : 0;
  if (!(latency >= 0 && latency <= 2)) return Throw(env, "latency must be 0..2 s");
  if (!(rate >= 8000 && rate <= 192000)) return Throw(env, "rate must be 8000..192000 Hz");
  if (!(block >= 16 && block <= 8192)) return Throw(env, "block must be 16..8192 frames");
  if (!g_output) g_output = std::make_unique<na::Realtime>();
  const std::string error = g_output->open(rate, static_cast<int>(block), device, latency);
  napi_value result, flag;
  CHECK(napi_create_object(env, &result));
  napi_get_boolean(env, error.empty(), &flag);
  napi_set_named_property(env, result, "ok", flag);
  if (!error.empty()) return SetString(env, result, "error", error);
  const na::OutputInfo& oi = g_output->info();
  SetString(env, result, "device", oi.device);
  SetString(env, result, "hostApi", oi.hostApi);
  SetNumber(env, result, "sampleRate", oi.sampleRate);
  SetNumber(env, result, "blockSize", oi.blockSize);
  return SetNumber(env, result, "latency", oi.latency);
}

napi_value Close(napi_env env, napi_callback_info) {
  if (g_output) g_output->close();
  return nullptr;
}

bool Running() { return g_output && g_output->engine(); }

// push(events: Float64Array) -> how many the queue took (a full queue drops the rest).
napi_value Push(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  std::vector<Event> events;
  if (argc < 1 || !ReadEvents(env, argv[0], events)) return Throw(env, "events must be a Float64Array of 8 numbers per event");
  double taken = 0;
  if (Running())
    for (const Event& e : events) taken += g_output->push(e) ? 1 : 0;
  napi_value n;
  napi_create_double(env, taken, &n);
  return n;
}

napi_value Frame(napi_env env, napi_callback_info) {
  napi_value n;
  napi_create_double(env, Running() ? static_cast<double>(g_output->frame()) : 0, &n);
  return n;
}

napi_value SetMaster(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  const double gain = argc > 0 ? NumberArg(env, argv[0], 1) : 1;
  if (Running()) g_output->engine()->setMaster(static_cast<float>(std::clamp(gain, 0.0, 2.0)));
  return nullptr;
}

// meters() -> Float64Array [bus0 L, bus0 R, bus1 L, ...] (a copy).
napi_value Meters(napi_env env, napi_callback_info) {
  constexpr size_t n = na::kMaxBuses * 2;
  napi_value ab, arr;
  void* data;
  CHECK(napi_create_arraybuffer(env, n * sizeof(double), &data, &ab));
  double* d = static_cast<double*>(data);
  for (size_t i = 0; i < n; i++) d[i] = Running() ? g_output->engine()->meter(static_cast<int>(i / 2), static_cast<int>(i % 2)) : 0;
  CHECK(napi_create_typedarray(env, napi_float64_array, n, ab, 0, &arr));
  return arr;
}

napi_value Stats(napi_env env, napi_callback_info) {
  napi_value obj;
  CHECK(napi_create_object(env, &obj));
  if (!Running()) return obj;
  const na::OutputStats s = g_output->stats();
  SetNumber(env, obj, "frame", static_cast<double>(s.frame));
  SetNumber(env, obj, "callbacks", static_cast<double>(s.callbacks));
  SetNumber(env, obj, "underruns", static_cast<double>(s.underruns));
  SetNumber(env, obj, "overBudget", static_cast<double>(s.overBudget));
  SetNumber(env, obj, "dropped", static_cast<double>(s.dropped));
  SetNumber(env, obj, "late", static_cast<double>(s.late));
  SetNumber(env, obj, "voices", s.voices);
  return SetNumber(env, obj, "cpuLoad", s.cpuLoad);
}

void Cleanup(void*) { g_output.reset(); }

napi_value Init(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"render", nullptr, Render, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"open", nullptr, Open, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"close", nullptr, Close, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"push", nullptr, Push, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"frame", nullptr, Frame, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"setMaster", nullptr, SetMaster, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"meters", nullptr, Meters, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"stats", nullptr, Stats, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  napi_add_env_cleanup_hook(env, Cleanup, nullptr);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
