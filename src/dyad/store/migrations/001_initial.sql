-- 001: articles, sentences, mentions, events, quarantine
CREATE TABLE articles (
    doc_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    title VARCHAR,
    source_name VARCHAR,
    url VARCHAR,
    published DATE,
    origin VARCHAR,
    text VARCHAR NOT NULL,
    warnings VARCHAR,
    run_id VARCHAR,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE INDEX articles_hash ON articles (content_hash);

CREATE TABLE sentences (
    doc_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, sentence_index)
);

CREATE TABLE mentions (
    doc_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    actor_code VARCHAR,
    actor_name VARCHAR,
    actor_type VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    person VARCHAR,
    method VARCHAR,
    score DOUBLE,
    evidence VARCHAR
);
CREATE INDEX mentions_doc ON mentions (doc_id);

CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    source_name VARCHAR,
    published DATE,
    sentence_index INTEGER,
    cameo VARCHAR,
    cameo_root VARCHAR,
    plover VARCHAR,
    quad_class INTEGER,
    goldstein DOUBLE,
    source_code VARCHAR,
    source_country VARCHAR,
    target_code VARCHAR,
    target_country VARCHAR,
    date VARCHAR,
    date_precision VARCHAR,
    date_start DATE,
    date_end DATE,
    modality VARCHAR,
    confidence DOUBLE,
    cluster_id VARCHAR,
    blocking_key VARCHAR,
    json VARCHAR NOT NULL
);
CREATE INDEX events_doc ON events (doc_id);
CREATE INDEX events_block ON events (blocking_key);

CREATE TABLE quarantine (
    quarantine_id VARCHAR PRIMARY KEY,
    origin VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    raw VARCHAR,
    run_id VARCHAR,
    quarantined_at TIMESTAMP DEFAULT current_timestamp
);
