/**
 * kvstore: an HTTP/JSON key-value store with TTLs, a Jakarta EE 10 WAR.
 *
 * <p>Features live in packages of their own: {@code entries} (single-key SET / GET / DELETE),
 * {@code expiry} (the clock and the active expiry sweep), {@code storage} (data source and schema)
 * and {@code errors} (every failure as a JSON {@code {"error": ...}} body).
 *
 * <p>K1 — every path is served by JAX-RS at the context root; WADL is off so that no generated path
 * can shadow a key.
 */
package dev.kvstore;
