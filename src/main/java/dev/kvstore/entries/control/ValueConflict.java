package dev.kvstore.entries.control;

import jakarta.ejb.ApplicationException;

/**
 * The operation does not fit the stored value — an increment of a non-number, an overflow, a JSON
 * Patch whose test fails: 409, nothing written.
 */
@ApplicationException(rollback = true)
public class ValueConflict extends Refusal {

  private static final long serialVersionUID = 1L;

  public ValueConflict(String sentence) {
    super(409, sentence);
  }
}
