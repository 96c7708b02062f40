package dev.kvstore.auth.boundary;

import jakarta.security.enterprise.CallerPrincipal;
import java.util.Optional;

/** The caller a token stands for, with the key prefix it is confined to, if any. */
public class TokenPrincipal extends CallerPrincipal {

  private static final long serialVersionUID = 1L;

  private final String keyPrefix;

  public TokenPrincipal(String name, Optional<String> keyPrefix) {
    super(name);
    this.keyPrefix = keyPrefix.orElse(null);
  }

  public Optional<String> keyPrefix() {
    return Optional.ofNullable(keyPrefix);
  }
}
