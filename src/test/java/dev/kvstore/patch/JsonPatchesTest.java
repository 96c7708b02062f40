package dev.kvstore.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kvstore.entries.control.ValueConflict;
import dev.kvstore.errors.InvalidRequest;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** P1–P3: patches of a stored value. */
class JsonPatchesTest {

  private static final String MERGE = "merge-patch+json";
  private static final String PATCH = "json-patch+json";

  private static JsonValue json(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }

  @Test
  void p1AMergePatchSetsReplacesAndRemovesMembers() {
    String stored = "{\"a\":1,\"b\":{\"c\":2,\"d\":3},\"n\":12345678901234567890123}";
    JsonPatches.Patch patch =
        JsonPatches.parse(MERGE, json("{\"a\":0.1,\"b\":{\"c\":null},\"e\":[]}"));
    assertEquals(
        "{\"a\":0.1,\"b\":{\"d\":3},\"n\":12345678901234567890123,\"e\":[]}",
        patch.applyTo(stored));
  }

  @Test
  void p1AMergePatchThatIsNotAnObjectReplacesTheValue() {
    assertEquals("\"x\"", JsonPatches.parse(MERGE, json("\"x\"")).applyTo("{\"a\":1}"));
  }

  @Test
  void p1AJsonPatchAppliesItsOperationsInOrder() {
    JsonPatches.Patch patch =
        JsonPatches.parse(
            PATCH,
            json(
                "[{\"op\":\"test\",\"path\":\"/a\",\"value\":1},"
                    + "{\"op\":\"replace\",\"path\":\"/a\",\"value\":2},"
                    + "{\"op\":\"add\",\"path\":\"/list/-\",\"value\":3},"
                    + "{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/b\"}]"));
    assertEquals("{\"a\":2,\"list\":[1,3],\"b\":2}", patch.applyTo("{\"a\":1,\"list\":[1]}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"op\":\"replace\"}",
        "[{\"op\":\"frobnicate\",\"path\":\"/a\"}]",
        "[{\"path\":\"/a\"}]",
        "[{\"op\":\"add\",\"path\":\"/a\"}]",
        "[{\"op\":\"move\",\"path\":\"/a\"}]",
        "[1]"
      })
  void p2AMalformedJsonPatchIsA400(String document) {
    InvalidRequest e =
        assertThrows(InvalidRequest.class, () -> JsonPatches.parse(PATCH, json(document)));
    assertEquals(400, e.status());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[{\"op\":\"test\",\"path\":\"/a\",\"value\":2}]",
        "[{\"op\":\"replace\",\"path\":\"/missing\",\"value\":2}]",
        "[{\"op\":\"remove\",\"path\":\"/x/y\"}]"
      })
  void p3AJsonPatchThatDoesNotFitIsAConflict(String document) {
    JsonPatches.Patch patch = JsonPatches.parse(PATCH, json(document));
    assertThrows(ValueConflict.class, () -> patch.applyTo("{\"a\":1}"));
  }

  @Test
  void p3AJsonPatchOfAScalarIsAConflict() {
    JsonPatches.Patch patch =
        JsonPatches.parse(PATCH, json("[{\"op\":\"replace\",\"path\":\"\",\"value\":2}]"));
    assertThrows(ValueConflict.class, () -> patch.applyTo("5"));
  }
}
