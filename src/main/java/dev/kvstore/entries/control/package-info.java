/**
 * Transactions of the entries feature (rules E1–E8 in {@link dev.kvstore.entries}): the store, its
 * locking and outcomes.
 */
package dev.kvstore.entries.control;
