-- 003: clusters are read back by id after every batch (summaries and conflicts)
CREATE INDEX events_cluster ON events (cluster_id);
