package dev.kvstore.info;

import dev.kvstore.auth.entity.Roles;
import dev.kvstore.storage.DatabaseFailures;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.interceptor.Interceptors;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/** The figures of {@code /_info} that come from the database: live keys, and those with a TTL. */
@Stateless
@Interceptors(DatabaseFailures.class)
@RolesAllowed(Roles.READ)
public class InfoStore {

  @PersistenceContext EntityManager em;

  /** Live keys at {@code now}. */
  public long liveKeys(Instant now) {
    return em.createQuery(
            "SELECT COUNT(e) FROM Entry e WHERE e.expiresAt IS NULL OR e.expiresAt > :now",
            Long.class)
        .setParameter("now", now.toEpochMilli())
        .getSingleResult();
  }

  /** Live keys at {@code now} that have an expiry. */
  public long expiringKeys(Instant now) {
    return em.createQuery("SELECT COUNT(e) FROM Entry e WHERE e.expiresAt > :now", Long.class)
        .setParameter("now", now.toEpochMilli())
        .getSingleResult();
  }
}
