package dev.kvstore.it;

import dev.kvstore.entries.entity.Entry;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.concurrent.CountDownLatch;

/** Holds a row lock for a while, as a slow writer would: for the lock-timeout tests. */
@Stateless
public class LockHolder {

  @PersistenceContext EntityManager em;

  /** Locks the row of {@code key}, counts {@code locked} down, and keeps the lock for a while. */
  @Asynchronous
  public void hold(String key, long millis, CountDownLatch locked) {
    em.find(Entry.class, key, LockModeType.PESSIMISTIC_WRITE);
    locked.countDown();
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
