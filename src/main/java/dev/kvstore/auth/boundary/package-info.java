/**
 * HTTP side of auth (rules A1–A6 in {@link dev.kvstore.auth}): the authentication module, identity
 * store, access checks and /_tokens.
 */
package dev.kvstore.auth.boundary;
