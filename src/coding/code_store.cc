// DictionarySet and CodeStore: TABARI-style coding of what the store holds.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>

#include <xxhash.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "coding/modality.h"
#include "coding/petrarch_dict.h"
#include "coding/sparse_coder.h"
#include "coding/tabari_dict.h"
#include "dyad/analysis.h"
#include "dyad/cameo.h"
#include "dyad/geo.h"
#include "dyad/store.h"
#include "dyad/tabari.h"
#include "dyad/timex.h"
#include "util/file.h"
#include "util/zip.h"

namespace dyad::tabari {

namespace fs = std::filesystem;

struct DictionarySet::Impl {
  Dictionaries dicts;
  Options options;
  std::unique_ptr<Coder> coder;
  std::string description;
  std::string hash;
};

DictionarySet::DictionarySet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DictionarySet::~DictionarySet() = default;

const std::string& DictionarySet::description() const { return impl_->description; }
const std::string& DictionarySet::hash() const { return impl_->hash; }

std::vector<std::pair<uint32_t, uint32_t>> DictionarySet::ActorSpans(
    std::string_view sentence) const {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const auto& s : impl_->coder->ActorSpans(sentence)) out.emplace_back(s.begin, s.end);
  return out;
}

std::string DictionarySet::ActorCode(std::string_view phrase, int32_t date) const {
  return impl_->coder->ActorCode(phrase, date);
}

CodedResult DictionarySet::Code(std::string_view sentence, int32_t date) const {
  return impl_->coder->Code(sentence, date);
}

Result<std::unique_ptr<DictionarySet>> DictionarySet::Load(const std::vector<std::string>& paths,
                                                           DiagnosticSink& diag, bool strict) {
  auto impl = std::make_unique<Impl>();
  Reader reader(diag, strict);
  std::vector<std::string> names, files_loaded;
  auto load_text = [&](const std::string& name, const std::string& text) -> Status {
    std::string ext = fs::path(name).extension().string();
    if (ext == ".actors") return reader.ReadActorsText(name, text, &impl->dicts);
    if (ext == ".agents") return reader.ReadAgentsText(name, text, &impl->dicts);
    if (ext == ".verbs") return reader.ReadVerbsText(name, text, &impl->dicts);
    if (ext == ".options") return reader.ReadOptionsText(name, text, &impl->options);
    return Status::OK();  // other members of an archive are not dictionaries
  };
  bool any_petrarch = false;  // a PETRARCH-2 dictionary was loaded
  auto load_file = [&](const std::string& f) -> Status {
    std::string ext = fs::path(f).extension().string();
    names.push_back(fs::path(f).filename().string());
    files_loaded.push_back(f);
    if (ext == ".zip") {
      auto members = ReadZip(f);
      if (!members.ok()) return members.status();
      for (const ZipMember& m : *members) {
        DYAD_RETURN_IF_ERROR(load_text(f + "/" + m.name, m.data));
      }
      return Status::OK();
    }
    if (ext == ".actors") return reader.ReadActors(f, &impl->dicts);
    if (ext == ".agents") return reader.ReadAgents(f, &impl->dicts);
    if (ext == ".verbs") return reader.ReadVerbs(f, &impl->dicts);
    if (ext == ".options") return reader.ReadOptions(f, &impl->options);
    // PETRARCH-2 dictionaries (.txt), recognised by name (see petrarch::KindFromName).
    if (petrarch::FileKind kind = petrarch::KindFromName(f); kind != petrarch::FileKind::kNone) {
      any_petrarch = true;
      return petrarch::Reader(diag, strict).Read(kind, f, &impl->dicts);
    }
    names.pop_back();
    files_loaded.pop_back();
    return Status::InvalidArgument(f +
                                   ": not a dictionary (.actors, .agents, .verbs, .options, "
                                   ".project)");
  };
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> files;
      for (const auto& e : fs::directory_iterator(p, ec)) {
        std::string ext = e.path().extension().string();
        if (ext == ".actors" || ext == ".agents" || ext == ".verbs" || ext == ".options" ||
            ext == ".zip") {
          files.push_back(e.path().string());
        }
      }
      // A folder without TABARI dictionaries may hold PETRARCH-2 ones: its .txt files named
      // like verbs, actors, agents or discards files (CAMEO.2.0.txt, PETR.Validate.actors.txt).
      if (files.empty()) {
        for (const auto& e : fs::directory_iterator(p, ec)) {
          if (petrarch::KindFromName(e.path().string()) != petrarch::FileKind::kNone) {
            files.push_back(e.path().string());
          }
        }
      }
      std::sort(files.begin(), files.end());
      if (files.empty()) return Status::NotFound(p + ": no dictionary files in this folder");
      for (const auto& f : files) DYAD_RETURN_IF_ERROR(load_file(f));
    } else if (fs::path(p).extension() == ".project") {
      auto project = reader.ReadProject(p);
      if (!project.ok()) return project.status();
      for (const char* key : {"actorsfile", "agentsfile", "verbsfile", "optionsfile"}) {
        auto it = project->files.find(key);
        if (it != project->files.end()) DYAD_RETURN_IF_ERROR(load_file(it->second));
      }
    } else if (fs::exists(p, ec)) {
      DYAD_RETURN_IF_ERROR(load_file(p));
    } else {
      return Status::NotFound(p + ": no such dictionary file or folder");
    }
  }
  if (impl->dicts.verbs.empty()) return Status::InvalidArgument("no verbs dictionary given");
  // PETRARCH codes sentences of any length (TABARI's default minimum is 8 words).
  if (any_petrarch && !impl->options.settings.contains("MINIMUM WORDS")) {
    impl->options.settings["MINIMUM WORDS"] = "0";
  }
  // PETRARCH's source is the verb's subject (no greedy search after the verb).
  if (any_petrarch && impl->options.complex.empty()) impl->options.complex.push_back("NOACTPRIOR");
  impl->coder = std::make_unique<Coder>(impl->dicts);
  impl->coder->SetOptions(impl->options);
  std::string d;
  for (const auto& n : names) d += (d.empty() ? "" : " + ") + n;
  impl->description = d;
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  for (const std::string& f : files_loaded) {
    std::string b;
    if (ReadFile(f, &b).ok()) XXH3_64bits_update(state, b.data(), b.size());
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits_digest(state)));
  XXH3_freeState(state);
  impl->hash = hex;
  return std::unique_ptr<DictionarySet>(new DictionarySet(std::move(impl)));
}

namespace {
// "2024-06-03" -> 20240603; 0 when unknown or partial.
int32_t DateNumber(const std::string& iso) {
  if (iso.size() != 10) return 0;
  return std::stoi(iso.substr(0, 4)) * 10000 + std::stoi(iso.substr(5, 2)) * 100 +
         std::stoi(iso.substr(8, 2));
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The ISO date a TimeML value stands for in series and filters: a day, month or year as
// itself; a week (or its weekend) by its Monday; a quarter, half or season by its year; a
// decade or century by none.
std::string IsoDateOf(std::string_view v) {
  if (v.size() < 4 || !AllDigits(v.substr(0, 4))) return {};
  if (v.size() >= 10 && v[4] == '-' && AllDigits(v.substr(5, 2)) && v[7] == '-' &&
      AllDigits(v.substr(8, 2))) {
    return std::string(v.substr(0, 10));
  }
  if (v.size() >= 7 && v[4] == '-' && AllDigits(v.substr(5, 2))) return std::string(v.substr(0, 7));
  if (v.size() >= 8 && v[4] == '-' && v[5] == 'W') {
    std::string first, last;
    if (PeriodBounds(v.substr(0, 8), Period::kWeek, &first, &last)) return first;
  }
  return std::string(v.substr(0, 4));
}

// Dates the event in `row` by the rules of AssignEventDate (the expression in its clause,
// else in its sentence, else one carried over when the sentence refers back, else the
// article's date) and records the expression used as evidence.
void DateEvent(std::string_view sentence, uint32_t sentence_begin, const std::vector<Timex>& local,
               const CodedEvent& e, const std::string& anchor,
               const std::vector<std::string>& previous_dates, EventRow* row) {
  EventDateInput in;
  in.sentence = sentence;
  in.timexes = local;
  in.clause_begin = std::min({e.source_begin, e.target_begin, e.verb_begin});
  in.clause_end = std::max({e.source_end, e.target_end, e.verb_end});
  in.article_date = anchor;
  in.previous_dates = previous_dates;
  in.announced = row->modality == "future";
  EventDate d = AssignEventDate(in);
  if (d.rule == EventDateRule::kNone) return;
  row->date_value = d.value;
  row->date = IsoDateOf(d.value);
  row->date_rule = std::string(EventDateRuleName(d.rule));
  row->historical = d.historical;
  row->future = d.future;
  if (d.timex >= 0) {
    const Timex& t = local[static_cast<size_t>(d.timex)];
    row->date_text = std::string(t.in(sentence));
    row->date_begin = sentence_begin + t.begin;
    row->date_end = sentence_begin + t.end;
  }
}
// Words right before a place name that make it where something happened ("arrived in
// Kazakhstan", "a visit to Astana"), even when the name is also an actor.
// The lower-cased word ending just before `*end` (spaces skipped); *end moves to its start.
std::string WordBefore(std::string_view sentence, size_t* end) {
  size_t e = *end;
  while (e > 0 && sentence[e - 1] == ' ') --e;
  size_t b = e;
  while (b > 0 && std::isalpha(static_cast<unsigned char>(sentence[b - 1]))) --b;
  *end = b;
  std::string w(sentence.substr(b, e - b));
  for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return w;
}

// "to" is a location only after a word of travel ("a visit to Astana", "flew to Minsk"), not
// before a recipient ("support to Russia", "aid to Kyiv").
bool LocativeCue(std::string_view sentence, uint32_t begin) {
  static constexpr std::string_view kCues[] = {
      "in",     "at",         "near",    "outside", "inside",   "into",   "across", "around",
      "within", "throughout", "visited", "visit",   "visiting", "visits", "toured"};
  static constexpr std::string_view kTravel[] = {
      "visit",   "visits", "trip",    "trips", "travelled", "traveled", "travel",
      "travels", "flew",   "went",    "came",  "returned",  "journey",  "deployed",
      "headed",  "moved",  "arrived", "sent",  "fled",      "tour"};
  size_t at = begin;
  std::string w = WordBefore(sentence, &at);
  for (std::string_view k : kCues) {
    if (w == k) return true;
  }
  if (w != "to") return false;
  // "to" after a travel word, up to two words back ("his first visit to", "troops to").
  for (int back = 0; back < 3 && at > 0; ++back) {
    std::string p = WordBefore(sentence, &at);
    for (std::string_view k : kTravel) {
      if (p == k) return true;
    }
  }
  return false;
}

// Locates the event in `row` by the places its sentence names (`local`: spans relative to the
// sentence): the first place introduced by a locative word ("arrived in Kazakhstan", "a visit
// to Astana") in the event's clause, else in the rest of its sentence; none otherwise (never
// the dateline by default). A place named otherwise is an actor or an object ("Kazakhstan
// requested", "the annexation of Donetsk"), not where the event happened. A country gives way
// to a more specific place just before it ("in Almaty, Kazakhstan").
void LocateEvent(const geo::Gazetteer& g, std::string_view sentence, uint32_t sentence_begin,
                 const std::vector<geo::PlaceMention>& local, const CodedEvent& e, EventRow* row) {
  uint32_t cb = std::min({e.source_begin, e.target_begin, e.verb_begin});
  uint32_t ce = std::max({e.source_end, e.target_end, e.verb_end});
  const geo::PlaceMention* chosen = nullptr;
  const char* rule = nullptr;
  for (int pass = 0; pass < 2 && !chosen; ++pass) {
    const geo::PlaceMention* cued = nullptr;
    for (const geo::PlaceMention& m : local) {
      if (m.place < 0) continue;
      bool in_clause = m.begin >= cb && m.end <= ce;
      if (pass == 0 ? !in_clause : in_clause) continue;
      // Only a name introduced as a location counts: "protests in Kazakhstan", not "Russia
      // once considered" nor "recognise the annexation of Donetsk".
      if (!LocativeCue(sentence, m.begin)) continue;
      if (!cued) cued = &m;
    }
    chosen = cued;
    if (chosen) rule = pass == 0 ? "clause" : "sentence";
  }
  if (!chosen) return;
  const geo::Place* p = &g.place(static_cast<uint32_t>(chosen->place));
  if (p->kind == geo::PlaceKind::kCountry) {
    // A more specific place in that country named right after it or just before ("Astana,
    // Kazakhstan").
    for (const geo::PlaceMention& m : local) {
      if (&m == chosen || m.place < 0) continue;
      const geo::Place& q = g.place(static_cast<uint32_t>(m.place));
      bool adjacent = m.end <= chosen->begin && chosen->begin - m.end <= 2;
      if (q.kind != geo::PlaceKind::kCountry && q.country == p->country && adjacent) {
        chosen = &m;
        p = &q;
        break;
      }
    }
  }
  row->has_place = true;
  row->place = p->name;
  row->place_country = g.Alpha3(p->country);
  row->place_kind = geo::PlaceKindName(p->kind);
  if (p->kind != geo::PlaceKind::kCountry && p->kind != geo::PlaceKind::kRegion) {
    if (const geo::Place* a1 = g.Admin1(p->country, p->admin1)) row->place_admin1 = a1->name;
  }
  row->lat = p->lat;
  row->lon = p->lon;
  row->geonames_id = p->geonames_id;
  row->place_rule = rule;
  row->place_text = std::string(sentence.substr(chosen->begin, chosen->end - chosen->begin));
  row->place_begin = sentence_begin + chosen->begin;
  row->place_end = sentence_begin + chosen->end;
}
}  // namespace

Result<CodeSummary> CodeStore(const DictionarySet& dicts, const std::string& db_path,
                              const CodeOptions& options) {
  auto t0 = std::chrono::steady_clock::now();
  auto store_or = Store::Open(db_path);
  if (!store_or.ok()) return store_or.status();
  Store& store = **store_or;
  CodeSummary sum;
  auto current = store.CurrentEventSet();
  if (!current.ok()) return current.status();
  // Extend the current set only when it was coded by this dyad with these dictionaries.
  bool extend = !options.new_set && current->id != 0 && current->dyad_version == DYAD_VERSION &&
                current->dictionary_hash == dicts.hash();
  int64_t set_id = current->id;
  if (!extend) {
    auto id = store.BeginEventSet(DYAD_VERSION, dicts.hash(), dicts.description());
    if (!id.ok()) return id.status();
    set_id = *id;
    sum.new_set = true;
  }
  sum.event_set = set_id;
  auto todo = store.ArticlesNotCodedIn(set_id);
  if (!todo.ok()) return todo.status();
  DYAD_RETURN_IF_ERROR(store.BeginBatch());
  auto fail = [&](const Status& st) {
    store.RollbackBatch();
    return st;
  };
  size_t in_batch = 0;
  // Places need the gazetteer (scripts/install-geo.sh); without it events are not located.
  const geo::Gazetteer* gazetteer = nullptr;
  if (!todo->empty()) {
    auto g = geo::Gazetteer::Default();
    if (g.ok()) gazetteer = *g;
  }
  for (int64_t article_id : *todo) {
    auto a = store.GetArticle(article_id);
    if (!a.ok()) return fail(a.status());
    // The dictionaries are English: articles whose language (metadata "language", from CLD2
    // for HTML pages or the input's own field) is another are stored but not coded.
    if (a->metadata_json.find("\"language\"") != std::string::npos) {
      auto meta = nlohmann::json::parse(a->metadata_json, nullptr, false);
      if (meta.is_object()) {
        auto it = meta.find("language");
        if (it != meta.end() && it->is_string()) {
          std::string lang = it->get<std::string>();
          for (char& c : lang) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          if (!lang.empty() && lang != "en" && !lang.starts_with("en-") && lang != "english") {
            ++sum.not_coded_language;
            continue;
          }
        }
      }
    }
    auto sentences = store.Sentences(article_id);
    if (!sentences.ok()) return fail(sentences.status());
    int32_t date = DateNumber(a->published);
    ++sum.articles;
    // Date expressions are tagged over the whole article, so that "that year" or "on
    // Friday" resolve against what the text said before, anchored on the publication date.
    const std::string anchor = a->published.size() >= 10 ? a->published.substr(0, 10) : "";
    auto tagged = TagTimexes(a->text, anchor);
    std::vector<Timex> timexes;
    if (tagged.ok()) timexes = std::move(*tagged);
    // Every sentence is coded first, so that the actors' countries can help resolve the
    // article's place names ("Alexandria" in an article about Egypt's government).
    std::vector<CodedResult> coded;
    coded.reserve(sentences->size());
    geo::TagOptions place_options;
    for (const SentenceRow& s : *sentences) {
      coded.push_back(dicts.Code(s.text, date));
      if (!gazetteer) continue;
      for (const CodedEvent& e : coded.back().events) {
        for (const std::string* code : {&e.source, &e.target}) {
          if (code->size() < 3) continue;
          std::string a2 = gazetteer->Alpha2(code->substr(0, 3));
          auto& cs = place_options.context_countries;
          if (!a2.empty() && std::find(cs.begin(), cs.end(), a2) == cs.end()) cs.push_back(a2);
        }
      }
    }
    std::vector<geo::PlaceMention> places;
    if (gazetteer) places = geo::TagPlaces(*gazetteer, a->text, place_options);
    std::vector<std::string> previous_dates;  // dates named in earlier sentences
    // Copies of one story report the same events: each is stored once per cluster.
    auto cluster = store.ClusterOf(article_id);
    if (!cluster.ok()) return fail(cluster.status());
    for (const SentenceRow& s : *sentences) {
      ++sum.sentences;
      std::vector<Timex> local;  // this sentence's expressions, spans relative to it
      for (const Timex& t : timexes) {
        if (t.begin >= s.begin && t.end <= s.end) {
          Timex x = t;
          x.begin -= s.begin;
          x.end -= s.begin;
          local.push_back(std::move(x));
        }
      }
      std::vector<geo::PlaceMention> local_places;  // spans relative to the sentence
      for (const geo::PlaceMention& p : places) {
        if (p.begin >= s.begin && p.end <= s.end) {
          geo::PlaceMention x = p;
          x.begin -= s.begin;
          x.end -= s.begin;
          local_places.push_back(x);
        }
      }
      const CodedResult& r = coded[static_cast<size_t>(&s - sentences->data())];
      sum.discarded += r.discarded;
      sum.complex += r.complex;
      for (const CodedEvent& e : r.events) {
        EventRow row;
        row.event_set_id = set_id;
        row.article_id = article_id;
        row.sentence_id = s.id;
        row.source = e.source;
        row.target = e.target;
        row.code = e.code;
        // Spans are relative to the sentence; stored relative to articles.text.
        row.source_begin = s.begin + e.source_begin;
        row.source_end = s.begin + e.source_end;
        row.target_begin = s.begin + e.target_begin;
        row.target_end = s.begin + e.target_end;
        row.verb_begin = s.begin + e.verb_begin;
        row.verb_end = s.begin + e.verb_end;
        row.source_text = s.text.substr(e.source_begin, e.source_end - e.source_begin);
        row.target_text = s.text.substr(e.target_begin, e.target_end - e.target_begin);
        row.verb_text = s.text.substr(e.verb_begin, e.verb_end - e.verb_begin);
        row.rule = e.rule;
        row.dictionary = dicts.description();
        AnnotateEvent(dicts, s.text, e, date, s.begin, &row);
        DateEvent(s.text, s.begin, local, e, anchor, previous_dates, &row);
        if (gazetteer) LocateEvent(*gazetteer, s.text, s.begin, local_places, e, &row);
        if (row.date.empty() && row.date_rule.empty() && !a->published.empty()) {
          row.date = a->published;  // a partial publication date (YYYY-MM) still dates it
          row.date_rule = "article";
        }
        row.cluster_id = *cluster;
        auto existing = store.FindClusterEvent(row);
        if (!existing.ok()) return fail(existing.status());
        if (*existing != 0) {
          DYAD_RETURN_IF_ERROR(store.AddMention(*existing, row));
          ++sum.merged;
          continue;
        }
        auto id = store.AddEvent(row);
        if (!id.ok()) return fail(id.status());
        ++sum.events;
      }
      for (const Timex& t : local) {
        if (t.type == TimexType::kDate && !IsoDateOf(t.value).empty()) {
          previous_dates.push_back(t.value);
        }
      }
    }
    DYAD_RETURN_IF_ERROR(store.MarkCoded(set_id, article_id));
    // Commit every few hundred articles so an interrupted run keeps what it coded.
    if (++in_batch == 500) {
      DYAD_RETURN_IF_ERROR(store.CommitBatch());
      DYAD_RETURN_IF_ERROR(store.BeginBatch());
      in_batch = 0;
    }
  }
  DYAD_RETURN_IF_ERROR(store.FinishEventSet(set_id, /*make_current=*/true));
  DYAD_RETURN_IF_ERROR(store.CommitBatch());
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return sum;
}

void AnnotateEvent(const DictionarySet& dicts, std::string_view sentence, const CodedEvent& e,
                   int32_t date, uint32_t sentence_begin, EventRow* row) {
  if (const CameoCode* c = LookupCameo(e.code)) {
    row->cameo_root = c->root;
    row->quad_class = c->quad_class;
    row->goldstein = c->goldstein;
    row->has_goldstein = true;
    row->plover_type = c->plover_type;
    row->plover_mode = c->plover_mode;
    row->plover_context = c->plover_context;
  }
  coding::ModalityResult m =
      coding::AnalyzeModality(sentence, e.source_begin, e.source_end, e.verb_begin, e.verb_end);
  // A pattern such as "- * NOT +" codes the negated phrase (as disapproval, say): the
  // negation is already in the code.
  if (e.rule_negates && m.modality == coding::Modality::kNegated) {
    m.modality = coding::Modality::kAsserted;
    m.cue = {};
  }
  row->modality = coding::ModalityName(m.modality);
  row->modality_cue = std::string(m.cue);
  row->quoted = m.quoted;
  if (m.attributed()) {
    row->speaker_text =
        std::string(sentence.substr(m.speaker_begin, m.speaker_end - m.speaker_begin));
    row->speaker_begin = sentence_begin + m.speaker_begin;
    row->speaker_end = sentence_begin + m.speaker_end;
    row->speaker = dicts.ActorCode(row->speaker_text, date);
  }
}

}  // namespace dyad::tabari
