/**
 * HTTP mapping of the entries feature (rules E1–E8 in {@link dev.kvstore.entries}): paths, bodies
 * and status codes.
 */
package dev.kvstore.entries.boundary;
