/**
 * Entries: one key and its JSON value — SET ({@code POST} / {@code PUT}), GET, HEAD and DELETE on
 * {@code /{key}}, compatible with the seed service byte for byte.
 *
 * <ul>
 *   <li>E1 — a key has 1–512 characters (code points), no {@code /}, no control character, and does
 *       not start with {@code _}; any other key answers 400.
 *   <li>E2 — expiry is an absolute instant: {@code ttl} (seconds, a fraction giving milliseconds,
 *       at most 100 years) is turned into one against the operation's single {@code now}; {@code
 *       expires_at} must be in the future. At most one of {@code ttl}, {@code expires_at}, {@code
 *       keep_ttl}.
 *   <li>E3 — an entry whose expiry instant is not after now is absent: never served, and any write
 *       acts on it as on a missing key (no resurrection of its value or TTL).
 *   <li>E4 — every write gives the entry a new version from one database sequence, never reused for
 *       any key, not even after delete and re-create; it is the {@code ETag}.
 *   <li>E5 — lazy expiry: a read or delete that finds its entry expired removes the row and answers
 *       404 {@code {"error":"Key not found (expired)"}}; a missing key answers 404 {@code
 *       {"error":"Key not found"}}.
 *   <li>E6 — SET is atomic: an existing row is locked ({@code PESSIMISTIC_WRITE}) and overwritten;
 *       of concurrent first writers one creates (201) and the others update (200), none fails.
 *   <li>E7 — a bad body (not JSON, not an object, no {@code value}, an unknown field, a bad expiry)
 *       answers 400 and a value over {@code kv.value.max-bytes} 413, before anything is written.
 *   <li>E8 — a plain SET clears the TTL (Redis); {@code keep_ttl} keeps a live entry's expiry.
 * </ul>
 *
 * <p>Out of scope here: counters, TTL commands, conditional requests and patches have features of
 * their own.
 */
package dev.kvstore.entries;
