/** Token issue, look-up and revocation (rules A1–A6 in {@link dev.kvstore.auth}). */
package dev.kvstore.auth.control;
