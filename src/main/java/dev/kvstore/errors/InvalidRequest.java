package dev.kvstore.errors;

import jakarta.ejb.ApplicationException;

/**
 * A client's mistake, with the status that says so and a sentence that says what to fix.
 *
 * <p>Unchecked and without a stack trace: it is an answer, not a failure, and is never logged. An
 * application exception, so that one thrown inside a store call rolls back and reaches the client
 * as it is.
 */
@ApplicationException(rollback = true)
public class InvalidRequest extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  private InvalidRequest(int status, String sentence) {
    super(sentence, null, false, false);
    this.status = status;
  }

  /** 400: the request is malformed. */
  public static InvalidRequest badRequest(String sentence) {
    return new InvalidRequest(400, sentence);
  }

  /** 403: the caller may not do this. */
  public static InvalidRequest forbidden(String sentence) {
    return new InvalidRequest(403, sentence);
  }

  /** 413: the request or the value is larger than the configured limit. */
  public static InvalidRequest tooLarge(String sentence) {
    return new InvalidRequest(413, sentence);
  }

  /** The same mistake, its sentence prefixed with where it was found ({@code "ops[3]: "}). */
  public InvalidRequest at(String where) {
    return new InvalidRequest(status, where + getMessage());
  }

  public int status() {
    return status;
  }
}
