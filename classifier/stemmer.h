// A rule-based Indonesian stemmer that only trusts roots it knows.
//
// It strips particles (-lah -kah -tah -pun), possessives (-ku -mu -nya), derivational suffixes
// (-kan -an -i, chat "-in") and up to two prefixes (me- di- ter- ber- pe- ke- se- per- with the
// nasal variants meng- meny- mem- men-, and chat forms ng- ny- nge-), and accepts a candidate only
// when it is in the root list. A word with no accepted candidate is returned unchanged, so a
// missing root costs recall for one word family, never a wrong merge of unrelated words.
//
// Immutable once loaded; Stem() is safe to call from many threads.
#ifndef ADUAN_CLASSIFIER_STEMMER_H_
#define ADUAN_CLASSIFIER_STEMMER_H_

#include <string>
#include <string_view>
#include <unordered_set>

namespace aduan::classifier {

class Stemmer {
 public:
  // Loads whitespace-separated root words ('#' comments) from a file or every *.txt file of a
  // directory. Returns false and sets *error on an unreadable path.
  bool Load(const std::string& path, std::string* error);
  void AddRoot(std::string_view root);
  bool IsRoot(std::string_view word) const;
  size_t size() const { return roots_.size(); }

  // The root of `word` (a lower-case word), or `word` itself.
  std::string_view Stem(std::string_view word) const;

 private:
  // Tries prefix removal on `base`; `depth` counts prefixes already removed.
  bool StripPrefix(std::string_view base, int depth, std::string_view* root) const;
  bool Accept(std::string_view candidate, int depth, std::string_view* root) const;

  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_set<std::string, Hash, std::equal_to<>> roots_;
};

}  // namespace aduan::classifier

#endif  // ADUAN_CLASSIFIER_STEMMER_H_
