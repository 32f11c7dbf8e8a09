#include "classifier/rule_mining.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "classifier/rules.h"

namespace aduan::classifier {
namespace {

// Words too common in any complaint to say anything about who handles it.
const std::set<std::string>& Stopwords() {
  static const auto* words = new std::set<std::string>{
      "yang",   "di",     "ke",      "dari",   "dan",   "ini",    "itu",       "ada",   "sudah",
      "tidak",  "saya",   "kami",    "kita",   "untuk", "dengan", "pada",      "atau",  "juga",
      "karena", "sudah",  "mohon",   "tolong", "min",   "pak",    "bu",        "bapak", "ibu",
      "terima", "kasih",  "selamat", "pagi",   "siang", "sore",   "malam",     "mau",   "bisa",
      "jadi",   "sama",   "aja",     "lagi",   "tapi",  "kalau",  "bagaimana", "apa",   "sangat",
      "sekali", "banyak", "masih",   "belum",  "akan",  "harus",  "dalam",     "oleh",  "nya",
      "kok",    "ya",     "dong",    "deh",    "sih",   "kan",    "nih",       "udah",  "the",
      "and",    "to",     "of",      "a",      "is",    "in",     "rt",        "rw",    "jl",
      "no",     "gang",   "kel",     "kec",    "kota",  "banget", "amat"};
  return *words;
}

// The words of `text` as the rules read them (normalised, then stemmed): what mining counts, and
// what a mined phrase must read back as.
std::vector<std::string> StemmedWords(std::string_view text, const Lexicon& lexicon,
                                      const Stemmer& stemmer) {
  std::vector<std::string> stems;
  for (const auto& word : NormalizeWords(text, &lexicon)) stems.emplace_back(stemmer.Stem(word));
  return stems;
}

bool AllDigits(const std::string& word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool Useful(const std::string& word) {
  if (word.size() < 3 || Stopwords().contains(word)) return false;
  // Numbers name places and dates, not services.
  return !AllDigits(word);
}

// Words that tie a phrase to a place, a person or the next clause ("kasur di", "saya sekarang",
// "rsud tapi"): a conduct phrase made with one is about the scene, not the conduct.
bool Linker(const std::string& word) {
  static const auto* words = new std::set<std::string>{
      "di", "ke", "dari", "yang", "dan", "ini", "itu", "pada", "untuk", "dengan", "atau", "juga",
      "dalam", "oleh", "nya", "ada", "saya", "kami", "kita", "pak", "bu", "bapak", "ibu", "min",
      "the", "and", "to", "of", "a", "is", "in", "rt", "rw", "jl", "no", "gang", "kel", "kec",
      "kota", "tapi", "karena", "kalau", "jadi", "sama", "lalu", "terus", "namun", "sedangkan",
      // English messages tie the scene the same way ("our rumah": "our house").
      "our", "my", "we", "i", "it", "at", "on", "for", "with", "from", "this", "that", "are", "was",
      "were", "your", "their", "there",
      // Reported speech ("katanya kamar penuh") tells what was said, not what is happening.
      "kata"};
  return words->contains(word);
}

// Conduct is told with the small words agency mining skips ("belum jadi", "tidak direspon"), so
// one word of a two-word conduct phrase may be one of them, unless it is a linker; a number
// names a date or an amount, not conduct.
bool ConductPair(const std::string& first, const std::string& second) {
  auto word = [](const std::string& w) { return w.size() >= 2 && !Linker(w) && !AllDigits(w); };
  return word(first) && word(second) && (Useful(first) || Useful(second));
}

// A conduct label adds up its phrases' weights, so a two-word phrase whose word is a kept phrase
// of the same label would count that word twice ("parang" and "bawa parang"): one is dropped.
void DropOverlappingPairs(std::vector<MinedPhrase>* phrases) {
  std::set<std::pair<std::string, std::string>> single;
  for (const auto& m : *phrases) {
    if (m.phrase.find(' ') == std::string::npos) single.emplace(m.label, m.phrase);
  }
  std::erase_if(*phrases, [&](const MinedPhrase& m) {
    const size_t space = m.phrase.find(' ');
    if (space == std::string::npos) return false;
    return single.contains({m.label, m.phrase.substr(0, space)}) ||
           single.contains({m.label, m.phrase.substr(space + 1)});
  });
}

// The labels `row` carries for `kind` (see MiningLabel); none for a row that takes no part.
std::vector<std::string> LabelsOf(const HistoryRow& row, MiningLabel kind, bool* takes_part) {
  *takes_part = true;
  switch (kind) {
    case MiningLabel::kAgency:
      *takes_part = !row.agency.empty();
      return {row.agency};
    case MiningLabel::kTopic:
      *takes_part = !row.topic.empty();
      return {row.topic};
    case MiningLabel::kMaladministration:
      *takes_part = row.has_conduct;
      return row.maladministration;
    case MiningLabel::kUrgent:
      *takes_part = row.has_conduct;
      if (row.urgent) return {kUrgentTarget};
      return {};
  }
  return {};
}

// Complaints below which a conduct cue's weight is capped (see MinePhrases).
constexpr int kFewForConduct = 5;

bool PhraseSafe(const std::string& word) {
  // A rule phrase cannot carry the rule syntax's own characters.
  return word.find_first_of("|~!=@#<>") == std::string::npos;
}

}  // namespace

std::vector<MinedPhrase> MinePhrases(const std::vector<HistoryRow>& rows, const Lexicon& lexicon,
                                     const Stemmer& stemmer, const MiningOptions& options) {
  std::map<std::string, int> label_rows;
  std::unordered_map<std::string, std::map<std::string, int>> df;  // phrase -> label -> docs
  std::unordered_map<std::string, int> total;
  int n = 0;
  const bool conduct =
      options.label == MiningLabel::kMaladministration || options.label == MiningLabel::kUrgent;
  for (const auto& row : rows) {
    bool takes_part = false;
    const std::vector<std::string> labels = LabelsOf(row, options.label, &takes_part);
    if (!takes_part) continue;
    ++n;
    for (const auto& label : labels) ++label_rows[label];
    const std::vector<std::string> stems = StemmedWords(row.text, lexicon, stemmer);
    // Words the classifier would read as negated: for conduct labels a phrase starting there is
    // not counted (see MiningOptions::negators).
    std::vector<bool> negated(stems.size(), false);
    if (conduct && options.negation_window > 0) {
      for (size_t i = 0; i < stems.size(); ++i) {
        if (std::find(options.negators.begin(), options.negators.end(), stems[i]) ==
            options.negators.end()) {
          continue;
        }
        for (size_t k = i + 1;
             k <= i + static_cast<size_t>(options.negation_window) && k < stems.size(); ++k) {
          negated[k] = true;
        }
      }
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < stems.size(); ++i) {
      if (!PhraseSafe(stems[i]) || negated[i]) continue;
      if (Useful(stems[i])) seen.insert(stems[i]);
      if (i + 1 >= stems.size() || !PhraseSafe(stems[i + 1])) continue;
      const bool pair =
          conduct ? ConductPair(stems[i], stems[i + 1]) : Useful(stems[i]) && Useful(stems[i + 1]);
      if (pair) seen.insert(stems[i] + " " + stems[i + 1]);
    }
    for (const auto& phrase : seen) {
      for (const auto& label : labels) ++df[phrase][label];
      ++total[phrase];
    }
  }
  // A rule's phrase is normalised and stemmed again when the rules load, and the lexicon is not
  // idempotent: "AK1" reads "ak" -> "aku", but a rule written "aku" reads "saya", and so once
  // sent every message with "saya" and nothing else to DISNAKER. A phrase that does not read
  // back as itself would vote for words it was not counted on, so it is not suggested.
  auto reads_back = [&lexicon, &stemmer](const std::string& phrase) {
    std::string again;
    for (const auto& stem : StemmedWords(phrase, lexicon, stemmer)) {
      if (!again.empty()) again += ' ';
      again += stem;
    }
    return again == phrase;
  };
  std::vector<MinedPhrase> out;
  for (const auto& [phrase, by_label] : df) {
    const int all = total[phrase];
    if (!reads_back(phrase)) continue;
    for (const auto& [label, count] : by_label) {
      if (count < options.min_support) continue;
      const double share = double(count) / all;
      if (share < options.min_share) continue;
      const int in_rows = label_rows[label];
      const int out_rows = n - in_rows;
      const int out_count = all - count;
      const double a = options.alpha;
      const double odds_in = (count + a) / (in_rows - count + a);
      const double odds_out = (out_count + a) / (out_rows - out_count + a);
      const double log_odds = std::log(odds_in / odds_out);
      if (log_odds < options.min_log_odds) continue;
      MinedPhrase m{label, phrase, count, all, in_rows, log_odds, 1};
      // Weight from how sure the phrase is of its label: share near 1 and common -> strong.
      m.weight =
          std::clamp(static_cast<int>(std::lround(share * std::min(log_odds, 5.0) * 0.8)), 1, 4);
      // A conduct cue is added to every complaint's reading: one seen in a handful of complaints
      // ("pasar sekarang", 3 of 3) may be chance, so it weighs at most half the most.
      if (conduct && count < kFewForConduct) m.weight = std::min(m.weight, 2);
      out.push_back(std::move(m));
    }
  }
  if (conduct) DropOverlappingPairs(&out);
  std::sort(out.begin(), out.end(), [](const MinedPhrase& x, const MinedPhrase& y) {
    if (x.label != y.label) return x.label < y.label;
    if (x.log_odds != y.log_odds) return x.log_odds > y.log_odds;
    return x.phrase < y.phrase;
  });
  // Keep the strongest few per label.
  std::vector<MinedPhrase> kept;
  std::map<std::string, int> per_label;
  for (auto& m : out) {
    if (per_label[m.label]++ < options.max_per_label) kept.push_back(std::move(m));
  }
  return kept;
}

std::string FormatRuleFile(const std::vector<MinedPhrase>& phrases, MiningLabel label,
                           const std::string& source, size_t rows) {
  std::string out =
      "# Suggested by `aduan rules suggest` from " + source + " (" + std::to_string(rows) +
      " labelled complaints).\n"
      "# Review before use: delete what is wrong, adjust weights, then put the file " +
      std::string(label == MiningLabel::kMaladministration || label == MiningLabel::kUrgent
                      ? "in the\n# conduct folder (classifier.conduct_rules, e.g. "
                        "config/classifier/conduct/). Each comment gives the\n"
                      : "beside the\n# shipped rules (e.g. config/classifier/rules/90-kota.rules). "
                        "Each comment gives the\n") +
      "# complaints of the label that contain the phrase / all that contain it, and the smoothed\n"
      "# log-odds of the label given the phrase. Phrases are written as the rules see them\n"
      "# (normalised, stemmed).\n";
  std::string current;
  for (const auto& m : phrases) {
    if (m.label != current) {
      current = m.label;
      switch (label) {
        case MiningLabel::kAgency:
          out += "\n[agency " + m.label + "]\n";
          break;
        case MiningLabel::kTopic:
          out += "\n[topic " + m.label + "]\n";
          break;
        case MiningLabel::kMaladministration:
          out += "\n[maladministration " + m.label + "]\n";
          break;
        case MiningLabel::kUrgent:
          out += "\n[urgent]\n";
          break;
      }
    }
    char stats[96];
    std::snprintf(stats, sizeof(stats), "%d/%d, log-odds %.2f", m.in_label, m.total, m.log_odds);
    out += std::to_string(m.weight) + " " + m.phrase + "  # " + stats + "\n";
  }
  return out;
}

}  // namespace aduan::classifier
