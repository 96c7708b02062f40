/**
 * Keys: {@code GET /_keys} lists live keys (Redis SCAN), {@code DELETE /_keys} deletes them by
 * prefix.
 *
 * <ul>
 *   <li>L1 — a {@code prefix} (and the literal start of a {@code match}) narrows the database query
 *       to a range of the primary-key index; keys come in key order (the database's binary
 *       collation), expired keys never.
 *   <li>L2 — a page holds up to {@code limit} entries (default 100, 1 to 1000, else 400) and an
 *       opaque {@code next_cursor}, {@code null} at the end. The cursor is the last key looked at,
 *       so it stays valid while keys are written and deleted: a key present for the whole scan is
 *       listed exactly once. A cursor this server did not give answers 400.
 *   <li>L3 — {@code match} is a Redis glob ({@code *}, {@code ?}, {@code [abc]}, {@code [a-z]},
 *       {@code [^a]}, {@code \} escape), checked on the whole key; a malformed one answers 400. As
 *       in Redis, a page with a {@code match} may hold fewer entries than the limit (it looks at no
 *       more than ten rows per entry) and still have a cursor.
 *   <li>L5 — a page is read without values; with {@code values=true} it ends before the value that
 *       would take its values beyond {@code kv.keys.page-values-max-chars} characters (1 MiB; one
 *       value always fits), and only then are those values read: a page's memory stays near one
 *       value's size however large the values and the limit are.
 *   <li>L4 — {@code DELETE /_keys?prefix=p} deletes the live keys under the prefix in transactions
 *       of 500 and answers {@code {"deleted": n}}; an empty prefix needs {@code all=true}.
 * </ul>
 */
package dev.kvstore.keys;
