#include "gateway/common/metrics.h"

#include <sstream>

namespace aduan::gateway {

void Metrics::Count(const std::string& name, const std::string& labels, uint64_t n) {
  std::lock_guard<std::mutex> lock(mu_);
  counters_[name][labels] += n;
}

void Metrics::SetCounter(const std::string& name, const std::string& labels, uint64_t value) {
  std::lock_guard<std::mutex> lock(mu_);
  counters_[name][labels] = value;
}

void Metrics::Gauge(const std::string& name, double value) {
  std::lock_guard<std::mutex> lock(mu_);
  gauges_[name] = value;
}

void Metrics::ObserveWebhookSeconds(double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++observations_;
  observed_sum_ += seconds;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++bucket_counts_[i];
  }
}

std::string Metrics::Render() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::ostringstream out;
  for (const auto& [name, series] : counters_) {
    out << "# TYPE " << name << " counter\n";
    for (const auto& [labels, value] : series) {
      out << name;
      if (!labels.empty()) out << '{' << labels << '}';
      out << ' ' << value << '\n';
    }
  }
  for (const auto& [name, value] : gauges_) {
    out << "# TYPE " << name << " gauge\n" << name << ' ' << value << '\n';
  }
  const char* h = "aduan_webhook_duration_seconds";
  out << "# TYPE " << h << " histogram\n";
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    out << h << "_bucket{le=\"" << kBuckets[i] << "\"} " << bucket_counts_[i] << '\n';
  }
  out << h << "_bucket{le=\"+Inf\"} " << observations_ << '\n';
  out << h << "_sum " << observed_sum_ << '\n' << h << "_count " << observations_ << '\n';
  return out.str();
}

}  // namespace aduan::gateway
