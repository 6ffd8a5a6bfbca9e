// The TABARI validation suite as a test: the score must not depend on what actors are called.
// Every actor name is renamed consistently in the actors dictionary and in the records, and
// the suite must pass exactly as many records as before.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "coding/tabari_dict.h"
#include "dyad/tabari.h"
#include "test_util.h"

namespace dyad::tabari {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '\''; }

// Words of an actor dictionary line's phrase part (before '[' or ';').
std::vector<std::string> PhraseWords(std::string_view line) {
  line = line.substr(0, std::min(line.find('['), line.find(';')));
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      cur.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    } else {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// Replaces, in `text`, every word that starts with one of `stems` (case-insensitive) by
// "ZQ" + word (keeping the case of the word's first letter).
std::string RenameWords(const std::string& text, const std::set<std::string>& stems,
                        bool dictionary) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (!std::isalpha(static_cast<unsigned char>(text[i])) || (i > 0 && IsWordChar(text[i - 1]))) {
      out.push_back(text[i++]);
      continue;
    }
    size_t j = i;
    while (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j]))) ++j;
    std::string word = text.substr(i, j - i);
    std::string up = Upper(word);
    bool rename = false;
    for (size_t len = 1; len <= up.size() && !rename; ++len) {
      rename = stems.count(up.substr(0, len)) > 0 && (!dictionary || len == up.size());
    }
    if (rename) out += std::isupper(static_cast<unsigned char>(word[0])) ? "Zq" : "zq";
    out += word;
    i = j;
  }
  return out;
}

TEST(TabariSuite, ScoreDoesNotDependOnActorNames) {
  DYAD_REQUIRE_SHARED();
  namespace fs = std::filesystem;
  const std::string dir = dyad::testing::SharedDir() + "/reference/tabari/";
  CountingSink quiet(nullptr);
  auto before = RunTabariValidation(dir + "Validate.project", quiet, false, false);
  ASSERT_TRUE(before.ok()) << before.status().ToString();

  // Every word used anywhere but in actor names: verbs, patterns, synsets, agents, nouns.
  Reader reader(quiet, false);
  Dictionaries other;
  ASSERT_TRUE(reader.ReadVerbs(dir + "TABARI.Demo.verbs", &other).ok());
  ASSERT_TRUE(reader.ReadAgents(dir + "Validate.agents", &other).ok());
  ASSERT_TRUE(reader.ReadActors(dir + "TABARI.Demo.actors", &other).ok());
  std::vector<Word> vocabulary;
  auto add_phrase = [&](const Phrase& p) {
    for (const Word& w : p.words) vocabulary.push_back(w);
  };
  for (const auto& v : other.verbs) {
    add_phrase(v.phrase);
    for (const auto& f : v.forms) add_phrase(f);
    for (const auto& pt : v.patterns) {
      for (const auto& e : pt.elements) {
        vocabulary.push_back(e.word);
        for (const auto& alt : e.alternatives) add_phrase(alt);
      }
    }
  }
  for (const auto& [name, syn] : other.synsets) {
    for (const auto& m : syn.members) add_phrase(m);
  }
  for (const auto& a : other.agents) add_phrase(a.phrase);
  for (const auto& p : other.nouns) add_phrase(p);
  for (const auto& p : other.adjectives) add_phrase(p);

  // Actor words that neither prefix nor are prefixed by any other word can be renamed without
  // changing what any other dictionary matches.
  std::string actors = Slurp(dir + "TABARI.Demo.actors");
  std::set<std::string> stems;
  std::istringstream lines(actors);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#' || line[0] == '<' || line[0] == ' ' || line[0] == '\t') {
      continue;
    }
    for (const std::string& w : PhraseWords(line[0] == '+' ? line.substr(1) : line)) {
      if (w.size() < 4) continue;
      bool clash = false;
      for (const Word& v : vocabulary) {
        // A stem matches every word it begins; an exact word matches itself and its endings.
        if (!v.text.empty() &&
            (v.text.starts_with(w) || (!v.exact && w.starts_with(v.text)) ||
             (v.exact && w.starts_with(v.text) && w.size() <= v.text.size() + 3))) {
          clash = true;
          break;
        }
      }
      if (!clash) stems.insert(w);
    }
  }
  ASSERT_GT(stems.size(), 50u);

  dyad::testing::TempDir tmp;
  tmp.Write("Renamed.actors", RenameWords(actors, stems, true));
  tmp.Write("Renamed.text", RenameWords(Slurp(dir + "Validate.text"), stems, false));
  tmp.Write("Renamed.project",
            "Renamed validation project\n<actorsfile> " + tmp.File("Renamed.actors") +
                "\n<verbsfile> " + dir + "TABARI.Demo.verbs\n<optionsfile> " + dir +
                "Validate.options\n<agentsfile> " + dir + "Validate.agents\n<textfile> " +
                tmp.File("Renamed.text") + "\n");
  // The renaming really happened.
  ASSERT_NE(Slurp(tmp.File("Renamed.text")).find("Zq"), std::string::npos);
  auto after = RunTabariValidation(tmp.File("Renamed.project"), quiet, false, false);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->counted, before->counted);
  EXPECT_EQ(after->passed, before->passed)
      << "renaming " << stems.size() << " actor words changed the score";
  std::printf("TABARI suite: passed %d of %d; with %zu actor words renamed: %d of %d\n",
              before->passed, before->counted, stems.size(), after->passed, after->counted);
}

}  // namespace
}  // namespace dyad::tabari
