package dev.kvstore.entries.control;

import jakarta.ejb.ApplicationException;

/** A write's precondition did not hold: 412, nothing written. */
@ApplicationException(rollback = true)
public class PreconditionFailed extends Refusal {

  private static final long serialVersionUID = 1L;

  public PreconditionFailed(String sentence) {
    super(412, sentence);
  }
}
