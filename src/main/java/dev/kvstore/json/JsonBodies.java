package dev.kvstore.json;

import dev.kvstore.errors.InvalidRequest;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

/** Request bodies: JSON objects, read within a byte limit (J1–J3). */
public final class JsonBodies {

  private JsonBodies() {}

  /**
   * The JSON-P provider, looked up once: each static {@code jakarta.json.Json} method looks it up
   * again, a scan of the class path under a lock.
   */
  public static final JsonProvider JSON = JsonProvider.provider();

  /**
   * Parsers for request bodies. J2: {@code {"value": 1, "value": 2}} is ambiguous, and Parsson
   * refuses it when asked to; J4: a body nested deeper than {@code maxDepth} is refused before it
   * can exhaust the stack.
   */
  public static JsonParserFactory parsers(int maxDepth) {
    return JSON.createParserFactory(
        Map.of(
            "org.eclipse.parsson.rejectDuplicateKeys",
            true,
            // Parsson refuses the level it counts to: one more lets maxDepth levels through.
            "org.eclipse.parsson.maxDepth",
            maxDepth + 1));
  }

  /**
   * The body as a JSON object; a 400 for anything else, a 413 once more than {@code maxBytes} bytes
   * have been read (J1).
   */
  public static JsonObject readObject(
      JsonParserFactory parsers, InputStream body, long maxBytes, String example) {
    JsonValue value = readValue(parsers, body, maxBytes);
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw InvalidRequest.badRequest("The body must be a JSON object such as " + example + ".");
    }
    return value.asJsonObject();
  }

  /** The body as one JSON value of any type; a 400 or 413 as for {@link #readObject}. */
  public static JsonValue readValue(JsonParserFactory parsers, InputStream body, long maxBytes) {
    return parse(parsers, readBounded(body, maxBytes));
  }

  /** The body as a JSON object, or an empty one for an empty body (all fields optional). */
  public static JsonObject readOptionalObject(
      JsonParserFactory parsers, InputStream body, long maxBytes, String example) {
    byte[] bytes = readBounded(body, maxBytes);
    if (isBlank(bytes)) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    JsonValue value = parse(parsers, bytes);
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw InvalidRequest.badRequest("The body must be a JSON object such as " + example + ".");
    }
    return value.asJsonObject();
  }

  /** A 400 naming the first field of {@code body} that is not one of {@code fields}. */
  public static void requireKnownFields(JsonObject body, List<String> fields, String what) {
    for (String field : body.keySet()) {
      if (!fields.contains(field)) {
        throw InvalidRequest.badRequest(
            "Unknown field \""
                + field
                + "\"; "
                + what
                + " takes "
                + String.join(", ", fields)
                + ".");
      }
    }
  }

  /** The value's JSON text when it is within {@code maxBytes}; a 413 otherwise (E7). */
  public static String requireValueSize(String json, long maxBytes) {
    if (utf8Length(json, maxBytes) > maxBytes) {
      throw InvalidRequest.tooLarge(
          "The value is larger than " + maxBytes + " bytes of JSON; store a smaller one.");
    }
    return json;
  }

  /** The UTF-8 size of a JSON text, counted without copying when it is small enough anyway. */
  public static long utf8Length(String text, long limit) {
    if ((long) text.length() * 3 <= limit) {
      return text.length();
    }
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static byte[] readBounded(InputStream body, long maxBytes) {
    try (InputStream in = new Bounded(body, maxBytes)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw InvalidRequest.badRequest("The body could not be read whole; send it again.");
    }
  }

  private static boolean isBlank(byte[] body) {
    return IntStream.range(0, body.length).allMatch(i -> Character.isWhitespace(body[i]));
  }

  private static JsonValue parse(JsonParserFactory parsers, byte[] body) {
    if (isBlank(body)) {
      throw InvalidRequest.badRequest("The body is empty; send a JSON object.");
    }
    try (JsonParser parser =
        parsers.createParser(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
      parser.next();
      JsonValue value = parser.getValue();
      if (parser.hasNext()) {
        throw InvalidRequest.badRequest("The body goes on after its JSON value; send one value.");
      }
      return value;
    } catch (JsonParsingException e) {
      throw InvalidRequest.badRequest("The body is not valid JSON: " + e.getMessage());
    } catch (JsonException | NoSuchElementException | IllegalStateException e) {
      throw InvalidRequest.badRequest("The body is not valid JSON: " + firstLine(e.getMessage()));
    } catch (InvalidRequest e) {
      throw e;
    } catch (RuntimeException e) {
      // Parsson's refusal of a body nested too deeply is a bare RuntimeException.
      throw InvalidRequest.badRequest(
          "The body is nested too deeply: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    return message == null ? "it is empty or cut short." : message.lines().findFirst().orElse("");
  }

  /** Stops reading with a 413 once the limit is passed, so a huge body is never read whole. */
  private static final class Bounded extends FilterInputStream {

    private final long limit;
    private long read;

    Bounded(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > limit) {
        throw InvalidRequest.tooLarge(
            "The body is larger than " + limit + " bytes; send a smaller value.");
      }
    }
  }
}
