// The generic JSON channel: any bot, web form or script that can POST
//   {"id": "...", "from": "...", "text": "...", "name"?: "...", "timestamp"?: unix seconds}
// It has no secret and is always enabled; put it behind the same proxy rules as the others.
#ifndef ADUAN_CHANNELS_GENERIC_GENERIC_H_
#define ADUAN_CHANNELS_GENERIC_GENERIC_H_

#include <memory>

#include "channels/adapter.h"

namespace aduan::channels {

std::unique_ptr<ChannelAdapter> MakeGenericAdapter(const EnvLookup& env);

inline constexpr ChannelTraits kGenericTraits{.answers_inline = true,
                                              .threads_by_subject = false,
                                              .reaches_phones = false,
                                              .posts_attachments = false,
                                              .default_api_base = ""};

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_GENERIC_GENERIC_H_
