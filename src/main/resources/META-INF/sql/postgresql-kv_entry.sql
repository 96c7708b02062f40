-- kvstore schema on PostgreSQL, created by dev.kvstore.storage.Database when KV_ENTRY is missing.
-- Keys are up to 512 code points, ordered by code point ("C") as on Derby, for listings and
-- cursors. Expiry and times are epoch milliseconds.
CREATE TABLE KV_ENTRY (
  ENTRY_KEY VARCHAR(1024) COLLATE "C" NOT NULL PRIMARY KEY,
  JSON_VALUE TEXT NOT NULL,
  EXPIRES_AT BIGINT,
  VERSION_NO BIGINT NOT NULL,
  CREATED_AT BIGINT NOT NULL,
  UPDATED_AT BIGINT NOT NULL
);
CREATE INDEX KV_ENTRY_EXPIRES_AT ON KV_ENTRY (EXPIRES_AT);
-- Versions are handed out from blocks of 1000 (dev.kvstore.storage.Versions), one block per value.
CREATE SEQUENCE KV_VERSION_BLOCK AS BIGINT START WITH 1 INCREMENT BY 1000
