-- 005: a cluster's best estimates and conflicts are recomputed as it grows by a fixed share
-- (see LinkConfig.summary_growth), not at every new report; this records how many reports
-- they were computed from. Members, counts and report dates stay exact: counts are refreshed
-- at every touch and members are read from the events table (Store.cluster_records).
ALTER TABLE clusters ADD COLUMN summarized_events INTEGER;
