package dev.kvstore.entries.control;

import dev.kvstore.storage.DatabaseFailures;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.interceptor.Interceptors;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/** Counts of keys, for {@code /_info} and the metrics; callers decide who may see them. */
@Stateless
@Interceptors(DatabaseFailures.class)
@PermitAll
public class KeyCensus {

  /** Live keys, and how many of them have a TTL. */
  public record Live(long keys, long expiring) {}

  /** Expired keys that are still stored, and when the oldest of them expired. */
  public record Backlog(long keys, Optional<Instant> oldestExpiry) {}

  @PersistenceContext EntityManager em;

  /** Live keys at {@code now}: reads every key. */
  public Live live(Instant now) {
    Object[] row =
        em.createQuery(
                "SELECT COUNT(e), COUNT(e.expiresAt) FROM Entry e"
                    + " WHERE e.expiresAt IS NULL OR e.expiresAt > :now",
                Object[].class)
            .setParameter("now", now.toEpochMilli())
            .getSingleResult();
    return new Live(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
  }

  /** Expired keys at {@code now} that no sweep has deleted yet: reads the expiry index only. */
  public Backlog backlog(Instant now) {
    Object[] row =
        em.createQuery(
                "SELECT COUNT(e), MIN(e.expiresAt) FROM Entry e WHERE e.expiresAt <= :now",
                Object[].class)
            .setParameter("now", now.toEpochMilli())
            .getSingleResult();
    return new Backlog(
        ((Number) row[0]).longValue(),
        Optional.ofNullable((Number) row[1]).map(m -> Instant.ofEpochMilli(m.longValue())));
  }
}
