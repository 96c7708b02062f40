package bench.ceiling;

import jakarta.ejb.Stateless;

/** A stateless EJB that returns a constant: the container's share of a kvstore request. */
@Stateless
public class ConstantBean {

  /** About the size of kvstore's answer to a GET of the benchmark's small JSON object. */
  static final String ENTRY =
      "{\"key\":\"bench:get\",\"value\":{\"user\":\"ada\",\"visits\":42,\"tags\":[\"a\",\"b\"]},"
          + "\"ttl_remaining\":-1,\"expires_at\":null,\"version\":1}";

  public String entry() {
    return ENTRY;
  }
}
