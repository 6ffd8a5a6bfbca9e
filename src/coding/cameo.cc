#include "dyad/cameo.h"

#include <algorithm>
#include <cstdlib>
#include <string>

namespace dyad {

namespace {

constexpr std::string_view kTable =
#include "cameo_tsv.inc"
    ;

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == '\t') {
      out.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::vector<CameoCode> Parse() {
  std::vector<CameoCode> out;
  size_t pos = 0;
  bool header = true;
  while (pos < kTable.size()) {
    size_t nl = kTable.find('\n', pos);
    if (nl == std::string_view::npos) nl = kTable.size();
    std::string_view line = kTable.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (header) {  // the column names
      header = false;
      continue;
    }
    std::vector<std::string_view> f = SplitTabs(line);
    if (f.size() < 5) continue;  // checked by the table's unit test
    CameoCode c;
    c.code = f[0];
    c.root = f[1];
    c.label = f[2];
    c.goldstein = std::strtod(std::string(f[3]).c_str(), nullptr);
    c.quad_class = std::atoi(std::string(f[4]).c_str());
    if (f.size() > 5) c.plover_type = f[5];
    if (f.size() > 6) c.plover_mode = f[6];
    if (f.size() > 7) c.plover_context = f[7];
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(),
            [](const CameoCode& a, const CameoCode& b) { return a.code < b.code; });
  return out;
}

}  // namespace

const std::vector<CameoCode>& CameoCodes() {
  static const std::vector<CameoCode> codes = Parse();
  return codes;
}

const CameoCode* LookupCameo(std::string_view code) {
  const std::vector<CameoCode>& all = CameoCodes();
  for (size_t len = code.size(); len >= 2; --len) {
    std::string_view prefix = code.substr(0, len);
    auto it = std::lower_bound(all.begin(), all.end(), prefix,
                               [](const CameoCode& c, std::string_view k) { return c.code < k; });
    if (it != all.end() && it->code == prefix) return &*it;
  }
  return nullptr;
}

int CameoQuadClass(std::string_view root) {
  if (root.size() != 2 || root[0] < '0' || root[0] > '2' || root[1] < '0' || root[1] > '9') {
    return 0;
  }
  int r = (root[0] - '0') * 10 + (root[1] - '0');
  if (r >= 1 && r <= 5) return 1;
  if (r >= 6 && r <= 8) return 2;
  if (r >= 9 && r <= 13) return 3;
  if (r >= 14 && r <= 20) return 4;
  return 0;
}

}  // namespace dyad
