package dev.kvstore.keys;

import static dev.kvstore.json.JsonBodies.JSON;

import dev.kvstore.entries.entity.Entry;
import java.time.Instant;
import java.util.Optional;

/**
 * A live key as a listing shows it, read without its value: values are read only when asked for,
 * and only as many as a page's budget allows (L5).
 *
 * @param key the key
 * @param version its version
 * @param expiresAt its expiry in epoch milliseconds, {@code null} for none
 * @param length the characters of its value's JSON text; 0 when not asked for
 */
public record Listed(String key, long version, Long expiresAt, long length) {

  /** A row of {@link KeyLister#live}: key, version, expiry and, if asked, the value's length. */
  static Listed ofRow(Object[] row) {
    return new Listed(
        (String) row[0],
        ((Number) row[1]).longValue(),
        row[2] == null ? null : ((Number) row[2]).longValue(),
        row.length > 3 ? ((Number) row[3]).longValue() : 0);
  }

  /** The entry's listing, its value as stored. */
  static String toJson(Entry entry, Instant now) {
    Long expiresAt = entry.expiresAt().map(Instant::toEpochMilli).orElse(null);
    return new Listed(entry.key(), entry.version(), expiresAt, entry.json().length())
        .toJson(now, Optional.of(entry.json()));
  }

  /** {@code {"key","ttl_remaining","version"}}, and {@code "value"} when given. */
  String toJson(Instant now, Optional<String> value) {
    return "{\"key\":"
        + JSON.createValue(key)
        + ",\"ttl_remaining\":"
        + Entry.ttlRemaining(expiresAt, now)
        + ",\"version\":"
        + version
        + value.map(json -> ",\"value\":" + json).orElse("")
        + "}";
  }
}
