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
    return storedJson -> {
      try {
        return patch.apply(read(storedJson)).toString();
      } catch (JsonException e) {
        throw new ValueConflict("The patch does not apply to the stored value: " + e.getMessage());
      }
    };
  }

  /** The patch operation a document stands for; a 400 when it is malformed. */
  private static UnaryOperator<JsonValue> patch(String subtype, JsonValue document) {
    if (MERGE_PATCH.endsWith("/" + subtype)) {
      return JSON.createMergePatch(document)::apply;
    }
    var patch = JSON.createPatch(requireOperations(document));
    return target -> {
      if (!(target instanceof JsonStructure structure)) {
        throw new ValueConflict(
            "A JSON Patch applies to an object or an array; the stored value is neither.");
      }
      return patch.apply(structure);
    };
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
    }
  }

  private static JsonValue read(String json) {
    try (var reader = JSON.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }
}
