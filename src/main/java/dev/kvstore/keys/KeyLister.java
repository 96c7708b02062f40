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

/** Live keys in key order within a range, listed and deleted in bounded pieces (L1, L4). */
@Stateless
@Interceptors(DatabaseFailures.class)
public class KeyLister {

  private static final String LIVE = " (e.expiresAt IS NULL OR e.expiresAt > :now)";

  @PersistenceContext EntityManager em;

  @Inject EntryCache cache;

  /**
   * Up to {@code max} live keys of the range that come after {@code after}, in order, without their
   * values; with their values' lengths if asked.
   */
  @RolesAllowed(Roles.READ)
  public List<Listed> live(KeyRange range, String after, Instant now, int max, boolean lengths) {
    String select = "e.key, e.version, e.expiresAt" + (lengths ? ", LENGTH(e.json)" : "");
    return query(Object[].class, select, range, after, now)
        .setMaxResults(max)
        .getResultList()
        .stream()
        .map(Listed::ofRow)
        .toList();
  }

  /** The live entries of these keys, values and all, in key order; keys gone since are left out. */
  @RolesAllowed(Roles.READ)
  public List<Entry> entries(List<String> keys, Instant now) {
    return em.createQuery(
            "SELECT e FROM Entry e WHERE e.key IN :keys AND" + LIVE + " ORDER BY e.key",
            Entry.class)
        .setParameter("keys", keys)
        .setParameter("now", now.toEpochMilli())
        .getResultList();
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
