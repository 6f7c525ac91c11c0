-- 002: ingest runs with checkpoints (resume), clusters and conflicts (cross-source links)
CREATE TABLE runs (
    run_id VARCHAR PRIMARY KEY,
    inputs VARCHAR NOT NULL,
    started_at TIMESTAMP DEFAULT current_timestamp,
    finished_at TIMESTAMP,
    position BIGINT DEFAULT 0,
    articles BIGINT DEFAULT 0,
    quarantined BIGINT DEFAULT 0
);

CREATE TABLE clusters (
    cluster_id VARCHAR PRIMARY KEY,
    n_events INTEGER NOT NULL,
    n_sources INTEGER NOT NULL,
    first_reported DATE,
    last_reported DATE,
    record VARCHAR NOT NULL
);

CREATE TABLE conflicts (
    cluster_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    "values" VARCHAR NOT NULL
);
CREATE INDEX conflicts_cluster ON conflicts (cluster_id);
