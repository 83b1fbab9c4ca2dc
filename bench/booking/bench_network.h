// What the booking benchmark's programs agree on: how the seeded network names its people, how its posts are
// read back from a database, and which half-days are bookable. A unit is one post for one half-day; the k-th unit
// is posts[k % posts.size()] on half_days[k / posts.size()], so distinct k never target the same unit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/date.h"

namespace tc::bench {

// The person seeded for a post: "bench-post-<post id>@bench.telecentres.example". Booking each post for that
// person only keeps every person within the weekly quota (one post, at most ten half-days a week) and clear of
// "already booked" (one post per centre and half-day).
std::string person_email(std::int64_t post_id);

struct BookablePost {
  std::int64_t centre_id = 0;
  std::int64_t post_id = 0;
  std::int64_t person_id = 0;
};

// The posts of the database's network that have their seeded person, interleaved by centre: the first post of
// every centre, then the second of every centre, and so on, so that consecutive units fall on different centres.
// Throws std::runtime_error when the database cannot be read or holds no such post.
std::vector<BookablePost> read_bench_posts(const std::string& db_path);

struct HalfDay {
  domain::Date date;
  std::string slot;  // "morning", "afternoon"
};

// Monday-to-Friday half-days, from <= date <= to, that are not French public holidays: when the seeded centres
// open. Mornings before afternoons, by date.
std::vector<HalfDay> weekday_half_days(domain::Date from, domain::Date to);

// A unit named in full: the post (its centre, and the person it is booked for) and the half-day.
struct Unit {
  BookablePost post;
  HalfDay half_day;
};

// Units listed in a text file, one per line, in the order to book them: "centre_id post_id person_id YYYY-MM-DD
// morning|afternoon" (bench/scale writes them for a network the seed did not make, such as the national demo).
// Throws std::runtime_error naming the first line it cannot read, or when the file lists no unit.
std::vector<Unit> read_units_file(const std::string& path);

// Today in UTC. The first bookable date is taken two days later, so that it is after today in France too and its
// morning has not started, whatever the hour.
domain::Date utc_today();

}  // namespace tc::bench
