package dev.kvstore.patch;

import static dev.kvstore.json.JsonBodies.JSON;

import dev.kvstore.entries.control.ValueConflict;
import dev.kvstore.errors.InvalidRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Partial updates of a stored value: JSON Merge Patch and JSON Patch, by JSON-P (P1–P4). */
public final class JsonPatches {

  /** RFC 7396. */
  public static final String MERGE_PATCH = "application/merge-patch+json";

  /** RFC 6902. */
  public static final String JSON_PATCH = "application/json-patch+json";

  /** The members each RFC 6902 operation needs besides {@code op}. */
  private static final Map<String, List<String>> OPERATIONS =
      Map.of(
          "add", List.of("path", "value"),
          "remove", List.of("path"),
          "replace", List.of("path", "value"),
          "move", List.of("from", "path"),
          "copy", List.of("from", "path"),
          "test", List.of("path", "value"));

  /** The operations this class applies itself to the whole value, which may be any JSON value. */
  private static final Set<String> ON_THE_WHOLE_VALUE = Set.of("add", "replace", "test");

  private JsonPatches() {}

  /** A patch ready to apply to a stored value's JSON text. */
  @FunctionalInterface
  public interface Patch {
    /** The patched value as compact JSON text; a {@link ValueConflict} when it does not apply. */
    String applyTo(String storedJson);
  }

  /**
   * P1: reads a patch document whose media type has the given subtype ({@code merge-patch+json} or
   * {@code json-patch+json}); a 400 when it is malformed.
   */
  public static Patch parse(String subtype, JsonValue document) {
    UnaryOperator<JsonValue> patch = patch(subtype, document);
    return storedJson -> patch.apply(read(storedJson)).toString();
  }

  /** The patch operation a document stands for; a 400 when it is malformed. */
  private static UnaryOperator<JsonValue> patch(String subtype, JsonValue document) {
    if (MERGE_PATCH.endsWith("/" + subtype)) {
      return JSON.createMergePatch(document)::apply;
    }
    JsonArray operations = requireOperations(document);
    if (operations.stream().anyMatch(JsonPatches::isOnTheWholeValue)) {
      return target -> oneByOne(operations, target);
    }
    var patch = JSON.createPatch(operations);
    return target -> {
      if (target instanceof JsonStructure structure) {
        try {
          return patch.apply(structure);
        } catch (JsonException e) {
          // applied again below, to name the operation that does not apply
        }
      }
      return oneByOne(operations, target);
    };
  }

  /**
   * P3: the operations applied one at a time — when one adds, replaces or tests the whole value
   * (RFC 6902 allows any JSON value there; JSON-P only an object or an array), or to name the one
   * that does not apply without the stored value, which JSON-P's own message may quote whole.
   */
  private static JsonValue oneByOne(JsonArray operations, JsonValue target) {
    JsonValue current = target;
    for (int i = 0; i < operations.size(); i++) {
      JsonObject operation = operations.getJsonObject(i);
      if (isOnTheWholeValue(operation)) {
        JsonValue value = operation.get("value");
        if (!operation.getString("op").equals("test")) {
          current = value;
        } else if (!current.equals(value)) {
          throw conflict(i, operation);
        }
      } else {
        try {
          current =
              JSON.createPatch(JSON.createArrayBuilder().add(operation).build())
                  .apply(structure(current, i, operation));
        } catch (JsonException e) {
          throw conflict(i, operation);
        }
      }
    }
    return current;
  }

  /** Whether the operation adds, replaces or tests the whole value ({@code "path": ""}). */
  private static boolean isOnTheWholeValue(JsonValue operation) {
    JsonObject o = operation.asJsonObject();
    return o.getString("path").isEmpty() && ON_THE_WHOLE_VALUE.contains(o.getString("op"));
  }

  private static JsonStructure structure(JsonValue value, int i, JsonObject operation) {
    if (value instanceof JsonStructure structure) {
      return structure;
    }
    throw new ValueConflict(
        "The JSON Patch's "
            + which(i, operation)
            + " applies to an object or an array; the value is neither.");
  }

  private static String which(int i, JsonObject operation) {
    return "operations["
        + i
        + "] ("
        + operation.getString("op")
        + " at "
        + operation.get("path")
        + ")";
  }

  /** P3: the operation that does not apply, named without the stored value. */
  private static ValueConflict conflict(int i, JsonObject operation) {
    return new ValueConflict(
        "The JSON Patch's "
            + which(i, operation)
            + switch (operation.getString("op")) {
              case "test" -> " failed: the stored value differs.";
              case "add" ->
                  " does not apply: the stored value has no object or array there to add to (an"
                      + " index may be at most the array's length).";
              case "move", "copy" ->
                  " does not apply: the stored value has nothing at "
                      + operation.get("from")
                      + ", or no object or array at the path to put it in.";
              default -> " does not apply: the stored value has nothing there.";
            });
  }

  /** P2: an array of operations, each a known {@code op} with the members it needs. */
  private static JsonArray requireOperations(JsonValue document) {
    if (document.getValueType() != JsonValue.ValueType.ARRAY) {
      throw InvalidRequest.badRequest(
          "A JSON Patch is an array of operations such as"
              + " [{\"op\": \"replace\", \"path\": \"/a\", \"value\": 1}].");
    }
    for (JsonValue element : document.asJsonArray()) {
      requireOperation(element);
    }
    return document.asJsonArray();
  }

  private static void requireOperation(JsonValue element) {
    if (!(element instanceof JsonObject operation)
        || !(operation.get("op") instanceof JsonString op)
        || !OPERATIONS.containsKey(op.getString())) {
      throw InvalidRequest.badRequest(
          "Each JSON Patch operation is an object whose \"op\" is one of "
              + String.join(", ", OPERATIONS.keySet())
              + ".");
    }
    for (String member : OPERATIONS.get(op.getString())) {
      if (!operation.containsKey(member)) {
        throw InvalidRequest.badRequest(
            "The JSON Patch operation \"" + op.getString() + "\" needs \"" + member + "\".");
      }
      if (!member.equals("value") && !isPointer(operation.get(member))) {
        throw InvalidRequest.badRequest(
            "A JSON Patch's \""
                + member
                + "\" is a JSON Pointer such as \"/a/0\" or \"\" (the whole value), with ~0 for ~"
                + " and ~1 for /.");
      }
    }
    if (op.getString().equals("move")
        && operation.getString("path").startsWith(operation.getString("from") + "/")) {
      throw InvalidRequest.badRequest("A JSON Patch cannot move a value into itself.");
    }
  }

  /** RFC 6901: empty, or each reference token after a {@code /}, {@code ~} only as ~0 or ~1. */
  private static boolean isPointer(JsonValue value) {
    if (!(value instanceof JsonString string)) {
      return false;
    }
    String pointer = string.getString();
    if (!pointer.isEmpty() && pointer.charAt(0) != '/') {
      return false;
    }
    for (int i = pointer.indexOf('~'); i >= 0; i = pointer.indexOf('~', i + 1)) {
      if (i + 1 == pointer.length() || "01".indexOf(pointer.charAt(i + 1)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static JsonValue read(String json) {
    try (var reader = JSON.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }
}
