-- Version 2: the storage total spread over 32 rows (see usage.rs) instead of one row every write locked.
CREATE TABLE usage_shards (shard integer PRIMARY KEY CHECK (shard >= 0 AND shard < 32), bytes bigint NOT NULL);
INSERT INTO usage_shards (shard, bytes) SELECT shard, 0 FROM generate_series(0, 31) AS shard;
UPDATE usage_shards SET bytes = (SELECT bytes FROM usage WHERE id = 1) WHERE shard = 0;
DROP TABLE usage;
