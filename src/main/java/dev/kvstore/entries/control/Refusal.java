package dev.kvstore.entries.control;

/**
 * A store's "no" to an operation, with the HTTP status that says why and a sentence for the client.
 * Nothing was written, except the removal of an expired row (E5).
 */
public abstract class Refusal extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  protected Refusal(int status, String sentence) {
    super(sentence, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
