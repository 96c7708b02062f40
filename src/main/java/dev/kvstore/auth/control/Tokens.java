package dev.kvstore.auth.control;

import dev.kvstore.auth.entity.Roles;
import dev.kvstore.auth.entity.Scope;
import dev.kvstore.auth.entity.Token;
import dev.kvstore.storage.DatabaseFailures;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The token table: issue, list and revoke (admin only), and look-up for authentication. */
@Stateless
@Interceptors(DatabaseFailures.class)
@RolesAllowed(Roles.ADMIN)
public class Tokens {

  @PersistenceContext EntityManager em;

  @Inject TokenTable table;

  /** A token just issued: the only moment its secret is known. */
  public record Issued(Token token, String secret) {}

  public Issued issue(Scope scope, Optional<String> keyPrefix, String description, Instant now) {
    table.changing();
    TokenSecrets.Parts parts = TokenSecrets.generate();
    Token token =
        new Token(
            parts.id(), TokenSecrets.sha256(parts.secret()), scope, keyPrefix, description, now);
    em.persist(token);
    em.flush();
    return new Issued(token, parts.token());
  }

  public List<Token> list() {
    return issued();
  }

  /** Revokes a token: from the next request on, it is refused (A3). */
  public void revoke(String id) {
    table.changing();
    Token token = em.find(Token.class, id);
    if (token == null) {
      throw new TokenNotFound();
    }
    em.remove(token);
    em.flush();
  }

  /**
   * Every issued token, for authentication (no caller yet): what {@link TokenTable} keeps. The
   * look-ups for authentication read without a transaction of their own (A3): on PostgreSQL, where
   * every request asks them, a transaction cost a commit's round trip per request.
   */
  @PermitAll
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Token> issued() {
    return em.createNamedQuery(Token.ALL, Token.class).getResultList();
  }

  /** The token with this id, for authentication (no caller yet). */
  @PermitAll
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<Token> find(String id) {
    return Optional.ofNullable(em.find(Token.class, id));
  }

  /** Whether any token was issued: protected mode ends with the first (A4). */
  @PermitAll
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean anyIssued() {
    return em.createNamedQuery(Token.COUNT, Long.class).getSingleResult() > 0;
  }
}
