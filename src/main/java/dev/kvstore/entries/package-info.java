/**
 * Entries: one key and its JSON value — SET ({@code POST} / {@code PUT}), GET, HEAD and DELETE on
 * {@code /{key}}, compatible with the seed service byte for byte.
 *
 * <ul>
 *   <li>E1 — a key has 1–512 characters (code points), no {@code /}, no control character, and does
 *       not start with {@code _}; any other key answers 400. The keys {@code .} and {@code ..}, and
 *       keys holding a backslash, are valid, but Payara's HTTP layer refuses them in a path before
 *       this package sees it: the batch ({@code dev.kvstore.batch}) reads and writes them.
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
 *   <li>E9 — conditional requests (RFC 9110, evaluated by JAX-RS's {@code
 *       Request.evaluatePreconditions} against the version found under the row lock): {@code
 *       If-None-Match: *} writes only an absent key, {@code If-Match: *} only a present one, {@code
 *       If-Match: "<version>"} only that version; otherwise 412 and nothing changes. They apply to
 *       SET, PATCH, DELETE, counters and TTL changes; a GET whose {@code If-None-Match} names the
 *       current version answers 304, one whose {@code If-Match} names another a JSON 412. A header
 *       that is neither {@code *} nor versions in quotes is a 400 before the key is read.
 *   <li>E10 — every write is a read-modify-write under the key's row lock ({@link
 *       dev.kvstore.entries.control.EntryStore#apply}): lock, check the precondition, compute the
 *       new value and expiry from the live entry, write a new version. A SET that depends on
 *       nothing there (no condition, no {@code keep_ttl}), alone, first tries one UPDATE of the
 *       live row, which locks it itself; without a live row it goes the same way.
 *   <li>E11 — on embedded Derby, reads are served from memory ({@link
 *       dev.kvstore.entries.control.EntryCache}) and stay linearizable: a key is cached only as
 *       committed, no write of it under way or completed since it was loaded; a write marks its
 *       keys before it changes them and drops them once it has completed. A GET whose key is cached
 *       and live is answered without the store's EJB call and its transaction; an expired or
 *       uncached one goes through the store (E5).
 *   <li>E12 — clients' writes of one key that arrive while one is under way queue, and are applied
 *       together, in arrival order, in the next transaction: one row lock and one commit for the
 *       group ({@link dev.kvstore.entries.control.KeyWrites}). Each write acts on what the one
 *       before it left, with its own precondition, version and answer, and fails alone when
 *       refused; none is answered before its transaction has committed. A group that fails as a
 *       whole fails the writes queued behind it. A batch's ops run in the batch's own transaction.
 *   <li>E13 — a {@code ;} in the path is part of the key ({@link
 *       dev.kvstore.entries.boundary.SemicolonsInKeys}), never a matrix parameter that would
 *       address another key.
 *   <li>E14 — clients' writes of different keys share transactions: at most two of these
 *       transactions run at once, and the keys' groups (E12) that arrive meanwhile go together in
 *       the next one, in key order, up to 100 writes: one EJB call, one connection handle and one
 *       commit for them all ({@link dev.kvstore.entries.control.KeyWrites}). A transaction that has
 *       run for 100 ms (waiting for a lock) no longer holds the next ones back. One that timed out
 *       on a lock or deadlocked was rolled back and its keys are tried again each alone, so that
 *       only the contended key fails; one that failed otherwise fails all its writes.
 *   <li>E15 — a plain GET of a key that the read cache holds live (E11) is answered by a servlet
 *       filter in front of JAX-RS ({@link dev.kvstore.entries.boundary.CachedReads}), with the
 *       resource's status, headers and body, made by the same methods, and counted in the same
 *       metrics. Plain: one key of characters that stand for themselves in a path, no query, no
 *       {@code If-Match} or {@code If-None-Match}, no {@code Content-Type} or {@code
 *       Content-Encoding}, an {@code Accept} absent, {@code *}/* or {@code application/json}, not a
 *       path of the server's ({@code _} first, E1), and a caller allowed to read the key. Any other
 *       request goes on to JAX-RS.
 *   <li>E16 — a plain SET, a {@code PUT} or {@code POST} as plain as E15's GET with a {@code
 *       Content-Type} of exactly {@code application/json}, is done by a servlet filter in front of
 *       JAX-RS ({@link dev.kvstore.entries.boundary.PlainSets}) with the resource's code ({@link
 *       dev.kvstore.entries.boundary.Sets}) — the same checks in the same order, the same write
 *       (E10, E12, E14) — and answered with the resource's status, headers and body, its refusals
 *       as the exception mappers answer them, and counted in the same metrics. Any other request
 *       goes on to JAX-RS.
 *   <li>E17 — a key that the read cache held when a transaction marked it for writing (E11) is
 *       cached again once that transaction has committed, with the entry its writes left, if no
 *       other transaction marked the key meanwhile (then none of them can have committed a later
 *       value): a GET after a write of a key that is read stays a cache hit (E15). A rolled-back
 *       transaction, a delete, an expiry or two transactions at once leave the key uncached, to be
 *       loaded by the next read; keys that are only written never enter the cache.
 * </ul>
 *
 * <p>Counters ({@code dev.kvstore.counters}), TTL commands ({@code dev.kvstore.ttl}) and patches
 * ({@code dev.kvstore.patch}) are features of their own, written through the same update.
 */
package dev.kvstore.entries;
