/** Tokens, scopes and roles (rules A1–A5 in {@link dev.kvstore.auth}). */
package dev.kvstore.auth.entity;
