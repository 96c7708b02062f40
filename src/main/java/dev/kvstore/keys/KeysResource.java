package dev.kvstore.keys;

import static dev.kvstore.json.JsonBodies.JSON;

import dev.kvstore.auth.boundary.Access;
import dev.kvstore.auth.entity.Roles;
import dev.kvstore.entries.entity.Entry;
import dev.kvstore.errors.InvalidRequest;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /_keys}: SCAN ({@code GET}) and delete by prefix ({@code DELETE}). */
@Path("_keys")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "listing", description = "SCAN and delete by prefix")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "apiKey")
public class KeysResource {

  static final int DEFAULT_LIMIT = 100;

  /** A page with a {@code match} looks at no more than this many rows per entry it may return. */
  private static final int ROWS_PER_ENTRY = 10;

  /** Rows per delete transaction: far below Derby's 5,000-row lock escalation. */
  private static final int DELETE_BATCH = 500;

  /** Largest page: the API's 1000, or fewer. */
  @Inject
  @ConfigProperty(name = "kv.keys.max-limit")
  int maxLimit;

  /** A page's values come to at most this many characters of JSON text, or are one value. */
  @Inject
  @ConfigProperty(name = "kv.keys.page-values-max-chars")
  long pageValuesMaxChars;

  @EJB KeyLister lister;

  @Inject Clock clock;

  @Inject Access access;

  @GET
  @Operation(
      operationId = "listKeys",
      summary = "SCAN: live keys in key order, a page at a time",
      description =
          "Follow next_cursor until it is null. A key present for the whole scan is listed"
              + " exactly once, whatever is written meanwhile. With match, a page may hold fewer"
              + " entries than limit and still have a cursor. A token with a prefix sees only its"
              + " prefix.")
  @APIResponse(
      responseCode = "200",
      description = "A page of keys.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "KeyPage")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "406", ref = "NotAcceptable")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  public String list(
      @Parameter(description = "Only keys that start with this.", example = "user:")
          @QueryParam("prefix")
          String prefix,
      @Parameter(
              description = "A Redis glob on the whole key: *, ?, [abc], [a-z], [^a], \\ escapes.",
              example = "user:*:profile")
          @QueryParam("match")
          String match,
      @Parameter(description = "The next_cursor of the page before; opaque.") @QueryParam("cursor")
          String cursor,
      @Parameter(
              description = "Entries per page, 1 to 1000 (kv.keys.max-limit can lower it).",
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "1",
                      maximum = "1000",
                      defaultValue = "100"))
          @QueryParam("limit")
          String limit,
      @Parameter(
              description =
                  "true adds each key's value. A page then ends before the value that would take"
                      + " its values beyond kv.keys.page-values-max-chars (1 MiB of JSON text;"
                      + " one value always fits), with a cursor to go on.",
              schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
          @QueryParam("values")
          String values) {
    access.require(Roles.READ);
    int max = parseLimit(limit, Math.min(maxLimit, 1000));
    boolean withValues = parseFlag("values", values);
    Optional<Glob> glob = Optional.ofNullable(match).map(Glob::parse);
    String after = cursor == null ? "" : Cursor.keyOf(cursor);
    Optional<String> narrowest =
        KeyRange.narrowest(nonNull(prefix), glob.map(Glob::literalPrefix).orElse(""))
            .flatMap(p -> KeyRange.narrowest(p, access.prefix().orElse("")));
    Instant now = clock.instant();
    List<Listed> page = new ArrayList<>();
    String position = after;
    boolean exhausted = narrowest.isEmpty();
    int rowsLeft = max * (glob.isPresent() ? ROWS_PER_ENTRY : 1);
    while (!exhausted && page.size() < max && rowsLeft > 0) {
      List<Listed> rows =
          lister.live(KeyRange.prefixed(narrowest.get()), position, now, max, withValues);
      exhausted = rows.size() < max;
      rowsLeft -= rows.size();
      for (Listed row : rows) {
        if (page.size() == max) {
          exhausted = false;
          break;
        }
        position = row.key();
        if (glob.map(g -> g.matches(row.key())).orElse(true)) {
          page.add(row);
        }
      }
    }
    String next = exhausted ? null : position;
    if (!withValues) {
      return answer(page.stream().map(key -> key.toJson(now, Optional.empty())), next);
    }
    int fitting = fittingValues(page);
    if (fitting < page.size()) {
      page = page.subList(0, fitting);
      next = page.get(fitting - 1).key();
    }
    List<Entry> entries =
        page.isEmpty() ? List.of() : lister.entries(page.stream().map(Listed::key).toList(), now);
    return answer(entries.stream().map(entry -> Listed.toJson(entry, now)), next);
  }

  /** How many of the page's first keys have values within the page's budget: at least one. */
  private int fittingValues(List<Listed> page) {
    long total = 0;
    for (int i = 0; i < page.size(); i++) {
      total += page.get(i).length();
      if (total > pageValuesMaxChars && i > 0) {
        return i;
      }
    }
    return page.size();
  }

  @DELETE
  @Operation(
      operationId = "deleteKeys",
      summary = "Delete every live key with a prefix",
      description =
          "An empty or missing prefix needs all=true. A token with a prefix deletes only within"
              + " it.")
  @APIResponse(
      responseCode = "200",
      description = "How many keys were deleted.",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "DeletedCount")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "406", ref = "NotAcceptable")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  public String deleteByPrefix(
      @Parameter(description = "Delete the keys that start with this.", example = "session:")
          @QueryParam("prefix")
          String prefix,
      @Parameter(
              description = "true with an empty prefix: delete every key.",
              schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
          @QueryParam("all")
          String all) {
    access.require(Roles.WRITE);
    if (nonNull(prefix).isEmpty() && !parseFlag("all", all)) {
      throw InvalidRequest.badRequest(
          "Deleting every key needs all=true; to delete some, give a prefix.");
    }
    Optional<String> allowed = KeyRange.narrowest(nonNull(prefix), access.prefix().orElse(""));
    Instant now = clock.instant();
    long deleted = 0;
    int batch = allowed.isPresent() ? DELETE_BATCH : 0;
    while (batch > 0) {
      batch = lister.deleteLive(KeyRange.prefixed(allowed.get()), now, DELETE_BATCH);
      deleted += batch;
    }
    return JSON.createObjectBuilder().add("deleted", deleted).build().toString();
  }

  private static String answer(Stream<String> page, String next) {
    StringJoiner entries = new StringJoiner(",", "{\"entries\":[", "]");
    page.forEach(entries::add);
    String cursor = next == null ? "null" : "\"" + Cursor.after(next) + "\"";
    return entries + ",\"next_cursor\":" + cursor + "}";
  }

  private static int parseLimit(String limit, int maxLimit) {
    if (limit == null) {
      return Math.min(DEFAULT_LIMIT, maxLimit);
    }
    try {
      int value = Integer.parseInt(limit);
      if (value >= 1 && value <= maxLimit) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw InvalidRequest.badRequest("limit must be a whole number from 1 to " + maxLimit + ".");
  }

  private static boolean parseFlag(String name, String value) {
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw InvalidRequest.badRequest(name + " must be true or false.");
  }

  private static String nonNull(String prefix) {
    return prefix == null ? "" : prefix;
  }
}
