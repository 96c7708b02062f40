-- kvstore API tokens on PostgreSQL, created by dev.kvstore.storage.Database when KV_TOKEN is missing.
-- The secret is kept only as its SHA-256 (hex); the id is public and finds the row.
CREATE TABLE KV_TOKEN (
  TOKEN_ID VARCHAR(32) NOT NULL PRIMARY KEY,
  SECRET_SHA256 CHAR(64) NOT NULL,
  SCOPE VARCHAR(8) NOT NULL,
  KEY_PREFIX VARCHAR(1024),
  DESCRIPTION VARCHAR(200),
  CREATED_AT BIGINT NOT NULL
)
