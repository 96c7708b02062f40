package dev.kvstore.entries.control;

import dev.kvstore.entries.entity.Entry;
import dev.kvstore.entries.entity.Expiry;
import dev.kvstore.storage.Database;
import dev.kvstore.storage.DatabaseFailures;
import dev.kvstore.storage.SqlErrors;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads and writes entries, each operation in one container-managed transaction.
 *
 * <p>Every method takes the operation's one {@code now}; expiry is decided against it alone.
 */
@Stateless
@Interceptors(DatabaseFailures.class)
public class EntryStore {

  /** A race loser updates on its second round; a third covers a delete in between. */
  private static final int SET_ATTEMPTS = 3;

  @PersistenceContext EntityManager em;

  @Inject Database database;

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

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
   * <p>No row yet means no lock: two first writers race. The insert settles it inside the database
   * — the primary key lets one row through and makes the other insert wait for the first
   * transaction, then fail — and the loser goes on in the same transaction: it finds the row, waits
   * for its lock and updates it. A row deleted again in between sends it round once more.
   */
  public Written set(String key, String json, Expiry expiry, Instant now) {
    long version = nextVersion();
    for (int attempt = 1; attempt <= SET_ATTEMPTS; attempt++) {
      Entry entry = em.find(Entry.class, key, LockModeType.PESSIMISTIC_WRITE);
      if (entry != null) {
        boolean created = entry.isExpiredAt(now);
        entry.overwrite(json, expiry.resolve(entry.liveExpiresAt(now)), version, now);
        em.flush();
        return new Written(created, entry);
      }
      Entry fresh = Entry.create(key, json, expiry.resolve(null), version, now);
      if (insertIfAbsent(fresh, now)) {
        return new Written(true, fresh);
      }
    }
    throw new LockTimeoutException("key " + SET_ATTEMPTS + " times created and deleted by others");
  }

  /** DEL: removes the entry; {@link KeyNotFound} when it is absent (an expired row goes too). */
  public void delete(String key, Instant now) {
    Entry entry = em.find(Entry.class, key, LockModeType.PESSIMISTIC_WRITE);
    if (entry == null) {
      throw KeyNotFound.missing();
    }
    em.remove(entry);
    em.flush();
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

  /**
   * Inserts the row unless its key exists, on this transaction's connection. Plain JDBC, because
   * the JPA provider would mark the whole transaction for rollback (and log the stack trace) on a
   * duplicate key, where the database itself undoes only the failed statement.
   */
  private boolean insertIfAbsent(Entry entry, Instant now) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(database.dialect().insertIfAbsentSql())) {
      insert.setString(1, entry.key());
      insert.setString(2, entry.json());
      insert.setObject(3, entry.expiresAt().map(Instant::toEpochMilli).orElse(null), Types.BIGINT);
      insert.setLong(4, entry.version());
      insert.setLong(5, now.toEpochMilli());
      insert.setLong(6, now.toEpochMilli());
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      if (SqlErrors.isDuplicateKey(e)) {
        return false;
      }
      throw new PersistenceException("insert failed", e);
    }
  }
}
