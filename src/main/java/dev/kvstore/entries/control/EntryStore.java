package dev.kvstore.entries.control;

import dev.kvstore.entries.entity.Entry;
import dev.kvstore.entries.entity.Expiry;
import dev.kvstore.storage.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads and writes entries, each operation in one container-managed transaction.
 *
 * <p>Every method takes the operation's one {@code now}; expiry is decided against it alone.
 */
@Stateless
public class EntryStore {

  /** A race loser retries once as an update; a third try covers a delete in between. */
  private static final int SET_ATTEMPTS = 3;

  /** SQLState of a unique-key violation, on Derby and PostgreSQL alike. */
  private static final String DUPLICATE_KEY = "23505";

  @PersistenceContext EntityManager em;

  @Inject Database database;

  @Resource SessionContext context;

  /** The live entry, or {@link KeyNotFound}; an expired row found here is removed (E5). */
  public Entry get(String key, Instant now) {
    Entry entry = em.find(Entry.class, key);
    if (entry == null) {
      throw KeyNotFound.missing();
    }
    if (entry.isExpiredAt(now)) {
      deleteIfExpired(List.of(key), now);
      throw KeyNotFound.expired();
    }
    return entry;
  }

  /**
   * SET: creates the entry, or overwrites it under its row lock (E6).
   *
   * <p>No row yet means no lock: two first writers race, both insert, and the database's primary
   * key lets one through. The loser's transaction is rolled back and its write is tried again; this
   * time it finds the row, waits for its lock and updates it. Runs outside a transaction so that
   * each try has one of its own.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public Written set(String key, String json, Expiry expiry, Instant now) {
    EntryStore transactional = context.getBusinessObject(EntryStore.class);
    for (int attempt = 1; ; attempt++) {
      try {
        return transactional.setOnce(key, json, expiry, now);
      } catch (KeyCreatedConcurrently e) {
        if (attempt == SET_ATTEMPTS) {
          throw new LockTimeoutException("key created concurrently " + attempt + " times");
        }
      }
    }
  }

  /** One try of {@link #set}, in its own transaction; callers use {@code set}. */
  public Written setOnce(String key, String json, Expiry expiry, Instant now) {
    Entry entry = em.find(Entry.class, key, LockModeType.PESSIMISTIC_WRITE);
    long version = nextVersion();
    if (entry == null) {
      Entry created = Entry.create(key, json, expiry.resolve(null), version, now);
      em.persist(created);
      flushInsert();
      return new Written(true, created);
    }
    boolean created = entry.isExpiredAt(now);
    entry.overwrite(json, expiry.resolve(entry.liveExpiresAt(now)), version, now);
    return new Written(created, entry);
  }

  /** DEL: removes the entry; {@link KeyNotFound} when it is absent (an expired row goes too). */
  public void delete(String key, Instant now) {
    Entry entry = em.find(Entry.class, key, LockModeType.PESSIMISTIC_WRITE);
    if (entry == null) {
      throw KeyNotFound.missing();
    }
    em.remove(entry);
    if (entry.isExpiredAt(now)) {
      throw KeyNotFound.expired();
    }
  }

  /** One batch of the active expiry: removes up to {@code limit} expired entries (X2). */
  public int removeExpired(Instant now, int limit) {
    return deleteIfExpired(expiredKeys(now, limit), now);
  }

  /** Up to {@code limit} keys expired at {@code now}, longest expired first. */
  public List<String> expiredKeys(Instant now, int limit) {
    return em.createNamedQuery(Entry.EXPIRED_KEYS, String.class)
        .setParameter("now", now.toEpochMilli())
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * Deletes those of {@code keys} that are still expired at {@code now}: a key written since it was
   * picked has a new expiry (or none) and survives (X3).
   */
  public int deleteIfExpired(List<String> keys, Instant now) {
    if (keys.isEmpty()) {
      return 0;
    }
    return em.createNamedQuery(Entry.DELETE_IF_EXPIRED)
        .setParameter("keys", keys)
        .setParameter("now", now.toEpochMilli())
        .executeUpdate();
  }

  private long nextVersion() {
    return ((Number) em.createNativeQuery(database.dialect().nextVersionSql()).getSingleResult())
        .longValue();
  }

  private void flushInsert() {
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (isDuplicateKey(e)) {
        throw new KeyCreatedConcurrently();
      }
      throw e;
    }
  }

  private static boolean isDuplicateKey(Throwable e) {
    return Stream.iterate(e, c -> c != null, Throwable::getCause)
        .limit(32)
        .anyMatch(c -> c instanceof SQLException sql && DUPLICATE_KEY.equals(sql.getSQLState()));
  }
}
