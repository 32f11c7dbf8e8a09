#include "store_fixture.h"

namespace aduan::storage {

std::vector<Backend> Backends() {
  std::vector<Backend> out;
  out.push_back({"sqlite", [](Scratch& s) { return OpenStore("sqlite:" + s.dir.File("aduan.db")); },
                 "",
                 /*shared_by_instances=*/false});
  out.push_back({"postgresql",
                 [](Scratch& s) {
                   if (!s.schema) s.schema = std::make_unique<testing::PgSchema>();
                   return OpenStore(s.schema->url());
                 },
                 testing::TestPostgresUrl() ? "" : testing::kNoPostgres,
                 /*shared_by_instances=*/true});
  return out;
}

IntakeRequest Complaint(const std::string& msg_id, const std::string& ticket_id,
                        const std::string& agency, bool urgent, int64_t at_ms) {
  IntakeRequest r;
  r.message.channel = "generic";
  r.message.provider_message_id = msg_id;
  r.message.sender = "+6281234567890";
  r.message.text = "Jalan rusak parah";
  r.message.received_at_ms = at_ms;
  TicketRecord t;
  t.id = ticket_id;
  t.status = agency == "TRIAGE" ? core::TicketStatus::kTriage : core::TicketStatus::kRouted;
  t.agency = agency;
  t.agency_score = 0.9;
  t.maladministration = {"PENUNDAAN_BERLARUT"};
  t.urgent = urgent;
  t.text = r.message.text;
  t.channel = "generic";
  t.reporter_sender = r.message.sender;
  r.ticket = t;
  r.reply = "Terima kasih, aduan Anda tercatat dengan nomor " + ticket_id;
  OutboxDraft o;
  o.channel = "whatsapp";
  o.recipient = r.message.sender;
  o.kind = core::OutboxKind::kAck;
  o.body = r.reply;
  r.outbox.push_back(o);
  return r;
}

}  // namespace aduan::storage
