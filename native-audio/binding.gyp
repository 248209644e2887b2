{
  "targets": [
    {
      "target_name": "native_audio",
      "sources": ["src/addon.cpp", "src/engine.cpp", "src/realtime.cpp"],
      "defines": ["NAPI_VERSION=8"],
      "cflags_cc": ["-std=c++17", "-O3", "-fno-fast-math", "-Wall"],
      "cflags_cc!": ["-fno-exceptions"],
      "libraries": ["-lportaudio"],
      "conditions": [
        ["OS=='linux'", {"libraries": ["-lasound"]}],
        ["OS=='mac'", {
          "xcode_settings": {"CLANG_CXX_LANGUAGE_STANDARD": "c++17", "OTHER_CFLAGS": ["-O3"]},
          "include_dirs": ["/opt/homebrew/include", "/usr/local/include"],
          "libraries": ["-L/opt/homebrew/lib", "-L/usr/local/lib"]
        }]
      ]
    }
  ]
}
