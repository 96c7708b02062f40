package dev.kvstore.json;

import dev.kvstore.errors.InvalidRequest;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/** Request bodies: JSON objects, read within a byte limit (J1–J3). */
public final class JsonBodies {

  private JsonBodies() {}

  /**
   * The JSON-P provider, looked up once: each static {@code jakarta.json.Json} method looks it up
   * again, a scan of the class path under a lock.
   */
  public static final JsonProvider JSON = JsonProvider.provider();

  private static final JsonGeneratorFactory GENERATORS = JSON.createGeneratorFactory(Map.of());

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
    return parseObject(parsers, readBounded(body, maxBytes), example);
  }

  /** Bytes read by {@link #readBytes} as a JSON object; a 400 as for {@link #readObject}. */
  public static JsonObject parseObject(JsonParserFactory parsers, byte[] body, String example) {
    JsonValue value = parse(parsers, body);
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw InvalidRequest.badRequest("The body must be a JSON object such as " + example + ".");
    }
    return value.asJsonObject();
  }

  /**
   * A JSON object body whose field {@code field} is copied to compact text as it is parsed, never
   * built as a tree, so that a large value costs about its own size in memory: the text is the same
   * as {@code JsonValue.toString()} of the parsed value (J3), and its objects refuse repeated names
   * (J2). A 400 or 413 as for {@link #readObject}.
   */
  public static ObjectWithText readObjectWithText(
      JsonParserFactory parsers, InputStream body, long maxBytes, String example, String field) {
    byte[] bytes = readBounded(body, maxBytes);
    return guarded(parsers, bytes, parser -> copyObject(parser, example, field));
  }

  /**
   * A body read by {@link #readObjectWithText}.
   *
   * @param fields every field but the copied one
   * @param text the copied field's JSON text, if the body has that field
   */
  public record ObjectWithText(JsonObject fields, Optional<String> text) {}

  /** The body's bytes, unparsed; a 413 once more than {@code maxBytes} have been read. */
  public static byte[] readBytes(InputStream body, long maxBytes) {
    return readBounded(body, maxBytes);
  }

  /** Bytes read by {@link #readBytes} as one JSON value of any type; a 400 as for a body. */
  public static JsonValue parseValue(JsonParserFactory parsers, byte[] body) {
    return parse(parsers, body);
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
    return guarded(
        parsers,
        body,
        parser -> {
          parser.next();
          return parser.getValue();
        });
  }

  /** Runs {@code read} on a parser of the whole body; a 400 for any way the body is not JSON. */
  private static <T> T guarded(
      JsonParserFactory parsers, byte[] body, Function<JsonParser, T> read) {
    if (isBlank(body)) {
      throw InvalidRequest.badRequest("The body is empty; send a JSON object.");
    }
    requireWholeCharacters(body);
    try (JsonParser parser = parsers.createParser(strictUtf8(body))) {
      T value = read.apply(parser);
      if (parser.hasNext()) {
        throw InvalidRequest.badRequest("The body goes on after its JSON value; send one value.");
      }
      return value;
    } catch (JsonParsingException e) {
      throw InvalidRequest.badRequest("The body is not valid JSON: " + e.getMessage());
    } catch (JsonException e) {
      if (e.getCause() instanceof CharacterCodingException) {
        throw InvalidRequest.badRequest("The body is not valid UTF-8; send JSON in UTF-8.");
      }
      throw InvalidRequest.badRequest("The body is not valid JSON: " + firstLine(e.getMessage()));
    } catch (NoSuchElementException | IllegalStateException e) {
      throw InvalidRequest.badRequest("The body is not valid JSON: " + firstLine(e.getMessage()));
    } catch (InvalidRequest e) {
      throw e;
    } catch (RuntimeException e) {
      // Parsson's refusal of a body nested too deeply is a bare RuntimeException.
      throw InvalidRequest.badRequest(
          "The body is nested too deeply: " + firstLine(e.getMessage()));
    }
  }

  /**
   * J7: the body decoded as UTF-8 that refuses a malformed byte sequence instead of replacing it.
   */
  private static Reader strictUtf8(byte[] body) {
    return new InputStreamReader(
        new ByteArrayInputStream(body),
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  /**
   * J7: a 400 for a {@code \\u} escape of half a UTF-16 surrogate pair without its other half
   * ({@code "\\ud800"}): no character, so it could not be stored and given back as sent.
   */
  static void requireWholeCharacters(byte[] body) {
    for (int i = 0; i < body.length; i++) {
      if (body[i] != '\\') {
        continue;
      }
      int unit = escapedUnit(body, i);
      if (unit < 0) { // another escape: its second byte is not the start of one
        i++;
        continue;
      }
      if (Character.isLowSurrogate((char) unit)) {
        throw loneSurrogate();
      }
      if (Character.isHighSurrogate((char) unit)) {
        int low = escapedUnit(body, i + 6);
        if (low < 0 || !Character.isLowSurrogate((char) low)) {
          throw loneSurrogate();
        }
        i += 6;
      }
      i += 5;
    }
  }

  /** The UTF-16 unit of the {@code \\uXXXX} escape at {@code at}, or -1 when there is none. */
  private static int escapedUnit(byte[] body, int at) {
    if (at + 5 >= body.length || body[at] != '\\' || body[at + 1] != 'u') {
      return -1;
    }
    int unit = 0;
    for (int k = at + 2; k < at + 6; k++) {
      int digit = Character.digit(body[k], 16);
      if (digit < 0) {
        return -1;
      }
      unit = unit * 16 + digit;
    }
    return unit;
  }

  private static InvalidRequest loneSurrogate() {
    return InvalidRequest.badRequest(
        "The body is not valid JSON: a \\u escape of half a surrogate pair (\\ud800 to"
            + " \\udfff) needs its other half right after it.");
  }

  private static ObjectWithText copyObject(JsonParser parser, String example, String field) {
    if (parser.next() != Event.START_OBJECT) {
      throw InvalidRequest.badRequest("The body must be a JSON object such as " + example + ".");
    }
    JsonObjectBuilder fields = JSON.createObjectBuilder();
    Set<String> names = new HashSet<>();
    String text = null;
    for (Event event = parser.next(); event == Event.KEY_NAME; event = parser.next()) {
      String name = parser.getString();
      requireFirst(names, name, parser);
      if (name.equals(field)) {
        text = copyValue(parser);
      } else {
        parser.next();
        fields.add(name, parser.getValue());
      }
    }
    return new ObjectWithText(fields.build(), Optional.ofNullable(text));
  }

  /**
   * The next value's compact text. A scalar is its parsed value's own text; an array or object is
   * written by the generator that writes a parsed tree, event by event.
   */
  private static String copyValue(JsonParser parser) {
    Event first = parser.next();
    if (first != Event.START_ARRAY && first != Event.START_OBJECT) {
      return parser.getValue().toString();
    }
    StringWriter text = new StringWriter();
    try (JsonGenerator out = GENERATORS.createGenerator(text)) {
      Deque<Set<String>> names = new ArrayDeque<>();
      for (Event event = first; ; event = parser.next()) {
        switch (event) {
          case START_OBJECT -> {
            out.writeStartObject();
            names.push(new HashSet<>());
          }
          case START_ARRAY -> {
            out.writeStartArray();
            names.push(Set.of());
          }
          case END_OBJECT, END_ARRAY -> {
            out.writeEnd();
            names.pop();
          }
          case KEY_NAME -> {
            String name = parser.getString();
            requireFirst(names.peek(), name, parser);
            out.writeKey(name);
          }
          default -> out.write(parser.getValue());
        }
        if (names.isEmpty()) {
          break;
        }
      }
    }
    return text.toString();
  }

  /** J2: a name repeated within one object is a 400, as the parser's object builder has it. */
  private static void requireFirst(Set<String> names, String name, JsonParser parser) {
    if (!names.add(name)) {
      JsonLocation at = parser.getLocation();
      throw InvalidRequest.badRequest(
          "The body is not valid JSON: the name \""
              + name
              + "\" appears twice in one object (line "
              + at.getLineNumber()
              + ", column "
              + at.getColumnNumber()
              + ").");
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
