{
  "targets": [
    {
      "target_name": "k6_scan",
      "sources": ["native/k6-scan.cc"],
      "cflags_cc": ["-O3", "-std=c++17", "-ffp-contract=off", "-fno-exceptions"],
      "cflags_cc!": ["-fno-rtti"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
