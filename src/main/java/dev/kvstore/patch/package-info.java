/**
 * Patches: {@code PATCH /{key}} updates part of a stored JSON value, atomically under the key's row
 * lock, keeping its TTL.
 *
 * <ul>
 *   <li>P1 — {@code application/merge-patch+json} is RFC 7396 (JSON-P's {@code createMergePatch});
 *       {@code application/json-patch+json} is RFC 6902 ({@code createPatch}); any other body type
 *       answers 415. An {@code add}, {@code replace} or {@code test} of the whole value ({@code
 *       "path": ""}) takes any JSON value, also on a stored number or string.
 *   <li>P2 — a malformed patch (a JSON Patch that is not an array of known operations with the
 *       members they need, a {@code path} or {@code from} that is not a JSON Pointer, a {@code
 *       move} into itself) answers 400.
 *   <li>P3 — a patch that does not fit the stored value (a failing {@code test}, a path that does
 *       not exist, a JSON Patch on a number) answers 409 and changes nothing. The answer names the
 *       operation ({@code operations[2] (remove at "/a")}), never the stored value.
 *   <li>P4 — a patch of a missing or expired key answers 404; it never creates one. The result is a
 *       new version within {@code kv.value.max-bytes}, with the TTL the key had.
 * </ul>
 */
package dev.kvstore.patch;
