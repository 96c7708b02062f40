package dev.kvstore.auth.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The shape of a token — {@code kv_<id>_<secret>}, a 96-bit public id and a 256-bit secret — and
 * the hashing and constant-time comparison of secrets (A1).
 */
public final class TokenSecrets {

  private static final String PREFIX = "kv_";
  private static final int ID_BYTES = 12;
  private static final int SECRET_BYTES = 32;
  private static final int ID_LENGTH = ID_BYTES * 2;
  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenSecrets() {}

  /** A token's two parts. */
  public record Parts(String id, String secret) {
    public String token() {
      return PREFIX + id + "_" + secret;
    }
  }

  /** A new random token. */
  public static Parts generate() {
    return new Parts(HexFormat.of().formatHex(random(ID_BYTES)), encode(random(SECRET_BYTES)));
  }

  /** The parts of a token in kvstore's shape; empty for anything else. */
  public static Optional<Parts> parse(String token) {
    if (!token.startsWith(PREFIX)
        || token.length() <= PREFIX.length() + ID_LENGTH + 1
        || token.charAt(PREFIX.length() + ID_LENGTH) != '_') {
      return Optional.empty();
    }
    String id = token.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
    return Optional.of(new Parts(id, token.substring(PREFIX.length() + ID_LENGTH + 1)));
  }

  /** The SHA-256 of a secret, in hex: what is stored instead of the secret. */
  public static String sha256(String secret) {
    return HexFormat.of().formatHex(digest(secret));
  }

  /** Whether a secret has the stored hash, in time that does not depend on where they differ. */
  public static boolean matches(String secret, String storedSha256) {
    return MessageDigest.isEqual(
        sha256(secret).getBytes(StandardCharsets.US_ASCII),
        storedSha256.getBytes(StandardCharsets.US_ASCII));
  }

  /** Whether two secrets are equal, in constant time (their hashes are compared). */
  public static boolean same(String given, String expected) {
    return MessageDigest.isEqual(digest(given), digest(expected));
  }

  private static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static byte[] random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return value;
  }

  private static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
