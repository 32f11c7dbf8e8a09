// Process metrics in Prometheus text format, for GET /metrics. Thread-safe; counting is a map
// lookup under a mutex, cheap next to the fsync every write waits for.
#ifndef ADUAN_GATEWAY_METRICS_H_
#define ADUAN_GATEWAY_METRICS_H_

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace aduan::gateway {

class Metrics {
 public:
  // Adds `n` to counter `name` with `labels` (already formatted, e.g. code="200",reason="full").
  void Count(const std::string& name, const std::string& labels, uint64_t n = 1);
  // Sets counter `name` with `labels` to `value`: for counts another component keeps itself.
  void SetCounter(const std::string& name, const std::string& labels, uint64_t value);
  // Records one webhook's handling time.
  void ObserveWebhookSeconds(double seconds);
  // Sets a gauge to `value`.
  void Gauge(const std::string& name, double value);
  // The exposition text; HELP/TYPE lines included.
  std::string Render() const;

 private:
  static constexpr std::array<double, 10> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,  0.1,    0.25,  1,    5};
  mutable std::mutex mu_;
  std::map<std::string, std::map<std::string, uint64_t>> counters_;
  std::map<std::string, double> gauges_;
  std::array<uint64_t, kBuckets.size()> bucket_counts_{};
  uint64_t observations_ = 0;
  double observed_sum_ = 0;
};

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_METRICS_H_
