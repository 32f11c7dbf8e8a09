// Where a gateway keeps its intake journal and how it is opened from configuration.
#ifndef ADUAN_GATEWAY_INTAKE_JOURNAL_H_
#define ADUAN_GATEWAY_INTAKE_JOURNAL_H_

#include <memory>
#include <string>

#include "gateway/common/clock.h"
#include "gateway/common/config.h"
#include "gateway/intake/intake.h"
#include "gateway/intake/journal/journal.h"

namespace aduan::gateway {

// The journal directory for `storage_url`: intake.journal_dir when set, else
// "<sqlite file>.journal" beside a SQLite database; "" when there is none to use (journal off,
// or PostgreSQL without intake.journal_dir: instances sharing a database must each name
// their own directory, so none is guessed).
std::string JournalDirFor(const GatewayConfig& config, const std::string& storage_url);

// Opens the journal JournalDirFor() names. nullptr with *error empty: no journal (intake is
// synchronous); nullptr with *error set: it could not be opened (the gateway must not start,
// since what it would acknowledge could not be kept).
std::unique_ptr<journal::Journal> OpenIntakeJournal(const GatewayConfig& config,
                                                    const std::string& storage_url, Clock clock,
                                                    std::string* error);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_INTAKE_JOURNAL_H_
