package dev.kvstore.entries.entity;

import static dev.kvstore.json.JsonBodies.JSON;

import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * One key and its JSON value: the row of {@code KV_ENTRY}.
 *
 * <p>The value is kept as the compact JSON text it was given, so it is served exactly as stored:
 * numbers keep every digit, strings every character. The expiry is an absolute instant in epoch
 * milliseconds ({@code null} when the entry never expires): an integer compares the same on every
 * database and in every time zone. An entry is expired when {@code now >= expiresAt} (E3), and an
 * expired entry is absent whether or not its row has been removed yet. Every write gives the entry
 * a new version from one database sequence, so a version is never reused, not even for a key
 * deleted and created again (E4).
 */
@Entity
@Table(name = "KV_ENTRY")
@NamedQuery(
    name = Entry.EXPIRED_KEYS,
    query = "SELECT e.key FROM Entry e WHERE e.expiresAt <= :now ORDER BY e.expiresAt")
@NamedQuery(
    name = Entry.DELETE_IF_EXPIRED,
    query = "DELETE FROM Entry e WHERE e.key IN :keys AND e.expiresAt <= :now")
@NamedQuery(
    name = Entry.LIVE_VALUE_LENGTH,
    query =
        "SELECT LENGTH(e.json) FROM Entry e"
            + " WHERE e.key = :key AND (e.expiresAt IS NULL OR e.expiresAt > :now)")
public class Entry {

  public static final String EXPIRED_KEYS = "Entry.expiredKeys";
  public static final String DELETE_IF_EXPIRED = "Entry.deleteIfExpired";
  public static final String LIVE_VALUE_LENGTH = "Entry.liveValueLength";

  @Id
  @Column(name = "ENTRY_KEY")
  private String key;

  @Lob
  @Column(name = "JSON_VALUE", nullable = false)
  private String json;

  @Column(name = "EXPIRES_AT")
  private Long expiresAt;

  @Column(name = "VERSION_NO", nullable = false)
  private long version;

  @Column(name = "CREATED_AT", nullable = false)
  private long createdAt;

  @Column(name = "UPDATED_AT", nullable = false)
  private long updatedAt;

  protected Entry() {}

  private Entry(String key, String json, Optional<Instant> expiresAt, long version, Instant now) {
    this.key = key;
    this.json = json;
    this.expiresAt = expiresAt.map(Instant::toEpochMilli).orElse(null);
    this.version = version;
    this.createdAt = now.toEpochMilli();
    this.updatedAt = createdAt;
  }

  /** A new entry. */
  public static Entry create(
      String key, String json, Optional<Instant> expiresAt, long version, Instant now) {
    return new Entry(key, json, expiresAt, version, now);
  }

  /** A copy that no persistence context manages: what the read cache keeps. */
  public Entry copy() {
    Entry copy = new Entry();
    copy.key = key;
    copy.json = json;
    copy.expiresAt = expiresAt;
    copy.version = version;
    copy.createdAt = createdAt;
    copy.updatedAt = updatedAt;
    return copy;
  }

  /** E3: expired exactly when the expiry instant is not after now. */
  public boolean isExpiredAt(Instant now) {
    return expiresAt != null && now.toEpochMilli() >= expiresAt;
  }

  /** Whole seconds left, rounded to nearest; {@code -1} without expiry (the seed's convention). */
  public long ttlRemainingAt(Instant now) {
    return ttlRemaining(expiresAt, now);
  }

  /** {@link #ttlRemainingAt} of an expiry in epoch milliseconds ({@code null}: none). */
  public static long ttlRemaining(Long expiresAt, Instant now) {
    if (expiresAt == null) {
      return -1;
    }
    return Math.max(0, Math.floorDiv(expiresAt - now.toEpochMilli() + 500, 1000));
  }

  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt).map(Instant::ofEpochMilli);
  }

  public String key() {
    return key;
  }

  public String json() {
    return json;
  }

  public long version() {
    return version;
  }

  /** GET's body: {@code {"key","value","ttl_remaining","expires_at","version"}}. */
  public String toJson(Instant now) {
    return "{\"key\":"
        + JSON.createValue(key)
        + ",\"value\":"
        + json
        + ",\"ttl_remaining\":"
        + ttlRemainingAt(now)
        + ",\"expires_at\":"
        + expiresAtJson()
        + ",\"version\":"
        + version
        + "}";
  }

  /** A write's answer (the seed's): {@code {"status":"ok","action","key","expires_at"}}. */
  public String toWrittenJson(String action) {
    return "{\"status\":\"ok\",\"action\":\""
        + action
        + "\",\"key\":"
        + JSON.createValue(key)
        + ",\"expires_at\":"
        + expiresAtJson()
        + "}";
  }

  /** A counter's answer: {@code {"key","value","ttl_remaining"}}. */
  public String toCounterJson(Instant now) {
    return "{\"key\":"
        + JSON.createValue(key)
        + ",\"value\":"
        + json
        + ",\"ttl_remaining\":"
        + ttlRemainingAt(now)
        + "}";
  }

  /** A TTL command's answer: {@code {"key","ttl_remaining","expires_at"}}. */
  public String toTtlJson(Instant now) {
    return "{\"key\":"
        + JSON.createValue(key)
        + ",\"ttl_remaining\":"
        + ttlRemainingAt(now)
        + ",\"expires_at\":"
        + expiresAtJson()
        + "}";
  }

  /** The expiry as JSON: an ISO-8601 UTC string ending in {@code Z}, or {@code null}. */
  public JsonValue expiresAtJson() {
    return expiresAt().<JsonValue>map(at -> JSON.createValue(at.toString())).orElse(JsonValue.NULL);
  }
}
