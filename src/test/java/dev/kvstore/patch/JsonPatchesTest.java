package dev.kvstore.patch;

import static dev.kvstore.json.JsonBodies.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.entries.control.ValueConflict;
import dev.kvstore.errors.InvalidRequest;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** P1–P3: patches of a stored value. */
class JsonPatchesTest {

  private static final String MERGE = "merge-patch+json";
  private static final String PATCH = "json-patch+json";

  private static final String STORED =
      "{\"secret\":\"s3cr3t-value\",\"list\":[1,2],\"n\":{\"m\":1}}";

  private static JsonValue json(String text) {
    try (var reader = JSON.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }

  private static JsonPatches.Patch jsonPatch(String operations) {
    return JsonPatches.parse(PATCH, json(operations));
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
        jsonPatch(
            "[{\"op\":\"test\",\"path\":\"/a\",\"value\":1},"
                + "{\"op\":\"replace\",\"path\":\"/a\",\"value\":2},"
                + "{\"op\":\"add\",\"path\":\"/list/-\",\"value\":3},"
                + "{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/b\"}]");
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
        "[1]",
        // a path or from that is not a JSON Pointer, and a move into itself
        "[{\"op\":\"add\",\"path\":\"x\",\"value\":1}]",
        "[{\"op\":\"add\",\"path\":\"/~2\",\"value\":1}]",
        "[{\"op\":\"add\",\"path\":\"/a~\",\"value\":1}]",
        "[{\"op\":\"remove\",\"path\":5}]",
        "[{\"op\":\"copy\",\"from\":\"n\",\"path\":\"/x\"}]",
        "[{\"op\":\"move\",\"from\":\"/n\",\"path\":\"/n/m\"}]"
      })
  void p2AMalformedJsonPatchIsA400(String document) {
    InvalidRequest e = assertThrows(InvalidRequest.class, () -> jsonPatch(document));
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
    JsonPatches.Patch patch = jsonPatch(document);
    assertThrows(ValueConflict.class, () -> patch.applyTo("{\"a\":1}"));
  }

  @Test
  void p3AJsonPatchOfAPathInsideAScalarIsAConflict() {
    // the whole value ("path": "") may be replaced: p1TheWholeValueMayBeReplacedByAnyJsonValue
    JsonPatches.Patch patch = jsonPatch("[{\"op\":\"replace\",\"path\":\"/a\",\"value\":2}]");
    assertThrows(ValueConflict.class, () -> patch.applyTo("5"));
  }

  @Test
  void p1OperationsApplyInOrder() {
    String patched =
        jsonPatch(
                "[{\"op\":\"test\",\"path\":\"/n/m\",\"value\":1},"
                    + "{\"op\":\"add\",\"path\":\"/list/-\",\"value\":3},"
                    + "{\"op\":\"move\",\"from\":\"/n/m\",\"path\":\"/m\"},"
                    + "{\"op\":\"add\",\"path\":\"/a~1b~0c\",\"value\":true}]")
            .applyTo(STORED);
    assertEquals(
        "{\"secret\":\"s3cr3t-value\",\"list\":[1,2,3],\"n\":{},\"m\":1,\"a/b~c\":true}", patched);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "5 | [{\"op\":\"replace\",\"path\":\"\",\"value\":\"five\"}] | \"five\"",
        "{\"a\":1} | [{\"op\":\"add\",\"path\":\"\",\"value\":null}] | null",
        "\"x\" | [{\"op\":\"test\",\"path\":\"\",\"value\":\"x\"},"
            + "{\"op\":\"replace\",\"path\":\"\",\"value\":[]},"
            + "{\"op\":\"add\",\"path\":\"/-\",\"value\":1}] | [1]",
        "7 | [] | 7"
      })
  void p1TheWholeValueMayBeReplacedByAnyJsonValue(String stored, String ops, String patched) {
    assertEquals(patched, jsonPatch(ops).applyTo(stored));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[{\"op\":\"test\",\"path\":\"\",\"value\":6}]",
        "[{\"op\":\"add\",\"path\":\"/a\",\"value\":1}]",
        "[{\"op\":\"replace\",\"path\":\"\",\"value\":{}},{\"op\":\"remove\",\"path\":\"/a\"}]"
      })
  void p3OnANumberOnlyTheWholeValueCanBePatched(String operations) {
    ValueConflict conflict =
        assertThrows(ValueConflict.class, () -> jsonPatch(operations).applyTo("5"));
    assertTrue(conflict.getMessage().contains("operations["), conflict.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[{\"op\":\"remove\",\"path\":\"/nowhere/deeper\"}]",
        "[{\"op\":\"replace\",\"path\":\"/secret/x\",\"value\":1}]",
        "[{\"op\":\"add\",\"path\":\"/list/9\",\"value\":1}]",
        "[{\"op\":\"test\",\"path\":\"/secret\",\"value\":\"guess\"}]",
        "[{\"op\":\"copy\",\"from\":\"/secret/0\",\"path\":\"/x\"}]"
      })
  void p3AnOperationThatDoesNotFitIsNamedWithoutTheStoredValue(String operations) {
    ValueConflict conflict =
        assertThrows(ValueConflict.class, () -> jsonPatch(operations).applyTo(STORED));
    assertTrue(conflict.getMessage().contains("operations[0]"), conflict.getMessage());
    assertFalse(conflict.getMessage().contains("s3cr3t"), conflict.getMessage());
  }

  @Test
  void p3TheFailingOperationIsFoundAfterOnesThatApplied() {
    ValueConflict conflict =
        assertThrows(
            ValueConflict.class,
            () ->
                jsonPatch(
                        "[{\"op\":\"add\",\"path\":\"/x\",\"value\":1},"
                            + "{\"op\":\"remove\",\"path\":\"/x\"},"
                            + "{\"op\":\"remove\",\"path\":\"/x\"}]")
                    .applyTo(STORED));
    assertTrue(conflict.getMessage().contains("operations[2] (remove at \"/x\")"));
  }

  @Test
  void p2APointerOfManySlashesIsCheckedInLinearTime() {
    String path = "/".repeat(50_000) + "~2";
    assertThrows(
        InvalidRequest.class, () -> jsonPatch("[{\"op\":\"remove\",\"path\":\"" + path + "\"}]"));
  }
}
