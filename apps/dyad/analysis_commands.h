// Subcommands of the dyad CLI that live outside main.cc.
#ifndef DYAD_APPS_ANALYSIS_COMMANDS_H_
#define DYAD_APPS_ANALYSIS_COMMANDS_H_

#include <string>
#include <vector>

#include "dyad/analysis.h"
#include "dyad/serve.h"

namespace dyad_cli {

// dyad series A [B]: the relation's time series as a table, CSV or JSON Lines.
int SeriesCommand(const std::string& db, const dyad::SeriesQuery& q, const std::string& format);
// dyad timex: the date expressions of the text on stdin (or files) as JSON Lines.
int TimexCommand(const std::vector<std::string>& files, const std::string& anchor);
// dyad serve: runs the HTTP server until SIGINT or SIGTERM.
int ServeCommand(const dyad::ServeOptions& options);

}  // namespace dyad_cli

#endif  // DYAD_APPS_ANALYSIS_COMMANDS_H_
