package dev.kvstore.keys;

import dev.kvstore.errors.InvalidRequest;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Redis glob ({@code SCAN ... MATCH}): {@code *} any run of characters, {@code ?} one character,
 * {@code [abc]}, {@code [a-z]} and {@code [^abc]} one of (or none of) a set, {@code \} takes the
 * next character literally (L3).
 */
final class Glob {

  private final Pattern pattern;
  private final String literalPrefix;

  private Glob(Pattern pattern, String literalPrefix) {
    this.pattern = pattern;
    this.literalPrefix = literalPrefix;
  }

  /** The glob, or a 400 that says what is wrong with it. */
  static Glob parse(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder prefix = new StringBuilder();
    boolean inPrefix = true;
    int i = 0;
    while (i < glob.length()) {
      int c = glob.codePointAt(i);
      i += Character.charCount(c);
      if (c == '*' || c == '?') {
        regex.append(c == '*' ? ".*" : ".");
        inPrefix = false;
      } else if (c == '[') {
        i = appendSet(glob, i, regex);
        inPrefix = false;
      } else {
        if (c == '\\') {
          c = escaped(glob, i);
          i += Character.charCount(c);
        }
        regex.append(literal(c));
        if (inPrefix) {
          prefix.appendCodePoint(c);
        }
      }
    }
    try {
      return new Glob(Pattern.compile(regex.toString(), Pattern.DOTALL), prefix.toString());
    } catch (PatternSyntaxException e) {
      throw bad("a range in [ ] runs backwards");
    }
  }

  boolean matches(String key) {
    return pattern.matcher(key).matches();
  }

  /** The characters every match starts with: the glob up to its first wildcard. */
  String literalPrefix() {
    return literalPrefix;
  }

  /**
   * Appends the set that starts after the {@code [} at {@code from}; returns the index after it.
   */
  private static int appendSet(String glob, int from, StringBuilder regex) {
    int i = from;
    regex.append('[');
    if (i < glob.length() && (glob.charAt(i) == '^' || glob.charAt(i) == '!')) {
      regex.append('^');
      i++;
    }
    boolean empty = true;
    while (true) {
      if (i >= glob.length()) {
        throw bad("a [ has no closing ]");
      }
      int c = glob.codePointAt(i);
      i += Character.charCount(c);
      if (c == ']') {
        break;
      }
      if (c == '\\') {
        c = escaped(glob, i);
        i += Character.charCount(c);
      } else if (c == '-' && !empty && i < glob.length() && glob.charAt(i) != ']') {
        regex.append('-');
        continue;
      }
      regex.append(literal(c));
      empty = false;
    }
    if (empty) {
      throw bad("[] holds no character");
    }
    regex.append(']');
    return i;
  }

  private static int escaped(String glob, int at) {
    if (at >= glob.length()) {
      throw bad("it ends with a lone \\");
    }
    return glob.codePointAt(at);
  }

  private static String literal(int codePoint) {
    return "\\x{" + Integer.toHexString(codePoint) + "}";
  }

  private static InvalidRequest bad(String why) {
    return InvalidRequest.badRequest("match is not a valid glob: " + why + ".");
  }
}
