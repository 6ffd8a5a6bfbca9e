// The store's schema as a list of migrations. Migration i (1-based) brings a store from
// user_version i-1 to i. Never edit a released migration; append a new one.
#ifndef DYAD_STORE_SCHEMA_H_
#define DYAD_STORE_SCHEMA_H_

#include <string_view>
#include <vector>

namespace dyad {

const std::vector<std::string_view>& Migrations();

// The same schema for PostgreSQL (src/store/postgres.cc), as many entries as Migrations():
// entry i also brings a store to version i+1, and an empty entry is skipped (the version is
// reached by a later entry). Appending a migration to Migrations() means appending its
// PostgreSQL form here.
const std::vector<std::string_view>& PostgresMigrations();

}  // namespace dyad

#endif  // DYAD_STORE_SCHEMA_H_
