#include "serve/json.h"

#include <algorithm>
#include <string>

namespace dyad {

// The columns of an event, in output order: the CSV header and the JSON keys.
std::vector<std::pair<const char*, ojson>> EventColumns(const dyad::EventRow& e) {
  auto opt = [](const std::string& v) { return v.empty() ? ojson(nullptr) : ojson(v); };
  bool speaker = !e.speaker_text.empty();
  bool place_span = e.has_place && !e.place_text.empty();
  return {
      {"id", e.id},
      {"event_set", e.event_set_id},
      {"article_id", e.article_id},
      {"external_id", opt(e.external_id)},
      {"origin", e.origin},
      {"sentence_id", e.sentence_id},
      {"date", opt(e.date)},
      {"date_value", opt(e.date_value)},
      {"date_rule", opt(e.date_rule)},
      {"date_text", opt(e.date_text)},
      {"historical", e.historical},
      {"future", e.future},
      {"source", e.source},
      {"source_text", e.source_text},
      {"target", e.target},
      {"target_text", e.target_text},
      {"cameo", e.code},
      {"cameo_root", opt(e.cameo_root)},
      {"quad_class", e.quad_class > 0 ? ojson(e.quad_class) : ojson(nullptr)},
      {"goldstein", e.has_goldstein ? ojson(e.goldstein) : ojson(nullptr)},
      {"plover_type", opt(e.plover_type)},
      {"plover_mode", opt(e.plover_mode)},
      {"plover_context", opt(e.plover_context)},
      {"modality", e.modality},
      {"modality_cue", opt(e.modality_cue)},
      {"speaker", opt(e.speaker)},
      {"speaker_text", opt(e.speaker_text)},
      {"quoted", e.quoted},
      {"mentions", e.mentions},
      {"sources", e.sources},
      {"cluster_id", e.cluster_id > 0 ? ojson(e.cluster_id) : ojson(nullptr)},
      {"copy_only", e.copy_only},
      {"changed_from", e.changed_from > 0 ? ojson(e.changed_from) : ojson(nullptr)},
      {"rewording_change", opt(e.rewording_change)},
      {"place", e.has_place ? ojson(e.place) : ojson(nullptr)},
      {"place_country", e.has_place ? opt(e.place_country) : ojson(nullptr)},
      {"place_admin1", e.has_place ? opt(e.place_admin1) : ojson(nullptr)},
      {"place_kind", e.has_place ? opt(e.place_kind) : ojson(nullptr)},
      {"lat", e.has_place ? ojson(e.lat) : ojson(nullptr)},
      {"lon", e.has_place ? ojson(e.lon) : ojson(nullptr)},
      {"geonames_id", e.has_place && e.geonames_id > 0 ? ojson(e.geonames_id) : ojson(nullptr)},
      {"place_rule", e.has_place ? opt(e.place_rule) : ojson(nullptr)},
      {"place_text", e.has_place ? opt(e.place_text) : ojson(nullptr)},
      {"verb_text", e.verb_text},
      {"source_start", e.source_begin},
      {"source_end", e.source_end},
      {"target_start", e.target_begin},
      {"target_end", e.target_end},
      {"verb_start", e.verb_begin},
      {"verb_end", e.verb_end},
      {"speaker_start", speaker ? ojson(e.speaker_begin) : ojson(nullptr)},
      {"speaker_end", speaker ? ojson(e.speaker_end) : ojson(nullptr)},
      {"date_start", e.date_text.empty() ? ojson(nullptr) : ojson(e.date_begin)},
      {"date_end", e.date_text.empty() ? ojson(nullptr) : ojson(e.date_end)},
      {"place_start", place_span ? ojson(e.place_begin) : ojson(nullptr)},
      {"place_end", place_span ? ojson(e.place_end) : ojson(nullptr)},
      {"rule", e.rule},
      {"mention_id", e.mention_id},
      {"sentence", e.sentence},
  };
}

ojson EventJson(const dyad::EventRow& e) {
  ojson j = ojson::object();
  for (auto& [k, v] : EventColumns(e)) j[k] = std::move(v);
  return j;
}

ojson SentenceSegments(const EventRow& e) {
  struct Mark {
    uint32_t begin, end;
    const char* role;
  };
  const std::string& s = e.sentence;
  const uint32_t base = e.sentence_begin;
  std::vector<Mark> marks;
  auto add = [&](uint32_t b, uint32_t en, const char* role) {
    if (en <= b || b < base || en - base > s.size()) return;
    marks.push_back({b - base, en - base, role});
  };
  add(e.source_begin, e.source_end, "source");
  add(e.target_begin, e.target_end, "target");
  add(e.verb_begin, e.verb_end, "verb");
  if (!e.speaker_text.empty()) add(e.speaker_begin, e.speaker_end, "speaker");
  if (!e.date_text.empty()) add(e.date_begin, e.date_end, "date");
  if (e.has_place && !e.place_text.empty()) add(e.place_begin, e.place_end, "place");
  std::sort(marks.begin(), marks.end(), [](const Mark& x, const Mark& y) {
    return x.begin != y.begin ? x.begin < y.begin : x.end > y.end;
  });
  auto boundary = [&](uint32_t i) {  // not inside a UTF-8 sequence
    return i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  };
  ojson out = ojson::array();
  uint32_t at = 0;
  auto piece = [&](uint32_t b, uint32_t en, const char* role) {
    if (en <= b) return;
    out.push_back({{"text", s.substr(b, en - b)}, {"role", role ? ojson(role) : ojson(nullptr)}});
  };
  for (const Mark& m : marks) {
    if (m.begin < at || !boundary(m.begin) || !boundary(m.end)) continue;
    piece(at, m.begin, nullptr);
    piece(m.begin, m.end, m.role);
    at = m.end;
  }
  piece(at, static_cast<uint32_t>(s.size()), nullptr);
  return out;
}

}  // namespace dyad
