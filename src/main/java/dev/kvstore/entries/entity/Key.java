package dev.kvstore.entries.entity;

import dev.kvstore.errors.InvalidRequest;

/** The rules a key follows (E1). */
public final class Key {

  /** Characters are Unicode code points, so an emoji counts as one. */
  public static final int MAX_LENGTH = 512;

  private Key() {}

  /** The key itself when it follows E1; otherwise a 400 that says which rule it breaks. */
  public static String validate(String key) {
    return validate(key, MAX_LENGTH);
  }

  /** The same, with a lower length limit ({@code kv.key.max-length}); at most 512 all the same. */
  public static String validate(String key, int maxLength) {
    int limit = Math.min(maxLength, MAX_LENGTH);
    if (key == null || key.isEmpty()) {
      throw InvalidRequest.badRequest("The key is empty; use 1 to " + limit + " characters.");
    }
    int length = key.codePointCount(0, key.length());
    if (length > limit) {
      throw InvalidRequest.badRequest(
          "The key has " + length + " characters; the limit is " + limit + ".");
    }
    if (key.indexOf('/') >= 0) {
      throw InvalidRequest.badRequest("A key cannot contain '/'; use ':' to separate its parts.");
    }
    if (hasControlCharacter(key)) {
      throw InvalidRequest.badRequest("A key cannot contain control characters.");
    }
    if (key.charAt(0) == '_') {
      throw InvalidRequest.badRequest(
          "Keys starting with '_' are reserved for the server's own paths; rename the key.");
    }
    return key;
  }

  private static boolean hasControlCharacter(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}
