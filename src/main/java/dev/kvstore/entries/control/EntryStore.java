package dev.kvstore.entries.control;

import dev.kvstore.auth.entity.Roles;
import dev.kvstore.entries.entity.Entry;
import dev.kvstore.storage.Database;
import dev.kvstore.storage.DatabaseFailures;
import dev.kvstore.storage.LargeText;
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
import java.util.SortedMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads and writes entries, each operation in one container-managed transaction.
 *
 * <p>Every operation has its one {@code now} (each write of a group its own); expiry is decided
 * against it alone.
 */
@Stateless
@Interceptors(DatabaseFailures.class)
@PermitAll // the expiry sweep's methods run for no caller; each client operation names its role
public class EntryStore {

  /** A race loser updates on its second round; a third covers a delete in between. */
  private static final int WRITE_ATTEMPTS = 3;

  private static final String UPDATE_SQL =
      "UPDATE KV_ENTRY SET JSON_VALUE = ?, EXPIRES_AT = ?, VERSION_NO = ?, UPDATED_AT = ?"
          + " WHERE ENTRY_KEY = ?";

  /** E3: a row is live while its expiry, if any, is after now. */
  private static final String OVERWRITE_LIVE_SQL =
      UPDATE_SQL + " AND (EXPIRES_AT IS NULL OR EXPIRES_AT > ?)";

  @PersistenceContext EntityManager em;

  @Inject Database database;

  @Inject Versions versions;

  @Inject EntryCache cache;

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "kv.value.max-bytes")
  long maxValueBytes;

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
   * The live entry, as {@link #get}, or empty when its value is longer than {@code maxChars}
   * characters (a batch's get that its answer has no room for, B6). Where a value might be that
   * long, the database is first asked for the value's length, so that such a value is never read:
   * 32 batches at once, each reading values of 1 MB only to leave them out, ran a 192 MB heap out
   * of memory (bench/results/2026-12-07-3.md).
   */
  @RolesAllowed(Roles.READ)
  public Optional<Entry> getIfNoLongerThan(String key, Instant now, long maxChars) {
    if (maxChars < maxValueBytes && liveValueLength(key, now) > maxChars) {
      return Optional.empty();
    }
    return Optional.of(get(key, now)).filter(entry -> entry.json().length() <= maxChars);
  }

  /** The characters of the key's live value, read by the database alone; 0 when it has none. */
  long liveValueLength(String key, Instant now) {
    return em
        .createNamedQuery(Entry.LIVE_VALUE_LENGTH, Integer.class)
        .setParameter("key", key)
        .setParameter("now", now.toEpochMilli())
        .getResultList()
        .stream()
        .findFirst()
        .orElse(0);
  }

  /**
   * One read-modify-write of a key in the caller's transaction (an op of a batch): {@link #apply}
   * of this one write; its refusal is thrown.
   */
  @RolesAllowed(Roles.WRITE)
  public Written update(String key, Instant now, Condition condition, Change change) {
    Write write = Write.of(now, condition, change);
    withConnection(connection -> apply(connection, key, List.of(write)));
    return write.outcome();
  }

  /**
   * Applies {@code writes}, in their order, to the key under its row lock, in the caller's
   * transaction and on its {@code connection} ({@link #update}, {@link #applyAll}; E10, E12): locks
   * the row once, applies each write to what the one before left ({@link Write#applyInOrder}) and
   * writes the last entry once. Each write's outcome is set; a client may learn it only after the
   * transaction has committed. An expired row is removed first and counts as absent (E3).
   *
   * <p>One blind SET alone ({@link Write#overwrite}) first tries one UPDATE of the live row, which
   * finds and locks it itself — one statement instead of a locking read and a write.
   *
   * <p>No row yet means no lock: two first writers race. The insert settles it inside the database
   * — the primary key lets one row through and makes the other insert wait for the first
   * transaction, then fail — and the loser goes round again in the same transaction: it finds the
   * row, waits for its lock and applies its writes to what the winner wrote.
   */
  private void apply(Connection connection, String key, List<Write> writes) {
    EntryCache.Marks marks = cache.writing(key);
    if (writes.size() == 1
        && writes.get(0).isBlind()
        && overwriteLive(connection, key, writes.get(0))) {
      marks.wrote(writes.get(0).outcome().entry());
      return;
    }
    for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
      Current found = lockLive(key, writes.get(0).now());
      Optional<Write> last = Write.applyInOrder(key, found, writes, versions::next);
      if (last.isEmpty()) {
        return;
      }
      Entry entry = last.get().outcome().entry();
      Instant now = last.get().now();
      if (found.entry().isPresent()) {
        // written here, not by the provider, for S15; read again from the row if needed later
        em.detach(found.entry().get());
        update(connection, UPDATE_SQL, entry, now, Optional.empty());
        marks.wrote(entry);
        return;
      }
      if (insertIfAbsent(connection, entry, now)) {
        marks.wrote(entry);
        return;
      }
    }
    throw new LockTimeoutException(
        "key " + WRITE_ATTEMPTS + " times created and deleted by others");
  }

  /**
   * Applies the writes of several keys in one transaction (E14), each key's as {@link #apply} does,
   * in key order: transactions that lock keys in the same order cannot deadlock one another. One
   * handle of the transaction's connection serves them all: the pool's check-out cost a third as
   * much CPU as a key's UPDATE in Derby (bench/results/2026-12-07.md).
   */
  @RolesAllowed(Roles.WRITE)
  public void applyAll(SortedMap<String, List<Write>> writes) {
    withConnection(
        connection -> writes.forEach((key, keyWrites) -> apply(connection, key, keyWrites)));
  }

  /** Runs {@code work} on a handle of this transaction's connection, closed after it. */
  private void withConnection(Consumer<Connection> work) {
    try (Connection connection = dataSource.getConnection()) {
      work.accept(connection);
    } catch (SQLException e) {
      throw new PersistenceException("connection handle failed", e);
    }
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

  /**
   * Does a blind SET by one UPDATE of the key's row, on this transaction's connection, if the row
   * is live; whether it was.
   */
  private boolean overwriteLive(Connection connection, String key, Write write) {
    Entry entry = write.blindEntry(key, versions.next());
    if (update(connection, OVERWRITE_LIVE_SQL, entry, write.now(), Optional.of(write.now()))) {
      write.done(new Written(false, entry));
      return true;
    }
    return false;
  }

  /**
   * Writes {@code entry} over its key's row, on this transaction's connection, by {@code sql} (the
   * row's new value, expiry, version and update time, then its key and, if given, the instant at
   * which it must be live); whether there was such a row.
   */
  private boolean update(
      Connection connection, String sql, Entry entry, Instant now, Optional<Instant> liveAt) {
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setObject(2, entry.expiresAt().map(Instant::toEpochMilli).orElse(null), Types.BIGINT);
      update.setLong(3, entry.version());
      update.setLong(4, now.toEpochMilli());
      update.setString(5, entry.key());
      if (liveAt.isPresent()) {
        update.setLong(6, liveAt.get().toEpochMilli());
      }
      return LargeText.executeUpdate(update, 1, entry.json()) == 1;
    } catch (SQLException e) {
      throw new PersistenceException("update failed", e);
    }
  }

  /**
   * Inserts the row unless its key exists, on this transaction's connection. Plain JDBC, because
   * the JPA provider would mark the whole transaction for rollback (and log the stack trace) on a
   * duplicate key, where the database itself undoes only the failed statement.
   */
  private boolean insertIfAbsent(Connection connection, Entry entry, Instant now) {
    try (PreparedStatement insert =
        connection.prepareStatement(database.dialect().insertIfAbsentSql())) {
      insert.setString(1, entry.key());
      insert.setObject(3, entry.expiresAt().map(Instant::toEpochMilli).orElse(null), Types.BIGINT);
      insert.setLong(4, entry.version());
      insert.setLong(5, now.toEpochMilli());
      insert.setLong(6, now.toEpochMilli());
      return LargeText.executeUpdate(insert, 2, entry.json()) == 1;
    } catch (SQLException e) {
      if (SqlErrors.isDuplicateKey(e)) {
        return false;
      }
      throw new PersistenceException("insert failed", e);
    }
  }
}
