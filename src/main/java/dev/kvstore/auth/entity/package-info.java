/** Tokens, scopes and roles (rules A1–A6 in {@link dev.kvstore.auth}). */
package dev.kvstore.auth.entity;
