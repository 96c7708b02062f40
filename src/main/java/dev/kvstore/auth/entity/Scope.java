package dev.kvstore.auth.entity;

import java.util.Set;

/** What a token may do; each scope includes the ones before it (A2). */
public enum Scope {
  READ(Set.of(Roles.READ)),
  WRITE(Set.of(Roles.READ, Roles.WRITE)),
  ADMIN(Set.of(Roles.READ, Roles.WRITE, Roles.ADMIN));

  private final Set<String> roles;

  Scope(Set<String> roles) {
    this.roles = roles;
  }

  /** The security roles (groups) a caller with this scope is in. */
  public Set<String> roles() {
    return roles;
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
