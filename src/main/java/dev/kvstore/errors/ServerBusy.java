package dev.kvstore.errors;

import jakarta.ejb.ApplicationException;

/**
 * The server is busy with other large requests and could not take this one in time: 503 with {@code
 * Retry-After}; nothing was changed.
 */
@ApplicationException(rollback = true)
public class ServerBusy extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ServerBusy(String sentence) {
    super(sentence, null, false, false);
  }
}
