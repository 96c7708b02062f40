package dev.kvstore.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.errors.InvalidRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** L3: Redis globs. */
class GlobTest {

  @ParameterizedTest
  @CsvSource({
    "h?llo, hello, true",
    "h?llo, hallo, true",
    "h?llo, hllo, false",
    "h*llo, hllo, true",
    "h*llo, heeeello, true",
    "h[ae]llo, hello, true",
    "h[ae]llo, hillo, false",
    "h[^e]llo, hallo, true",
    "h[^e]llo, hello, false",
    "h[!e]llo, hello, false",
    "h[a-c]llo, hbllo, true",
    "h[a-c]llo, hdllo, false",
    "user:*, user:42, true",
    "user:*, users:42, false",
    "a\\*b, a*b, true",
    "a\\*b, axb, false",
    "[\\]]x, ]x, true",
    "*.?, name.txt, false",
    "*.???, name.txt, true",
    "é?, é😀, true",
    "a.b, axb, false",
    "(x), (x), true",
    "*a*b, aab, true",
    "*a*b, aba, false",
    "a*b*c, abxbc, true",
    "a*b*c, abxbcx, false",
    "**?, x, true",
    "*?, '', false",
    "*, '', true",
    "[a-c]*[x-z], bqqqy, true",
    "[\\]-a]x, ^x, true",
    "h[^a-z]llo, hAllo, true",
    "h[^a-z]llo, hallo, false"
  })
  void l3AGlobMatchesTheWholeKeyAsRedisDoes(String glob, String key, boolean matches) {
    assertEquals(matches, Glob.parse(glob).matches(key));
  }

  @Test
  void manyStarsAgainstALongKeyDoNotBacktrackWithoutEnd() {
    Glob glob = Glob.parse("*a".repeat(40) + "*b");
    String key = "a".repeat(512);
    assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> glob.matches(key)));
    assertTrue(glob.matches(key + "b"));
  }

  @ParameterizedTest
  @CsvSource({"user:*, user:", "a\\*b*, a*b", "[ab]c, ''", "plain, plain", "x?y, x"})
  void theLiteralPrefixEndsAtTheFirstWildcard(String glob, String prefix) {
    assertEquals(prefix, Glob.parse(glob).literalPrefix());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[abc", "abc\\", "[]", "[z-a]", "x[", "[\\"})
  void l3AMalformedGlobIsA400(String glob) {
    assertEquals(400, assertThrows(InvalidRequest.class, () -> Glob.parse(glob)).status());
  }
}
