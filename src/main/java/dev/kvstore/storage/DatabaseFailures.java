package dev.kvstore.storage;

import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.PersistenceException;

/**
 * Turns the JPA provider's exceptions into {@link DatabaseUnavailable} at the edge of a store. The
 * store flushes before it returns, so failing SQL fails here and not later, at commit.
 */
public class DatabaseFailures {

  @AroundInvoke
  Object translate(InvocationContext invocation) throws Exception {
    try {
      return invocation.proceed();
    } catch (PersistenceException e) {
      throw new DatabaseUnavailable(e);
    }
  }
}
