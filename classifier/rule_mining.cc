#include "classifier/rule_mining.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

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
      "no",     "gang",   "kel",     "kec",    "kota"};
  return *words;
}

bool Useful(const std::string& word) {
  if (word.size() < 3 || Stopwords().contains(word)) return false;
  // Numbers and codes name places and dates, not services.
  return std::any_of(word.begin(), word.end(), [](char c) { return c < '0' || c > '9'; }) &&
         !std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

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
  for (const auto& row : rows) {
    const std::string& label = options.by_topic ? row.topic : row.agency;
    if (label.empty()) continue;
    ++n;
    ++label_rows[label];
    std::vector<std::string> stems;
    for (const auto& word : NormalizeWords(row.text, &lexicon)) {
      stems.emplace_back(stemmer.Stem(word));
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < stems.size(); ++i) {
      if (!PhraseSafe(stems[i])) continue;
      if (Useful(stems[i])) seen.insert(stems[i]);
      if (i + 1 < stems.size() && PhraseSafe(stems[i + 1]) && Useful(stems[i]) &&
          Useful(stems[i + 1])) {
        seen.insert(stems[i] + " " + stems[i + 1]);
      }
    }
    for (const auto& phrase : seen) {
      ++df[phrase][label];
      ++total[phrase];
    }
  }
  std::vector<MinedPhrase> out;
  for (const auto& [phrase, by_label] : df) {
    const int all = total[phrase];
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
      out.push_back(std::move(m));
    }
  }
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

std::string FormatRuleFile(const std::vector<MinedPhrase>& phrases, bool by_topic,
                           const std::string& source, size_t rows) {
  std::string out =
      "# Suggested by `aduan rules suggest` from " + source + " (" + std::to_string(rows) +
      " labelled complaints).\n"
      "# Review before use: delete what is wrong, adjust weights, then put the file beside the\n"
      "# shipped rules (e.g. config/classifier/rules/90-kota.rules). Each comment gives the\n"
      "# complaints of the label that contain the phrase / all that contain it, and the smoothed\n"
      "# log-odds of the label given the phrase. Phrases are written as the rules see them\n"
      "# (normalised, stemmed).\n";
  std::string current;
  for (const auto& m : phrases) {
    if (m.label != current) {
      current = m.label;
      out += std::string("\n[") + (by_topic ? "topic " : "agency ") + m.label + "]\n";
    }
    char stats[96];
    std::snprintf(stats, sizeof(stats), "%d/%d, log-odds %.2f", m.in_label, m.total, m.log_odds);
    out += std::to_string(m.weight) + " " + m.phrase + "  # " + stats + "\n";
  }
  return out;
}

}  // namespace aduan::classifier
