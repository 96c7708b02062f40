package dev.kvstore.auth.boundary;

import dev.kvstore.auth.entity.Roles;
import dev.kvstore.entries.entity.Key;
import dev.kvstore.errors.InvalidRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the caller's token allows: its scope's roles (A2) and the key prefix it is confined to (A5).
 * Checked before any store call, so a refusal is a plain 403, never a container's access error. A
 * key outside the prefix answers 403 whether or not it exists, so a token never learns about keys
 * it may not touch.
 *
 * <p>Both are read from the caller's {@link TokenPrincipal}, found once per check: its scope's
 * roles are the groups the authentication module gave the container, so the answer is the
 * container's {@code isCallerInRole}, without JACC's permission check and its shared lock on every
 * request ({@code bench/results/2026-11-29-8.md}). The store's EJBs still check their roles
 * themselves.
 *
 * <p>One instance serves every request: the security context it asks is the current caller's.
 */
@ApplicationScoped
public class Access {

  @Inject SecurityContext security;

  /** Longest key, in characters: the API's 512, or fewer. */
  @Inject
  @ConfigProperty(name = "kv.key.max-length")
  int maxKeyLength;

  /** The caller's prefix; empty for a token without one (or protected mode). */
  public Optional<String> prefix() {
    return caller().flatMap(TokenPrincipal::keyPrefix);
  }

  /** The key, when it is valid (else 400) and the caller may read it (else 403). */
  public String read(String key) {
    return require(Roles.READ, key);
  }

  /**
   * Whether {@link #read} would let the caller read the key, for a key known to be valid: one the
   * store holds. No refusal is raised.
   */
  public boolean mayRead(String key) {
    Optional<TokenPrincipal> caller = caller();
    return allows(Roles.READ, caller) && within(caller.flatMap(TokenPrincipal::keyPrefix), key);
  }

  /** The key, when it is valid (else 400) and the caller may write it (else 403). */
  public String write(String key) {
    return require(Roles.WRITE, key);
  }

  /** A 403 unless the caller's scope has the role. */
  public void require(String role) {
    require(role, caller());
  }

  /** A 403 unless the caller has the role and no key prefix: for figures about every key. */
  public void requireUnconfined(String role) {
    Optional<TokenPrincipal> caller = caller();
    require(role, caller);
    if (caller.flatMap(TokenPrincipal::keyPrefix).isPresent()) {
      throw InvalidRequest.forbidden(
          "This token is confined to a key prefix; this needs one that is not.");
    }
  }

  private String require(String role, String key) {
    Key.validate(key, maxKeyLength);
    Optional<TokenPrincipal> caller = caller();
    require(role, caller);
    Optional<String> prefix = caller.flatMap(TokenPrincipal::keyPrefix);
    if (!within(prefix, key)) {
      throw InvalidRequest.forbidden(
          "This token may only use keys that start with \"" + prefix.get() + "\".");
    }
    return key;
  }

  /** The caller's token principal; none where the module logged in nobody (a health probe). */
  private Optional<TokenPrincipal> caller() {
    return security.getPrincipalsByType(TokenPrincipal.class).stream().findFirst();
  }

  private static void require(String role, Optional<TokenPrincipal> caller) {
    if (!allows(role, caller)) {
      throw InvalidRequest.forbidden(
          "This token's scope does not allow this operation: it needs " + role + ".");
    }
  }

  private static boolean allows(String role, Optional<TokenPrincipal> caller) {
    return caller.isPresent() && caller.get().scope().roles().contains(role);
  }

  private static boolean within(Optional<String> prefix, String key) {
    return prefix.map(key::startsWith).orElse(true);
  }
}
