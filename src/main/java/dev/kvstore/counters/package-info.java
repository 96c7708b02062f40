/**
 * Counters: {@code POST /{key}/incr} and {@code /decr} with {@code {"by"?: n, "ttl"?: s}} (an empty
 * body counts by 1), Redis's INCRBY / DECRBY / INCRBYFLOAT in one.
 *
 * <ul>
 *   <li>C1 — {@code by} is a JSON number: an integer within 64 bits, or a decimal of at most 1000
 *       digits; anything else answers 400.
 *   <li>C2 — an integer stored value plus an integer {@code by} is 64-bit signed arithmetic; a
 *       result beyond it answers 409 and the value is unchanged.
 *   <li>C3 — otherwise the sum is exact decimal arithmetic ({@code 40 + 0.1 = 40.1}), written
 *       without trailing zeros; a stored value that is not a number answers 409, unchanged.
 *   <li>C4 — a missing or expired key counts from 0 and is created with {@code ttl} when given,
 *       else without expiry; an existing key keeps its TTL ({@code ttl} is then ignored).
 *   <li>C5 — an increment is one read-modify-write under the key's row lock: concurrent increments
 *       never lose one.
 * </ul>
 */
package dev.kvstore.counters;
