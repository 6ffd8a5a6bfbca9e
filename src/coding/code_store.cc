// DictionarySet and CodeStore: TABARI-style coding of what the store holds.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include <xxhash.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "coding/modality.h"
#include "coding/petrarch_dict.h"
#include "coding/sparse_coder.h"
#include "coding/tabari_dict.h"
#include "dedup/story_events.h"
#include "dyad/analysis.h"
#include "dyad/cameo.h"
#include "dyad/geo.h"
#include "dyad/store.h"
#include "dyad/tabari.h"
#include "dyad/timex.h"
#include "util/cache.h"
#include "util/file.h"
#include "util/parallel.h"
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

namespace {

// The compiled dictionary cache: a binary file per set of dictionary paths holding what the
// readers produced, so a second load skips parsing. An image as util/cache.h lays it out,
// magic "DYADDICT":
//   "DYADDICT" | u32 format version | str dyad version | u64 source hash | u64 payload size |
//   payload | u64 XXH3 of the payload
// The source hash covers the format and dyad versions, the strict flag, and every path and
// byte of the files loaded (the .project files too). A file whose magic, versions, hash,
// sizes or checksum do not match is not used (and is rewritten).
constexpr char kCacheMagic[8] = {'D', 'Y', 'A', 'D', 'D', 'I', 'C', 'T'};
constexpr uint32_t kCacheFormat = 1;

class Writer : public ImageWriter {
 public:
  void W(const Word& w) {
    Str(w.text);
    U8(static_cast<uint8_t>((w.exact ? 1 : 0) | (w.no_endings ? 2 : 0) | (w.adjacent ? 4 : 0)));
  }
  void P(const Phrase& p) {
    U32(static_cast<uint32_t>(p.words.size()));
    for (const Word& w : p.words) W(w);
  }
  void Ps(const std::vector<Phrase>& v) {
    U32(static_cast<uint32_t>(v.size()));
    for (const Phrase& p : v) P(p);
  }
  void E(const PatternElement& e) {
    U8(static_cast<uint8_t>(e.kind));
    W(e.word);
    Ps(e.alternatives);
    U8(e.adjacent ? 1 : 0);
  }
  void Es(const std::vector<PatternElement>& v) {
    U32(static_cast<uint32_t>(v.size()));
    for (const auto& e : v) E(e);
  }
};

// Reads what Writer wrote; every read checks the bounds, and any failure sticks.
class Reader2 : public ImageReader {
 public:
  using ImageReader::ImageReader;
  Word W() {
    Word w;
    w.text = Str();
    uint8_t f = U8();
    w.exact = f & 1;
    w.no_endings = f & 2;
    w.adjacent = f & 4;
    return w;
  }
  Phrase P() {
    Phrase p;
    p.words.resize(Count(5));
    for (Word& w : p.words) w = W();
    return p;
  }
  std::vector<Phrase> Ps() {
    std::vector<Phrase> v(Count(4));
    for (Phrase& p : v) p = P();
    return v;
  }
  PatternElement E() {
    PatternElement e;
    uint8_t k = U8();
    if (k > static_cast<uint8_t>(PatternElement::Kind::kAlternatives)) ok = false;
    e.kind = static_cast<PatternElement::Kind>(k);
    e.word = W();
    e.alternatives = Ps();
    e.adjacent = U8() != 0;
    return e;
  }
  std::vector<PatternElement> Es() {
    std::vector<PatternElement> v(Count(11));
    for (auto& e : v) e = E();
    return v;
  }
};

// What a load produced, as cached.
struct Compiled {
  Dictionaries dicts;
  Options options;
  std::vector<std::string> names;
  std::string files_hash;
  std::vector<Diagnostic> diagnostics;  // replayed on a cached load
};

std::string Serialize(const Compiled& c) {
  Writer w;
  const Dictionaries& d = c.dicts;
  w.U32(static_cast<uint32_t>(d.actors.size()));
  for (const ActorEntry& a : d.actors) {
    w.Ps(a.phrases);
    w.U32(static_cast<uint32_t>(a.codes.size()));
    for (const DateCode& dc : a.codes) {
      w.Str(dc.code);
      w.I32(dc.from);
      w.I32(dc.to);
    }
    w.Str(a.file);
    w.I32(a.line);
  }
  w.Ps(d.nouns);
  w.Ps(d.adjectives);
  w.U32(static_cast<uint32_t>(d.agents.size()));
  for (const AgentEntry& a : d.agents) {
    w.P(a.phrase);
    w.Str(a.code);
    w.U8(a.code_first ? 1 : 0);
    w.Str(a.file);
    w.I32(a.line);
  }
  w.U32(static_cast<uint32_t>(d.verbs.size()));
  for (const VerbEntry& v : d.verbs) {
    w.P(v.phrase);
    w.Str(v.code);
    w.Ps(v.forms);
    w.U32(static_cast<uint32_t>(v.patterns.size()));
    for (const Pattern& p : v.patterns) {
      w.Es(p.elements);
      w.Str(p.code);
      w.I32(p.line);
    }
    w.Str(v.file);
    w.I32(v.line);
  }
  w.U32(static_cast<uint32_t>(d.synsets.size()));
  for (const auto& [name, s] : d.synsets) {
    w.Str(name);
    w.Str(s.name);
    w.Ps(s.members);
  }
  w.U32(static_cast<uint32_t>(d.times.size()));
  for (const TimeEntry& t : d.times) {
    w.Es(t.elements);
    w.Str(t.shift);
    w.U8(t.is_pattern ? 1 : 0);
    w.I32(t.line);
  }
  w.I32(d.errors);
  const Options& o = c.options;
  w.Strs(o.complex);
  w.Map(o.settings);
  w.Strs(o.flags);
  w.Map(o.labels);
  w.Strs(o.output);
  w.Str(o.default_command);
  w.Str(o.forward_command);
  w.Str(o.comma_command);
  w.Strs(o.other);
  w.Strs(c.names);
  w.Str(c.files_hash);
  w.U32(static_cast<uint32_t>(c.diagnostics.size()));
  for (const Diagnostic& g : c.diagnostics) {
    w.U8(g.severity == Diagnostic::Severity::kNote ? 0 : 1);
    w.Str(g.file);
    w.I64(g.line);
    w.Str(g.reason);
  }
  return std::move(w.out);
}

bool Deserialize(std::string_view bytes, Compiled* c) {
  Reader2 r(bytes.data(), bytes.size());
  Dictionaries& d = c->dicts;
  d.actors.resize(r.Count(20));
  for (ActorEntry& a : d.actors) {
    a.phrases = r.Ps();
    a.codes.resize(r.Count(12));
    for (DateCode& dc : a.codes) {
      dc.code = r.Str();
      dc.from = r.I32();
      dc.to = r.I32();
    }
    a.file = r.Str();
    a.line = r.I32();
  }
  d.nouns = r.Ps();
  d.adjectives = r.Ps();
  d.agents.resize(r.Count(17));
  for (AgentEntry& a : d.agents) {
    a.phrase = r.P();
    a.code = r.Str();
    a.code_first = r.U8() != 0;
    a.file = r.Str();
    a.line = r.I32();
  }
  d.verbs.resize(r.Count(24));
  for (VerbEntry& v : d.verbs) {
    v.phrase = r.P();
    v.code = r.Str();
    v.forms = r.Ps();
    v.patterns.resize(r.Count(12));
    for (Pattern& p : v.patterns) {
      p.elements = r.Es();
      p.code = r.Str();
      p.line = r.I32();
    }
    v.file = r.Str();
    v.line = r.I32();
  }
  for (uint32_t n = r.Count(12); n-- > 0 && r.ok;) {
    std::string name = r.Str();
    Synset s;
    s.name = r.Str();
    s.members = r.Ps();
    d.synsets[name] = std::move(s);
  }
  d.times.resize(r.Count(13));
  for (TimeEntry& t : d.times) {
    t.elements = r.Es();
    t.shift = r.Str();
    t.is_pattern = r.U8() != 0;
    t.line = r.I32();
  }
  d.errors = r.I32();
  Options& o = c->options;
  o.complex = r.Strs();
  o.settings = r.Map();
  o.flags = r.Strs();
  o.labels = r.Map();
  o.output = r.Strs();
  o.default_command = r.Str();
  o.forward_command = r.Str();
  o.comma_command = r.Str();
  o.other = r.Strs();
  c->names = r.Strs();
  c->files_hash = r.Str();
  c->diagnostics.resize(r.Count(17));
  for (Diagnostic& g : c->diagnostics) {
    g.severity = r.U8() == 0 ? Diagnostic::Severity::kNote : Diagnostic::Severity::kSkipped;
    g.file = r.Str();
    g.line = r.I64();
    g.reason = r.Str();
  }
  return r.done();
}

// The file's compiled dictionaries, if it holds a valid image for `source_hash`.
ImageState ReadCache(const std::string& path, uint64_t source_hash, Compiled* c) {
  std::string buffer;
  std::string_view payload;
  ImageState state = ReadImage(path, std::string_view(kCacheMagic, sizeof kCacheMagic),
                               kCacheFormat, source_hash, &buffer, &payload);
  if (state != ImageState::kOk) return state;
  return Deserialize(payload, c) ? ImageState::kOk : ImageState::kCorrupt;
}

// Forwards diagnostics and keeps a copy (for the cache).
struct RecordingSink : DiagnosticSink {
  explicit RecordingSink(DiagnosticSink& to) : to_(to) {}
  void Report(const Diagnostic& d) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      seen.push_back(d);
    }
    to_.Report(d);
  }
  std::vector<Diagnostic> seen;

 private:
  DiagnosticSink& to_;
  std::mutex mu_;
};

}  // namespace

Result<std::unique_ptr<DictionarySet>> DictionarySet::Load(const std::vector<std::string>& paths,
                                                           DiagnosticSink& diag, bool strict) {
  // 1. The files to load, in order (reading .project files and listing folders). An error
  // here is returned after the files before it are parsed, as it would be while loading.
  std::vector<std::string> files, projects;
  Status deferred = Status::OK();
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (const auto& e : fs::directory_iterator(p, ec)) {
        std::string ext = e.path().extension().string();
        if (ext == ".actors" || ext == ".agents" || ext == ".verbs" || ext == ".options" ||
            ext == ".zip") {
          found.push_back(e.path().string());
        }
      }
      // A folder without TABARI dictionaries may hold PETRARCH-2 ones: its .txt files named
      // like verbs, actors, agents or discards files (CAMEO.2.0.txt, PETR.Validate.actors.txt).
      if (found.empty()) {
        for (const auto& e : fs::directory_iterator(p, ec)) {
          if (petrarch::KindFromName(e.path().string()) != petrarch::FileKind::kNone) {
            found.push_back(e.path().string());
          }
        }
      }
      std::sort(found.begin(), found.end());
      if (found.empty()) {
        deferred = Status::NotFound(p + ": no dictionary files in this folder");
        break;
      }
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::path(p).extension() == ".project") {
      auto project = tabari::Reader(diag, strict).ReadProject(p);
      if (!project.ok()) {
        deferred = project.status();
        break;
      }
      projects.push_back(p);
      for (const char* key : {"actorsfile", "agentsfile", "verbsfile", "optionsfile"}) {
        auto it = project->files.find(key);
        if (it != project->files.end()) files.push_back(it->second);
      }
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      deferred = Status::NotFound(p + ": no such dictionary file or folder");
      break;
    }
  }

  // 2. Hashes: of the dictionary files' bytes (the set's identity), and of everything that
  // determines the load (the cache key).
  auto impl = std::make_unique<Impl>();
  XXH3_state_t* files_state = XXH3_createState();
  XXH3_state_t* key_state = XXH3_createState();
  XXH3_64bits_reset(files_state);
  XXH3_64bits_reset(key_state);
  auto key_str = [&](std::string_view s) {
    uint64_t n = s.size();
    XXH3_64bits_update(key_state, &n, sizeof n);
    XXH3_64bits_update(key_state, s.data(), s.size());
  };
  key_str(DYAD_VERSION);
  key_str(std::to_string(kCacheFormat) + (strict ? " strict" : " tolerant"));
  for (const std::string& f : projects) {
    std::string b;
    key_str(f);
    key_str(ReadFile(f, &b).ok() ? b : std::string("\x01missing"));
  }
  for (const std::string& f : files) {
    std::string b;
    key_str(f);
    if (ReadFile(f, &b).ok()) {
      XXH3_64bits_update(files_state, b.data(), b.size());
      key_str(b);
    } else {
      key_str("\x01missing");
    }
  }
  const uint64_t source_hash = XXH3_64bits_digest(key_state);
  impl->hash = Hex64(XXH3_64bits_digest(files_state));
  XXH3_freeState(files_state);
  XXH3_freeState(key_state);

  // 3. A compiled image of this very set, if the cache holds a valid one.
  const std::string cache_dir = deferred.ok() ? CacheDir() : std::string();
  std::string cache_path;
  if (!cache_dir.empty()) {
    XXH3_state_t* st = XXH3_createState();
    XXH3_64bits_reset(st);
    for (const std::string& p : paths) XXH3_64bits_update(st, p.data(), p.size() + 1);
    XXH3_64bits_update(st, strict ? "s" : "t", 1);
    cache_path = cache_dir + "/dicts-" + Hex64(XXH3_64bits_digest(st)) + ".bin";
    XXH3_freeState(st);
    Compiled c;
    ImageState state = ReadCache(cache_path, source_hash, &c);
    if (state == ImageState::kOk && c.files_hash == impl->hash) {
      for (const Diagnostic& g : c.diagnostics) diag.Report(g);
      impl->dicts = std::move(c.dicts);
      impl->options = std::move(c.options);
      std::string d;
      for (const auto& n : c.names) d += (d.empty() ? "" : " + ") + n;
      impl->description = d;
      impl->coder = std::make_unique<Coder>(impl->dicts);
      impl->coder->SetOptions(impl->options);
      return std::unique_ptr<DictionarySet>(new DictionarySet(std::move(impl)));
    }
    if (state == ImageState::kCorrupt || state == ImageState::kOk) {
      Diagnostic note;
      note.severity = Diagnostic::Severity::kNote;
      note.file = cache_path;
      note.reason = "compiled dictionary cache is damaged; parsing the dictionaries again";
      diag.Report(note);
    }
  }

  // 4. Parse.
  RecordingSink recording(diag);
  Reader reader(recording, strict);
  std::vector<std::string> names;
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
      return petrarch::Reader(recording, strict).Read(kind, f, &impl->dicts);
    }
    names.pop_back();
    return Status::InvalidArgument(f +
                                   ": not a dictionary (.actors, .agents, .verbs, .options, "
                                   ".project)");
  };
  for (const std::string& f : files) DYAD_RETURN_IF_ERROR(load_file(f));
  DYAD_RETURN_IF_ERROR(deferred);
  if (impl->dicts.verbs.empty()) return Status::InvalidArgument("no verbs dictionary given");
  // PETRARCH codes sentences of any length (TABARI's default minimum is 8 words).
  if (any_petrarch && !impl->options.settings.contains("MINIMUM WORDS")) {
    impl->options.settings["MINIMUM WORDS"] = "0";
  }
  // PETRARCH's source is the verb's subject (no greedy search after the verb).
  if (any_petrarch && impl->options.complex.empty()) impl->options.complex.push_back("NOACTPRIOR");
  if (!cache_path.empty()) {
    Compiled c;
    c.dicts = std::move(impl->dicts);  // moved there and back: no copy
    c.options = std::move(impl->options);
    c.names = names;
    c.files_hash = impl->hash;
    c.diagnostics = recording.seen;
    WriteImage(cache_path, std::string_view(kCacheMagic, sizeof kCacheMagic), kCacheFormat,
               source_hash, Serialize(c));
    impl->dicts = std::move(c.dicts);
    impl->options = std::move(c.options);
  }
  impl->coder = std::make_unique<Coder>(impl->dicts);
  impl->coder->SetOptions(impl->options);
  std::string d;
  for (const auto& n : names) d += (d.empty() ? "" : " + ") + n;
  impl->description = d;
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
//
// `floor` is the earliest the article can have been published when it carries no date (from
// the text, InferPublicationDate): it cannot anchor relative dates, but an event that ended
// more than 30 days before it is historical all the same.
void DateEvent(std::string_view sentence, uint32_t sentence_begin, const std::vector<Timex>& local,
               const CodedEvent& e, const std::string& anchor, const std::string& floor,
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
  if (anchor.empty() && !floor.empty() && !row->date.empty() && !d.future) {
    std::string first, last;
    Period p = row->date.size() == 10  ? Period::kDay
               : row->date.size() == 7 ? Period::kMonth
                                       : Period::kYear;
    auto f = ParseIsoDate(floor);
    if (PeriodBounds(row->date, p, &first, &last) && f.ok()) {
      auto end = ParseIsoDate(last);
      if (end.ok()) row->historical = DaysBetween(*end, *f) > 30;
    }
  }
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
// An article to code, as read from the store.
struct ArticleJob {
  ArticleRow article;
  std::vector<SentenceRow> sentences;
};

// What coding an article gives, before its events are merged into the store.
struct CodedArticle {
  int64_t article_id = 0;
  std::vector<EventRow> rows;               // in sentence order
  std::vector<std::string> sentence_texts;  // to compare with other articles
  int64_t sentences = 0, discarded = 0, complex = 0;
};

// Whether an article is in a language the dictionaries code: English, or not stated (metadata
// "language", from CLD2 for HTML pages or the input's own field).
bool CodedLanguage(const std::string& metadata_json) {
  if (metadata_json.find("\"language\"") == std::string::npos) return true;
  auto meta = nlohmann::json::parse(metadata_json, nullptr, false);
  if (!meta.is_object()) return true;
  auto it = meta.find("language");
  if (it == meta.end() || !it->is_string()) return true;
  std::string lang = it->get<std::string>();
  for (char& c : lang) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lang.empty() || lang == "en" || lang.starts_with("en-") || lang == "english";
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
    // A run killed before it finished its new set left that set unfinished (and never
    // current): resume it rather than start another, so that nothing is coded twice.
    auto sets = store.EventSets();
    if (!sets.ok()) return sets.status();
    for (const auto& e : *sets) {
      if (e.id > current->id && e.finished_at.empty() && e.dyad_version == DYAD_VERSION &&
          e.dictionary_hash == dicts.hash()) {
        set_id = e.id;
      }
    }
    if (set_id == current->id) {
      auto id = store.BeginEventSet(DYAD_VERSION, dicts.hash(), dicts.description());
      if (!id.ok()) return id.status();
      set_id = *id;
    }
    sum.new_set = true;
  }
  sum.event_set = set_id;
  auto todo = store.ArticlesNotCodedIn(set_id);
  if (!todo.ok()) return todo.status();
  // Places need the gazetteer (scripts/install-geo.sh); without it events are not located.
  const geo::Gazetteer* gazetteer = nullptr;
  if (!todo->empty()) {
    auto g = geo::Gazetteer::Default();
    if (g.ok()) gazetteer = *g;
  }
  // Work (on the pool's workers): code an article's sentences, date and place its events.
  auto code_article = [&dicts, gazetteer, set_id](ArticleJob& job) -> CodedArticle {
    CodedArticle out;
    const ArticleRow* a = &job.article;
    const std::vector<SentenceRow>* sentences = &job.sentences;
    int32_t date = DateNumber(a->published);
    // Date expressions are tagged over the whole article, so that "that year" or "on
    // Friday" resolve against what the text said before, anchored on the publication date.
    const std::string anchor = a->published.size() >= 10 ? a->published.substr(0, 10) : "";
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
    // Dates and places only matter for events: an article without any (most articles) is not
    // tagged for them.
    const bool any_events = std::any_of(coded.begin(), coded.end(),
                                        [](const CodedResult& r) { return !r.events.empty(); });
    std::vector<Timex> timexes;
    std::vector<geo::PlaceMention> places;
    if (any_events) {
      auto tagged = TagTimexes(a->text, anchor);
      if (tagged.ok()) timexes = std::move(*tagged);
      if (gazetteer) places = geo::TagPlaces(*gazetteer, a->text, place_options);
    }
    std::vector<std::string> previous_dates;  // dates named in earlier sentences
    std::string floor;                        // undated: the earliest publication the text allows
    if (anchor.empty()) {
      auto meta = nlohmann::json::parse(a->metadata_json, nullptr, false);
      if (meta.is_object() && meta.contains("published_inferred") &&
          meta["published_inferred"].value("earliest", nlohmann::json()).is_string()) {
        floor = meta["published_inferred"]["earliest"].get<std::string>();
      }
    }
    for (const SentenceRow& s : *sentences) {
      ++out.sentences;
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
      out.discarded += r.discarded;
      out.complex += r.complex;
      for (const CodedEvent& e : r.events) {
        EventRow row;
        row.event_set_id = set_id;
        row.article_id = a->id;
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
        DateEvent(s.text, s.begin, local, e, anchor, floor, previous_dates, &row);
        if (gazetteer) LocateEvent(*gazetteer, s.text, s.begin, local_places, e, &row);
        if (row.date.empty() && row.date_rule.empty() && !a->published.empty()) {
          row.date = a->published;  // a partial publication date (YYYY-MM) still dates it
          row.date_rule = "article";
        }
        row.sentence_index = s.index;
        out.rows.push_back(std::move(row));
      }
      for (const Timex& t : local) {
        if (t.type == TimexType::kDate && !IsoDateOf(t.value).empty()) {
          previous_dates.push_back(t.value);
        }
      }
    }
    out.article_id = a->id;
    out.sentence_texts.reserve(job.sentences.size());
    for (SentenceRow& s : job.sentences) out.sentence_texts.push_back(std::move(s.text));
    return out;
  };
  DYAD_RETURN_IF_ERROR(store.BeginBatch());
  size_t in_batch = 0;
  // Articles' features, for the same-story and rewording comparisons.
  FeaturesOf features_of = CachedStoredFeatures(store);
  // Consume (on this thread, in store order): store the events, once per story cluster.
  auto store_events = [&](CodedArticle&& c) -> Status {
    ++sum.articles;
    sum.sentences += c.sentences;
    sum.discarded += c.discarded;
    sum.complex += c.complex;
    std::optional<ArticleFeatures> mine;
    auto my_features = [&]() -> const ArticleFeatures& {
      if (!mine) mine = Features(c.sentence_texts);
      return *mine;
    };
    StoryEventCounts counts;
    DYAD_RETURN_IF_ERROR(StoreArticleEvents(store, set_id, c.article_id, std::move(c.rows),
                                            my_features, features_of, options.same_story,
                                            options.same_story_options, &counts));
    sum.events += counts.events;
    sum.merged += counts.merged;
    sum.same_story += counts.same_story;
    sum.rewording_changed += counts.rewording_changed;
    DYAD_RETURN_IF_ERROR(store.MarkCoded(set_id, c.article_id));
    // Commit every few hundred articles so an interrupted run keeps what it coded.
    if (++in_batch == 500) {
      DYAD_RETURN_IF_ERROR(store.CommitBatch());
      DYAD_RETURN_IF_ERROR(store.BeginBatch());
      in_batch = 0;
    }
    return Status::OK();
  };
  const size_t workers = options.threads <= 1 ? 0 : options.threads;
  OrderedPool<ArticleJob, CodedArticle> pool(workers, kWindowPerWorker * workers, code_article,
                                             store_events);
  Status st =
      FeedInOrder(*todo, pool, [&](int64_t article_id) -> Result<std::optional<ArticleJob>> {
        ArticleJob job;
        auto a = store.GetArticle(article_id, /*with_original=*/false);
        if (!a.ok()) return a.status();
        // The dictionaries are English: articles whose language (metadata "language", from
        // CLD2 for HTML pages or the input's own field) is another are stored but not coded.
        if (!CodedLanguage(a->metadata_json)) {
          ++sum.not_coded_language;
          return std::optional<ArticleJob>();
        }
        job.article = std::move(*a);
        auto sentences = store.Sentences(article_id);
        if (!sentences.ok()) return sentences.status();
        job.sentences = std::move(*sentences);
        return std::optional<ArticleJob>(std::move(job));
      });
  if (!st.ok()) {
    store.RollbackBatch();
    return st;
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
