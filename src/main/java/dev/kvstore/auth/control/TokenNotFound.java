package dev.kvstore.auth.control;

import dev.kvstore.entries.control.Refusal;
import jakarta.ejb.ApplicationException;

/** No token has this id: 404. */
@ApplicationException(rollback = true)
public class TokenNotFound extends Refusal {

  private static final long serialVersionUID = 1L;

  public TokenNotFound() {
    super(404, "No token has this id.");
  }
}
