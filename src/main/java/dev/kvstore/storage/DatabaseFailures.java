package dev.kvstore.storage;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.PersistenceException;

/**
 * Turns the JPA provider's exceptions into {@link DatabaseUnavailable} at the edge of a store. The
 * store flushes before it returns, so failing SQL fails here and not later, at commit.
 */
public class DatabaseFailures {

  @Inject Event<DatabaseLost> lost;

  @AroundInvoke
  Object translate(InvocationContext invocation) throws Exception {
    try {
      return invocation.proceed();
    } catch (PersistenceException e) {
      if (!SqlErrors.isLockTimeout(e)) {
        lost.fire(new DatabaseLost());
      }
      throw new DatabaseUnavailable(e);
    }
  }
}
