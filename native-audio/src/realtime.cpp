#include "realtime.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#if defined(__linux__)
#include <alsa/asoundlib.h>
#endif
#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <unistd.h>
#endif

namespace na {

namespace {
constexpr size_t kPending = 8192;

// PortAudio probes every ALSA/JACK/OSS device it knows and each failed probe prints to stderr
// (dozens of lines on a machine with no sound card); the app reports the outcome once instead.
#if defined(__linux__)
// ALSA reports each recovered underrun on stderr from the audio thread; the addon counts them instead.
void QuietAlsa(const char*, int, const char*, int, const char*, ...) {}
#endif

PaError QuietInitialize() {
#if defined(__linux__)
  if (!std::getenv("NATIVE_AUDIO_VERBOSE")) snd_lib_error_set_handler(QuietAlsa);
#endif
#if defined(__unix__) || defined(__APPLE__)
  if (!std::getenv("NATIVE_AUDIO_VERBOSE")) {
    const int saved = dup(2);
    const int null = ::open("/dev/null", O_WRONLY);
    if (saved >= 0 && null >= 0) {
      dup2(null, 2);
      const PaError err = Pa_Initialize();
      dup2(saved, 2);
      ::close(null);
      ::close(saved);
      return err;
    }
  }
#endif
  return Pa_Initialize();
}
}  // namespace

Realtime::~Realtime() { close(); }

std::string Realtime::open(double rate, int block, const std::string& device, double latency) {
  close();
  PaError err = QuietInitialize();
  if (err != paNoError) return std::string("PortAudio did not start: ") + Pa_GetErrorText(err);
  initialized_ = true;
  PaDeviceIndex index = Pa_GetDefaultOutputDevice();
  if (!device.empty()) {
    index = paNoDevice;
    for (PaDeviceIndex i = 0; i < Pa_GetDeviceCount(); i++) {
      const PaDeviceInfo* d = Pa_GetDeviceInfo(i);
      if (d && d->maxOutputChannels >= 2 && std::strstr(d->name, device.c_str())) {
        index = i;
        break;
      }
    }
  }
  if (index == paNoDevice) {
    close();
    return device.empty() ? "there is no audio output device" : "there is no output device named \"" + device + "\"";
  }
  const PaDeviceInfo* dev = Pa_GetDeviceInfo(index);
  PaStreamParameters out{};
  out.device = index;
  out.channelCount = 2;
  out.sampleFormat = paFloat32;
  out.suggestedLatency = latency > 0 ? latency : dev->defaultLowOutputLatency;
  engine_ = std::make_unique<Engine>(rate);
  pending_.assign(kPending, Event{});
  pendingCount_ = 0;
  frame_.store(0);
  info_ = OutputInfo{};
  info_.sampleRate = rate;  // the callback's time budget reads it from the first block on
  err = Pa_OpenStream(&stream_, nullptr, &out, rate, static_cast<unsigned long>(block), paNoFlag, &Realtime::callback, this);
  if (err != paNoError) {
    stream_ = nullptr;
    close();
    return std::string("the output \"") + dev->name + "\" did not open: " + Pa_GetErrorText(err);
  }
  err = Pa_StartStream(stream_);
  if (err != paNoError) {
    close();
    return std::string("the output \"") + dev->name + "\" did not start: " + Pa_GetErrorText(err);
  }
  const PaStreamInfo* si = Pa_GetStreamInfo(stream_);
  info_.device = dev->name;
  info_.hostApi = Pa_GetHostApiInfo(dev->hostApi)->name;
  info_.latency = si ? si->outputLatency : 0;
  info_.blockSize = block;
  return "";
}

void Realtime::close() {
  if (stream_) {
    Pa_StopStream(stream_);
    Pa_CloseStream(stream_);
    stream_ = nullptr;
  }
  if (initialized_) Pa_Terminate();
  initialized_ = false;
}

bool Realtime::push(const Event& e) {
  if (queue_.push(e)) return true;
  dropped_.fetch_add(1, std::memory_order_relaxed);
  return false;
}

OutputStats Realtime::stats() const {
  return {frame_.load(), callbacks_.load(), underruns_.load(), overBudget_.load(), dropped_.load(), late_.load(),
          engine_ ? engine_->activeVoices() : 0, stream_ ? Pa_GetStreamCpuLoad(stream_) : 0.0};
}

int Realtime::callback(const void*, void* out, unsigned long frames, const PaStreamCallbackTimeInfo*,
                       PaStreamCallbackFlags flags, void* self) {
  return static_cast<Realtime*>(self)->render(static_cast<float*>(out), static_cast<int>(frames), flags);
}

int Realtime::render(float* out, int frames, PaStreamCallbackFlags flags) {
  const auto began = std::chrono::steady_clock::now();
  if (flags & paOutputUnderflow) underruns_.fetch_add(1, std::memory_order_relaxed);
  const int64_t now = frame_.load(std::memory_order_relaxed);
  Event e;
  while (pendingCount_ < kPending && queue_.pop(e)) pending_[pendingCount_++] = e;
  // Start what falls in this block, in arrival order; keep the rest for later blocks.
  size_t kept = 0;
  for (size_t i = 0; i < pendingCount_; i++) {
    const Event& p = pending_[i];
    if (p.frame < now + frames) {
      if (p.frame < now && p.frame > 0) late_.fetch_add(1, std::memory_order_relaxed);
      engine_->start(p, static_cast<int>(p.frame > now ? p.frame - now : 0));
    } else pending_[kept++] = p;
  }
  pendingCount_ = kept;
  engine_->process(out, frames);
  frame_.store(now + frames, std::memory_order_release);
  callbacks_.fetch_add(1, std::memory_order_relaxed);
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  if (took > frames / info_.sampleRate) overBudget_.fetch_add(1, std::memory_order_relaxed);
  return paContinue;
}

}  // namespace na
