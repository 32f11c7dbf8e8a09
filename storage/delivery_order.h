// Delivery reports only move a sent message forward. Providers deliver them out of order (a
// WhatsApp `read` before its `delivered`, a Twilio `sent` after `delivered`), so a report is
// applied only when it is news: queued < sent < delivered < read; `failed` replaces any success
// not newer than itself, and a failure is final unless a success reported at a later time
// follows (a retry by the provider that got through). Both backends use the same SQL.
#ifndef ADUAN_STORAGE_DELIVERY_ORDER_H_
#define ADUAN_STORAGE_DELIVERY_ORDER_H_

#include <string>

namespace aduan::storage {

// An SQL boolean over the outbox row's delivery_status and delivery_status_at: true when a
// report with status `status_param` at `at_param` (placeholders, e.g. "?1"/"?2" or "$1"/"$2")
// should replace what the row holds.
std::string DeliveryReportAdvances(const std::string& status_param, const std::string& at_param);

}  // namespace aduan::storage

#endif  // ADUAN_STORAGE_DELIVERY_ORDER_H_
