-- kvstore schema on Derby, created by dev.kvstore.storage.Database when KV_ENTRY is missing.
-- Keys are up to 512 code points: 1024 UTF-16 units. Expiry and times are epoch milliseconds.
-- Every table and index in 32 KiB pages, the size Derby picks itself for a table with a CLOB. One
-- size, so that a slot of Derby's page cache keeps its buffer from page to page: with the expiry
-- index in 4 KiB pages, a sweep reallocated a buffer for nearly every page it visited, old garbage
-- that ended in a full collection (bench/results/2026-11-29-10.md). A database property: it holds
-- for every table and index created after it.
CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', '32768');
CREATE TABLE KV_ENTRY (
  ENTRY_KEY VARCHAR(1024) NOT NULL PRIMARY KEY,
  JSON_VALUE CLOB NOT NULL,
  EXPIRES_AT BIGINT,
  VERSION_NO BIGINT NOT NULL,
  CREATED_AT BIGINT NOT NULL,
  UPDATED_AT BIGINT NOT NULL
);
CREATE INDEX KV_ENTRY_EXPIRES_AT ON KV_ENTRY (EXPIRES_AT);
-- Versions are handed out from blocks of 1000 (dev.kvstore.storage.Versions), one block per value.
CREATE SEQUENCE KV_VERSION_BLOCK AS BIGINT START WITH 1 INCREMENT BY 1000
