package dev.kvstore.keys;

import dev.kvstore.auth.entity.Roles;
import dev.kvstore.entries.control.EntryCache;
import dev.kvstore.entries.entity.Entry;
import dev.kvstore.storage.DatabaseFailures;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;

/** Live entries in key order within a range, read and deleted in bounded pieces (L1, L4). */
@Stateless
@Interceptors(DatabaseFailures.class)
public class KeyLister {

  private static final String LIVE = " (e.expiresAt IS NULL OR e.expiresAt > :now)";

  @PersistenceContext EntityManager em;

  @Inject EntryCache cache;

  /** Up to {@code max} live entries of the range whose keys come after {@code after}, in order. */
  @RolesAllowed(Roles.READ)
  public List<Entry> live(KeyRange range, String after, Instant now, int max) {
    return query(Entry.class, "e", range, after, now).setMaxResults(max).getResultList();
  }

  /** Deletes up to {@code max} live entries of the range, in one transaction; returns how many. */
  @RolesAllowed(Roles.WRITE)
  public int deleteLive(KeyRange range, Instant now, int max) {
    List<String> keys =
        query(String.class, "e.key", range, "", now).setMaxResults(max).getResultList();
    if (keys.isEmpty()) {
      return 0;
    }
    cache.writing(keys);
    return em.createQuery("DELETE FROM Entry e WHERE e.key IN :keys AND" + LIVE)
        .setParameter("keys", keys)
        .setParameter("now", now.toEpochMilli())
        .executeUpdate();
  }

  private <T> TypedQuery<T> query(
      Class<T> type, String select, KeyRange range, String after, Instant now) {
    String jpql =
        "SELECT "
            + select
            + " FROM Entry e WHERE e.key > :after AND e.key >= :low"
            + (range.high().isPresent() ? " AND e.key < :high" : "")
            + " AND"
            + LIVE
            + " ORDER BY e.key";
    TypedQuery<T> query =
        em.createQuery(jpql, type)
            .setParameter("after", after)
            .setParameter("low", range.low())
            .setParameter("now", now.toEpochMilli());
    range.high().ifPresent(high -> query.setParameter("high", high));
    return query;
  }
}
