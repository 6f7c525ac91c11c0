-- 004: the newest stored events of every blocking key and of every one-"*" pattern
-- ("RUS|*|consult"), kept up to date as events are written, so that linking never has to
-- rank a whole block (blocks grow with the archive). See Store.events_by_blocks.
CREATE TABLE block_recent (
    pattern VARCHAR NOT NULL,
    published DATE,
    event_id VARCHAR NOT NULL,
    cluster_id VARCHAR
);
CREATE TABLE block_recent_meta (max_per_pattern INTEGER NOT NULL);
INSERT INTO block_recent_meta VALUES (300);
INSERT INTO block_recent
SELECT pattern, published, event_id, cluster_id FROM (
    SELECT blocking_key AS pattern, published, event_id, cluster_id FROM events
    WHERE blocking_key IS NOT NULL
    UNION ALL
    SELECT '*|' || split_part(blocking_key, '|', 2) || '|' || split_part(blocking_key, '|', 3),
        published, event_id, cluster_id
    FROM events WHERE len(string_split(blocking_key, '|')) = 3
    UNION ALL
    SELECT split_part(blocking_key, '|', 1) || '|*|' || split_part(blocking_key, '|', 3),
        published, event_id, cluster_id
    FROM events WHERE len(string_split(blocking_key, '|')) = 3
)
QUALIFY row_number() OVER (
    PARTITION BY pattern ORDER BY published DESC NULLS LAST, event_id
) <= 300;
