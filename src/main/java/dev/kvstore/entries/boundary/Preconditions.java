package dev.kvstore.entries.boundary;

import dev.kvstore.entries.control.Condition;
import dev.kvstore.entries.control.PreconditionFailed;
import dev.kvstore.entries.entity.Entry;
import dev.kvstore.errors.InvalidRequest;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP conditional requests (RFC 9110) on a key, evaluated by JAX-RS against the version found
 * under the row lock (E9): {@code If-None-Match: *} only if absent, {@code If-Match: *} only if
 * present, {@code If-Match: "<version>"} compare-and-set.
 *
 * <p>A header that is neither {@code *} nor a list of entity tags is a 400 before anything is read
 * or locked.
 */
public final class Preconditions {

  /** An entity tag (RFC 9110), its characters without the backslash JAX-RS reads as escape. */
  private static final Pattern TAG =
      Pattern.compile("\\s*(?:W/)?\"[\\x21\\x23-\\x5B\\x5D-\\x7E]*\"\\s*");

  private Preconditions() {}

  /**
   * The request's preconditions as a store condition; none without the headers. {@code ifMatch} and
   * {@code ifNoneMatch} are the request's header lines ({@code @HeaderParam}): JAX-RS evaluates the
   * conditions through {@code request} only when there are some.
   */
  public static Condition of(Request request, List<String> ifMatch, List<String> ifNoneMatch) {
    requireWellFormed(ifMatch, ifNoneMatch);
    if (ifMatch.isEmpty() && ifNoneMatch.isEmpty()) {
      return Condition.NONE;
    }
    return current -> {
      Response.ResponseBuilder failed =
          current.isPresent()
              ? request.evaluatePreconditions(etag(current.get()))
              : request.evaluatePreconditions();
      if (failed != null) {
        throw new PreconditionFailed(sentence(current));
      }
    };
  }

  /**
   * A read's preconditions against the entry found: the 304 to send when {@code If-None-Match}
   * names its version; a {@link PreconditionFailed} (412 with a sentence) when {@code If-Match}
   * names another; empty when the read goes on. The headers were checked by {@link
   * #requireWellFormed} before the read.
   */
  public static Optional<Response> ofRead(
      Request request, List<String> ifMatch, List<String> ifNoneMatch, Entry entry) {
    if (ifMatch.isEmpty() && ifNoneMatch.isEmpty()) {
      return Optional.empty();
    }
    Response.ResponseBuilder answer = request.evaluatePreconditions(etag(entry));
    if (answer == null) {
      return Optional.empty();
    }
    Response response = answer.build();
    if (response.getStatus() == Response.Status.PRECONDITION_FAILED.getStatusCode()) {
      throw new PreconditionFailed(sentence(Optional.of(entry)));
    }
    return Optional.of(response);
  }

  /**
   * A 400 when an {@code If-Match} or {@code If-None-Match} line is neither {@code *} nor entity
   * tags; a read calls this before it reads ({@link #of} does for a write).
   */
  public static void requireWellFormed(List<String> ifMatch, List<String> ifNoneMatch) {
    requireTagLists(HttpHeaders.IF_MATCH, ifMatch);
    requireTagLists(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
  }

  private static void requireTagLists(String name, List<String> lines) {
    for (String line : lines) {
      if (!isTagList(line)) {
        throw InvalidRequest.badRequest(
            name + " must be * or versions in quotes, separated by commas, such as \"3\".");
      }
    }
  }

  /** {@code *}, or one entity tag or more separated by commas; read tag by tag (no recursion). */
  static boolean isTagList(String value) {
    if (value.strip().equals("*")) {
      return true;
    }
    Matcher tag = TAG.matcher(value);
    int at = 0;
    while (tag.region(at, value.length()).lookingAt()) {
      at = tag.end();
      if (at == value.length()) {
        return true;
      }
      if (value.charAt(at) != ',') {
        return false;
      }
      at++;
    }
    return false;
  }

  /** The strong ETag of an entry's version. */
  public static EntityTag etag(Entry entry) {
    return new EntityTag(Long.toString(entry.version()));
  }

  /** {@link #etag} as the header's value. */
  static String etagHeader(Entry entry) {
    return "\"" + entry.version() + "\"";
  }

  private static String sentence(Optional<Entry> current) {
    return current
        .map(e -> "The key is at version " + e.version() + "; the request's precondition fails.")
        .orElse("The key does not exist; the request's precondition fails.");
  }
}
