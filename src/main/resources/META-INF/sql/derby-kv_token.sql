-- kvstore API tokens on Derby, created by dev.kvstore.storage.Database when KV_TOKEN is missing.
-- The secret is kept only as its SHA-256 (hex); the id is public and finds the row.
-- 32 KiB pages, as every table and index (derby-kv_entry.sql).
CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', '32768');
CREATE TABLE KV_TOKEN (
  TOKEN_ID VARCHAR(32) NOT NULL PRIMARY KEY,
  SECRET_SHA256 CHAR(64) NOT NULL,
  SCOPE VARCHAR(8) NOT NULL,
  KEY_PREFIX VARCHAR(1024),
  DESCRIPTION VARCHAR(200),
  CREATED_AT BIGINT NOT NULL
)
