package dev.kvstore.storage;

import dev.kvstore.settings.Settings;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/** Prepares EclipseLink's session as the persistence unit deploys, before it connects. */
public class SessionSetup implements SessionCustomizer {

  @Override
  public void customize(Session session) {
    Settings.requireValid();
    DatabaseLogin login = session.getLogin();
    // S7: a query that lost its connection fails at once (503, the client retries) instead of
    // being retried by EclipseLink three times, 5 s apart, while the request waits.
    login.setQueryRetryAttemptCount(0);
  }
}
