package dev.kvstore.entries.control;

import dev.kvstore.auth.entity.Roles;
import dev.kvstore.entries.entity.Entry;
import dev.kvstore.storage.Database;
import dev.kvstore.storage.DatabaseFailures;
import dev.kvstore.storage.SqlErrors;
import dev.kvstore.storage.Versions;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
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
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads and writes entries, each operation in one container-managed transaction.
 *
 * <p>Every method takes the operation's one {@code now}; expiry is decided against it alone.
 */
@Stateless
@Interceptors(DatabaseFailures.class)
@PermitAll // the expiry sweep's methods run for no caller; each client operation names its role
public class EntryStore {

  /** A race loser updates on its second round; a third covers a delete in between. */
  private static final int WRITE_ATTEMPTS = 3;

  /** E3: a row is live while its expiry, if any, is after now. */
  private static final String OVERWRITE_LIVE_SQL =
      "UPDATE KV_ENTRY SET JSON_VALUE = ?, EXPIRES_AT = ?, VERSION_NO = ?, UPDATED_AT = ?"
          + " WHERE ENTRY_KEY = ? AND (EXPIRES_AT IS NULL OR EXPIRES_AT > ?)";

  @PersistenceContext EntityManager em;

  @Inject Database database;

  @Inject Versions versions;

  @Inject EntryCache cache;

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  /** The live entry, or {@link KeyNotFound}; an expired row found here is removed (E5). */
  @RolesAllowed(Roles.READ)
  public Entry get(String key, Instant now) {
    Entry entry = cache.read(key, k -> em.find(Entry.class, k));
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
   * One read-modify-write of a key under its row lock: checks the condition against the live entry,
   * asks the change for the new value and expiry, and writes them with a new version (E4, E6). An
   * expired row is removed first and counts as absent (E3).
   *
   * <p>No row yet means no lock: two first writers race. The insert settles it inside the database
   * — the primary key lets one row through and makes the other insert wait for the first
   * transaction, then fail — and the loser goes round again in the same transaction: it finds the
   * row, waits for its lock and applies its change to what the winner wrote.
   */
  @RolesAllowed(Roles.WRITE)
  public Written update(String key, Instant now, Condition condition, Change change) {
    cache.writing(key);
    return write(key, now, condition, change, versions.next());
  }

  /**
   * A SET whose value and expiry do not depend on what is there (no condition, no {@code
   * keep_ttl}): a live row is overwritten by one UPDATE, which finds and locks it itself — one
   * statement instead of a locking read and a write. Without a live row it is {@link #update}. The
   * entry returned is the one written; its creation time, never answered, is not read back.
   */
  @RolesAllowed(Roles.WRITE)
  public Written overwrite(String key, Instant now, String json, Optional<Instant> expiresAt) {
    cache.writing(key);
    long version = versions.next();
    if (overwriteLive(key, now, json, expiresAt, version)) {
      return new Written(false, Entry.create(key, json, expiresAt, version, now));
    }
    return write(
        key, now, Condition.NONE, current -> new Change.Replacement(json, expiresAt), version);
  }

  private Written write(String key, Instant now, Condition condition, Change change, long version) {
    for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
      Current current = lockLive(key, now);
      condition.check(current.entry());
      Change.Replacement replacement = change.apply(current);
      if (current.entry().isPresent()) {
        Entry entry = current.entry().get();
        entry.overwrite(replacement.json(), replacement.expiresAt(), version, now);
        em.flush();
        return new Written(false, entry);
      }
      Entry fresh = Entry.create(key, replacement.json(), replacement.expiresAt(), version, now);
      if (insertIfAbsent(fresh, now)) {
        return new Written(true, fresh);
      }
    }
    throw new LockTimeoutException(
        "key " + WRITE_ATTEMPTS + " times created and deleted by others");
  }

  /** DEL: removes the live entry; {@link KeyNotFound} when there is none (E5). */
  @RolesAllowed(Roles.WRITE)
  public void delete(String key, Instant now, Condition condition) {
    cache.writing(key);
    Current current = lockLive(key, now);
    condition.check(current.entry());
    em.remove(current.orNotFound());
    em.flush();
  }

  /** Locks the key's row; an expired row is removed in this transaction and reported as absent. */
  private Current lockLive(String key, Instant now) {
    Entry entry = em.find(Entry.class, key, LockModeType.PESSIMISTIC_WRITE);
    if (entry == null) {
      return new Current(Optional.empty(), false);
    }
    if (entry.isExpiredAt(now)) {
      em.remove(entry);
      em.flush();
      return new Current(Optional.empty(), true);
    }
    return new Current(Optional.of(entry), false);
  }

  /**
   * One batch of the active expiry: removes up to {@code limit} expired entries (X2). Where the
   * database can skip rows another transaction has locked, the batch locks the rows it picks and
   * skips those of a sweep running at the same time on another instance: no double work, no
   * deadlock between sweeps (X5).
   */
  public int removeExpired(Instant now, int limit) {
    List<String> keys =
        database
            .dialect()
            .lockExpiredKeysSql()
            .map(sql -> lockExpiredKeys(sql, now, limit))
            .orElseGet(() -> expiredKeys(now, limit));
    return deleteIfExpired(keys, now);
  }

  private List<String> lockExpiredKeys(String sql, Instant now, int limit) {
    List<?> keys =
        em.createNativeQuery(sql)
            .setParameter(1, now.toEpochMilli())
            .setParameter(2, limit)
            .getResultList();
    return keys.stream().map(String.class::cast).toList();
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
    cache.writing(keys);
    return em.createNamedQuery(Entry.DELETE_IF_EXPIRED)
        .setParameter("keys", keys)
        .setParameter("now", now.toEpochMilli())
        .executeUpdate();
  }

  /** Overwrites the key's row if it is live, on this transaction's connection; whether it was. */
  private boolean overwriteLive(
      String key, Instant now, String json, Optional<Instant> expiresAt, long version) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(OVERWRITE_LIVE_SQL)) {
      update.setString(1, json);
      update.setObject(2, expiresAt.map(Instant::toEpochMilli).orElse(null), Types.BIGINT);
      update.setLong(3, version);
      update.setLong(4, now.toEpochMilli());
      update.setString(5, key);
      update.setLong(6, now.toEpochMilli());
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new PersistenceException("overwrite failed", e);
    }
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
