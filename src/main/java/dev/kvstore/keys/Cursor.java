package dev.kvstore.keys;

import dev.kvstore.errors.InvalidRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A listing position: the last key a page looked at, base64url-encoded (L2). Keys are unique and
 * the listing is in key order, so "the keys after this one" stays well defined while keys are
 * written and deleted: a key present for the whole scan is neither skipped nor repeated.
 */
final class Cursor {

  private static final String VERSION = "k1:";

  private Cursor() {}

  static String after(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((VERSION + key).getBytes(StandardCharsets.UTF_8));
  }

  /** The key a cursor stands after; a 400 for a cursor this server did not give. */
  static String keyOf(String cursor) {
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(cursor);
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      if (text.startsWith(VERSION) && text.length() > VERSION.length()) {
        return text.substring(VERSION.length());
      }
    } catch (IllegalArgumentException | CharacterCodingException e) {
      // answered below
    }
    throw InvalidRequest.badRequest(
        "cursor is not one this server gave; start again without it, or use next_cursor.");
  }
}
