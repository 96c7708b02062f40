package dev.kvstore.auth.boundary;

import dev.kvstore.auth.entity.Scope;
import jakarta.security.enterprise.CallerPrincipal;
import java.util.Objects;
import java.util.Optional;

/**
 * The caller a token stands for: its scope, whose roles are the caller's groups, and the key prefix
 * it is confined to, if any.
 */
public class TokenPrincipal extends CallerPrincipal {

  private static final long serialVersionUID = 1L;

  private final Scope scope;

  private final String keyPrefix;

  public TokenPrincipal(String name, Scope scope, Optional<String> keyPrefix) {
    super(name);
    this.scope = Objects.requireNonNull(scope);
    this.keyPrefix = keyPrefix.orElse(null);
  }

  public Scope scope() {
    return scope;
  }

  public Optional<String> keyPrefix() {
    return Optional.ofNullable(keyPrefix);
  }
}
