-- The council's reports count a whole year of the network's bookings (millions of rows at national scale). These
-- partial indexes hold exactly the columns those counts read, so the database scans a date range of the index
-- instead of visiting every booking row. Only live bookings enter the first (one more index entry per booking);
-- the second only changes when someone checks in. IF NOT EXISTS: a test replays the migrations after 0009.
CREATE INDEX IF NOT EXISTS bookings_live_date ON bookings (date, centre_id, post_id) WHERE status IN ('booked', 'checked_in');
CREATE INDEX IF NOT EXISTS bookings_checked_in_date ON bookings (date, centre_id, person_id) WHERE status = 'checked_in';
