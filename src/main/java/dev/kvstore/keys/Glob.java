package dev.kvstore.keys;

import dev.kvstore.errors.InvalidRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis glob ({@code SCAN ... MATCH}): {@code *} any run of characters, {@code ?} one character,
 * {@code [abc]}, {@code [a-z]} and {@code [^abc]} one of (or none of) a set, {@code \} takes the
 * next character literally (L3).
 *
 * <p>Matched by walking the key and the glob together, going back only to the last {@code *}: at
 * most (key length × glob length) steps, whatever the glob. A regular expression would backtrack
 * through every {@code *} ({@code *a*a*a*a*b} against a long run of {@code a}s takes exponential
 * time).
 */
final class Glob {

  /** One character of the key ({@link #matches}), or any run of them ({@link Wildcard#ANY_RUN}). */
  private interface Step {
    boolean matches(int codePoint);
  }

  /** {@code ?} and {@code *}. */
  private enum Wildcard implements Step {
    ANY_ONE,
    ANY_RUN;

    @Override
    public boolean matches(int c) {
      return true;
    }
  }

  private record Literal(int codePoint) implements Step {
    @Override
    public boolean matches(int c) {
      return c == codePoint;
    }
  }

  /** {@code [...]}: ranges as pairs of code points, lowest and highest. */
  private record OneOf(int[] ranges, boolean negated) implements Step {
    @Override
    public boolean matches(int c) {
      for (int i = 0; i < ranges.length; i += 2) {
        if (c >= ranges[i] && c <= ranges[i + 1]) {
          return !negated;
        }
      }
      return negated;
    }
  }

  private final Step[] steps;
  private final String literalPrefix;

  private Glob(Step[] steps, String literalPrefix) {
    this.steps = steps;
    this.literalPrefix = literalPrefix;
  }

  /** The glob, or a 400 that says what is wrong with it. */
  static Glob parse(String glob) {
    List<Step> steps = new ArrayList<>();
    StringBuilder prefix = new StringBuilder();
    boolean inPrefix = true;
    int i = 0;
    while (i < glob.length()) {
      int c = glob.codePointAt(i);
      i += Character.charCount(c);
      if (c == '*' || c == '?') {
        steps.add(c == '*' ? Wildcard.ANY_RUN : Wildcard.ANY_ONE);
        inPrefix = false;
      } else if (c == '[') {
        List<Integer> ranges = new ArrayList<>();
        boolean negated = i < glob.length() && (glob.charAt(i) == '^' || glob.charAt(i) == '!');
        i = readSet(glob, negated ? i + 1 : i, ranges);
        steps.add(new OneOf(ranges.stream().mapToInt(Integer::intValue).toArray(), negated));
        inPrefix = false;
      } else {
        if (c == '\\') {
          c = escaped(glob, i);
          i += Character.charCount(c);
        }
        steps.add(new Literal(c));
        if (inPrefix) {
          prefix.appendCodePoint(c);
        }
      }
    }
    return new Glob(steps.toArray(Step[]::new), prefix.toString());
  }

  boolean matches(String key) {
    int[] chars = key.codePoints().toArray();
    int step = 0;
    int at = 0;
    int lastRun = -1; // the last * met, and where in the key its run now ends
    int runEnd = 0;
    while (at < chars.length) {
      if (step < steps.length && steps[step] == Wildcard.ANY_RUN) {
        lastRun = step++;
        runEnd = at;
      } else if (step < steps.length && steps[step].matches(chars[at])) {
        step++;
        at++;
      } else if (lastRun >= 0) { // let the last * take one character more, and go on after it
        step = lastRun + 1;
        at = ++runEnd;
      } else {
        return false;
      }
    }
    while (step < steps.length && steps[step] == Wildcard.ANY_RUN) {
      step++;
    }
    return step == steps.length;
  }

  /** The characters every match starts with: the glob up to its first wildcard. */
  String literalPrefix() {
    return literalPrefix;
  }

  /**
   * Reads the set that starts at {@code from} (after {@code [} and any {@code ^}) up to {@code ]}.
   */
  private static int readSet(String glob, int from, List<Integer> ranges) {
    int i = from;
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
      } else if (c == '-' && !ranges.isEmpty() && i < glob.length() && glob.charAt(i) != ']') {
        int high = glob.codePointAt(i);
        i += Character.charCount(high);
        if (high == '\\') {
          high = escaped(glob, i);
          i += Character.charCount(high);
        }
        if (high < ranges.get(ranges.size() - 1)) {
          throw bad("a range in [ ] runs backwards");
        }
        ranges.set(ranges.size() - 1, high);
        continue;
      }
      ranges.add(c);
      ranges.add(c);
    }
    if (ranges.isEmpty()) {
      throw bad("[] holds no character");
    }
    return i;
  }

  private static int escaped(String glob, int at) {
    if (at >= glob.length()) {
      throw bad("it ends with a lone \\");
    }
    return glob.codePointAt(at);
  }

  private static InvalidRequest bad(String why) {
    return InvalidRequest.badRequest("match is not a valid glob: " + why + ".");
  }
}
