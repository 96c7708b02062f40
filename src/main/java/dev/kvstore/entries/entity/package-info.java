/** The entry and the rules of keys and expiry (rules E1–E8 in {@link dev.kvstore.entries}). */
package dev.kvstore.entries.entity;
