/**
 * Auth: API tokens with scopes and key prefixes, by Jakarta Authentication and Jakarta Security,
 * and protected mode.
 *
 * <ul>
 *   <li>A1 — a token comes in {@code Authorization: Bearer <token>} or {@code X-API-Key: <token>};
 *       one in the query string answers 400 (URLs reach access logs), and so do both headers in one
 *       request. Tokens are {@code kv_<id>_<secret>} with a 256-bit random secret, stored only as
 *       its SHA-256 and compared in constant time; the {@code KV_ADMIN_TOKEN} ({@code
 *       kv.admin-token}) is an admin token. Neither is ever logged. No token, a malformed header,
 *       an unknown or a revoked token: 401 with {@code WWW-Authenticate: Bearer}.
 *   <li>A2 — a scope is {@code read}, {@code write} (includes read) or {@code admin} (includes
 *       write, and manages tokens); an operation beyond the scope answers 403. Scopes are the
 *       caller's groups and roles, checked before any store call and again by the stores'
 *       {@code @RolesAllowed} — for clients' writes grouped in one transaction (E12, E14), on the
 *       caller that applies the transaction; each of the others was checked before it queued.
 *   <li>A3 — {@code POST /_tokens} issues a token and shows its secret once; {@code GET /_tokens}
 *       lists them without secrets; {@code DELETE /_tokens/{id}} revokes one, refused from the next
 *       request on. Tokens live in the database and survive restarts. On embedded Derby the token
 *       table is kept in memory ({@link dev.kvstore.auth.control.TokenTable}) and loaded again only
 *       after a token was issued or revoked; on PostgreSQL every request asks the database, in one
 *       read without a transaction of its own.
 *   <li>A4 — protected mode (as in Redis): with no {@code KV_ADMIN_TOKEN} and no token issued,
 *       requests from loopback are served as admin without a token, and any other client gets 403
 *       with a sentence that says how to configure a token. Whether a token is issued comes from
 *       the same token table, kept in memory on embedded Derby.
 *   <li>A5 — a token with a prefix may use only keys that start with it: a key outside answers 403
 *       whether or not it exists; listings and prefix deletes are narrowed to the prefix (never an
 *       error); a batch with any op outside it answers 403 and runs nothing.
 *   <li>A6 — every path of the server goes through this check, Payara's {@code /_metrics} and
 *       {@code /_openapi} too (any valid token), except {@code /_health}, which probes call without
 *       one. A database that fails during the check answers 503 with {@code Retry-After}, and every
 *       refusal counts in {@code kv_auth_refusals_total}.
 * </ul>
 */
package dev.kvstore.auth;
