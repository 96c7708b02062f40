package dev.kvstore.auth.entity;

import static dev.kvstore.json.JsonBodies.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * An API token: its public id, the SHA-256 of its secret (the secret itself is never stored), its
 * scope and the key prefix it is confined to, if any (A1).
 */
@Entity
@Table(name = "KV_TOKEN")
@NamedQuery(name = Token.ALL, query = "SELECT t FROM Token t ORDER BY t.createdAt, t.id")
@NamedQuery(name = Token.COUNT, query = "SELECT COUNT(t) FROM Token t")
public class Token {

  public static final String ALL = "Token.all";

  /** How many tokens are issued (protected mode, A4): prepared once, no row limit to re-prepare. */
  public static final String COUNT = "Token.count";

  @Id
  @Column(name = "TOKEN_ID")
  private String id;

  @Column(name = "SECRET_SHA256", nullable = false)
  private String secretSha256;

  @Enumerated(EnumType.STRING)
  @Column(name = "SCOPE", nullable = false)
  private Scope scope;

  @Column(name = "KEY_PREFIX")
  private String keyPrefix;

  @Column(name = "DESCRIPTION")
  private String description;

  @Column(name = "CREATED_AT", nullable = false)
  private long createdAt;

  protected Token() {}

  public Token(
      String id,
      String secretSha256,
      Scope scope,
      Optional<String> keyPrefix,
      String description,
      Instant now) {
    this.id = id;
    this.secretSha256 = secretSha256;
    this.scope = scope;
    this.keyPrefix = keyPrefix.orElse(null);
    this.description = description;
    this.createdAt = now.toEpochMilli();
  }

  public String id() {
    return id;
  }

  public String secretSha256() {
    return secretSha256;
  }

  public Scope scope() {
    return scope;
  }

  public Optional<String> keyPrefix() {
    return Optional.ofNullable(keyPrefix);
  }

  /** The token as listed: everything but its secret. */
  public JsonObject toJson() {
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("id", id)
            .add("scope", scope.label())
            .add("created_at", Instant.ofEpochMilli(createdAt).toString());
    keyPrefix().ifPresentOrElse(p -> json.add("prefix", p), () -> json.addNull("prefix"));
    return json.add("description", description == null ? "" : description).build();
  }
}
