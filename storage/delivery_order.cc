#include "storage/delivery_order.h"

namespace aduan::storage {
namespace {

std::string Rank(const std::string& expr) {
  return "(CASE " + expr +
         " WHEN 'queued' THEN 1 WHEN 'sent' THEN 2 WHEN 'delivered' THEN 3 WHEN 'read' THEN 4 "
         "ELSE 0 END)";
}

}  // namespace

std::string DeliveryReportAdvances(const std::string& s, const std::string& at) {
  return "(delivery_status = '' OR (" + s + " = 'failed' AND delivery_status <> 'failed' AND " +
         at + " >= delivery_status_at) OR (" + s +
         " <> 'failed' AND delivery_status = 'failed' AND " + at + " > delivery_status_at) OR (" +
         s + " <> 'failed' AND delivery_status <> 'failed' AND " + Rank(s) + " > " +
         Rank("delivery_status") + "))";
}

}  // namespace aduan::storage
