// `telecentres copy` and `telecentres backup`: moving and saving a whole deployment.
#pragma once

#include <string>

#include "store/copy.h"

namespace tc::app {

// Copies every table from one database to another (SQLite file or PostgreSQL URL), with a progress bar on
// stderr, then prints each table's rows and checksum on both sides; 0 when they all match, 1 otherwise.
int run_copy(const std::string& from, const std::string& to);

// A one-line progress bar on stderr for copies.
store::CopyProgress copy_progress_bar();

// An online backup of an SQLite database into `file`.
int run_backup(const std::string& db, const std::string& file);

}  // namespace tc::app
