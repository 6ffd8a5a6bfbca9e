// Analysis over stored events: relation time series between actors, actor profiles, the actor
// network, and a change detector that marks when a relation shifts.
//
// Every figure counts an event once however many copies of its story reported it (the store
// merges an event's reports across a story cluster into one row with its mention and source
// counts). By default only asserted events are counted: "did not recognise" is not a
// recognition, "will visit" has not happened yet.
#ifndef DYAD_ANALYSIS_H_
#define DYAD_ANALYSIS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"
#include "dyad/store.h"

namespace dyad {

enum class Period { kDay, kWeek, kMonth, kYear };

// "day", "week", "month" or "year".
Result<Period> ParsePeriod(std::string_view name);
const char* PeriodName(Period p);

// The period holding an ISO date ("2022-09-26"; "2022-09" and "2022" for coarser dates) as a
// key: "2022-09-26", "2022-W39" (ISO week), "2022-09", "2022". Returns false when the date is
// malformed or coarser than the period (a date known only to its year has no month).
bool PeriodOf(std::string_view date, Period by, std::string* key);
// The first and last day of a period key, and the key of the period after it ("" after the
// last period of year 9998, the last year dyad dates).
bool PeriodBounds(std::string_view key, Period by, std::string* first, std::string* last);
std::string NextPeriod(std::string_view key, Period by);

// The level actors are grouped at in profiles, networks and maps: the country or organisation,
// i.e. the first three letters of a CAMEO code ("KAZGOV" -> "KAZ"), or six for the codes of
// international, non-governmental and multinational bodies ("IGOCSTMIL" -> "IGOCST").
std::string RollUpActor(std::string_view code);

struct SeriesQuery {
  // Actor codes (matching sub-codes); b empty: a with anyone; both empty: every event.
  std::string a, b;
  bool directed = false;  // only a -> b
  Period by = Period::kMonth;
  std::string from, to;               // ISO dates, inclusive; empty = open
  std::string modality = "asserted";  // "" or "any" counts every modality
  int64_t event_set = 0;              // 0 = the current set
};

struct SeriesPoint {
  std::string period, first, last;    // key and its first and last day
  int64_t events = 0;                 // distinct events (once per story)
  int64_t mentions = 0;               // reports of them
  int64_t articles = 0;               // articles published in the period (coverage)
  int64_t quad[5] = {0, 0, 0, 0, 0};  // events by quad class 1-4 ([0]: unknown)
  double goldstein_sum = 0;
  int64_t goldstein_events = 0;  // events with a Goldstein score
  std::optional<double> GoldsteinMean() const;
  std::optional<double> EventsPerArticle() const;
};

// A shift in a relation: the mean Goldstein score of the events after `period` differs from
// the mean before it by at least the detector's threshold.
struct ChangePoint {
  std::string period;  // the first period of the new level
  double before = 0, after = 0;
  int64_t events_before = 0, events_after = 0;
  bool better() const { return after > before; }
};

struct ChangeOptions {
  int window = 3;          // periods on each side
  int min_events = 3;      // events needed on each side
  double threshold = 2.0;  // Goldstein points
};

struct Series {
  SeriesQuery query;
  std::vector<SeriesPoint> points;  // every period from the first to the last event, gaps zero
  std::vector<ChangePoint> changes;
  int64_t undated = 0;  // matching events without a usable date
};

Result<Series> BuildSeries(const Store& store, const SeriesQuery& q,
                           const ChangeOptions& change = {});

// Change points of a series (exposed for tests): a two-window mean-shift detector over the
// Goldstein scores, keeping the strongest boundary within a window.
std::vector<ChangePoint> DetectChanges(const std::vector<SeriesPoint>& points,
                                       const ChangeOptions& options);

struct ActorCount {
  std::string code;  // rolled up (RollUpActor)
  int64_t events = 0, as_source = 0, as_target = 0;
  int64_t quad[5] = {0, 0, 0, 0, 0};
  double goldstein_sum = 0;
  int64_t goldstein_events = 0;
  std::optional<double> GoldsteinMean() const;
};

struct Link {
  std::string a, b;  // rolled-up codes, a < b
  int64_t events = 0;
  int64_t quad[5] = {0, 0, 0, 0, 0};
  double goldstein_sum = 0;
  int64_t goldstein_events = 0;
  std::optional<double> GoldsteinMean() const;
};

struct Overview {
  std::vector<ActorCount> actors;  // most events first
  std::vector<Link> links;         // most events first; self-links (KAZGOV -> KAZMIL) dropped
  int64_t events = 0;
};

struct OverviewQuery {
  std::string from, to;
  std::string modality = "asserted";
  int64_t event_set = 0;
};
Result<Overview> BuildOverview(const Store& store, const OverviewQuery& q);

struct ActorProfile {
  std::string code;
  ActorCount totals;
  std::vector<ActorCount> partners;  // most events first; as_source = the profiled actor acted
  Series series;                     // by month, with anyone
};
Result<ActorProfile> BuildActorProfile(const Store& store, const std::string& code,
                                       const OverviewQuery& q);

}  // namespace dyad

#endif  // DYAD_ANALYSIS_H_
