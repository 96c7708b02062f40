/**
 * JSON request bodies.
 *
 * <ul>
 *   <li>J1 — a body is read through a byte limit ({@code kv.body.max-bytes}); past it the request
 *       answers 413 and the rest is never read.
 *   <li>J2 — a body that is not JSON, has trailing data or repeats a member name answers 400 with
 *       the parser's position.
 *   <li>J4 — a body nested deeper than {@code kv.json.max-depth} (64) answers 400.
 *   <li>J3 — numbers are read as exact decimals and strings as written, so a value serialized back
 *       is the same JSON text in compact form. A SET's value is copied to that text as it is
 *       parsed, never built as a tree: a request holds about its body's size in memory.
 *   <li>J6 — where a tree cannot be avoided (a PATCH: its document, the stored value and the
 *       result; a batch's body, until its ops are read), work on texts of 64 KiB or more shares a
 *       budget of a quarter of the heap, counted at 32 bytes a character ({@link
 *       dev.kvstore.json.TreeBudget}): it waits its turn up to {@code kv.lock.timeout-seconds} and
 *       is then refused with 503 and {@code Retry-After: 1}, instead of running the server out of
 *       heap. A large PATCH document is checked, dropped and read again under the key's lock, so
 *       that its tree is not kept while the lock is awaited; a small one is read once.
 *   <li>J7 — a body is UTF-8: a malformed byte sequence answers 400, never a replacement character;
 *       so does a <code>&#92;u</code> escape of half a surrogate pair without its other half, which
 *       no character stands for and could not be given back as sent.
 * </ul>
 */
package dev.kvstore.json;
