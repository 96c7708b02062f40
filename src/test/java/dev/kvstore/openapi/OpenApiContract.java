package dev.kvstore.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document as a contract that real responses are checked against: the status must be
 * one the operation lists, and the body must validate against the schema declared for it.
 */
public final class OpenApiContract {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** OpenAPI 3.0 schemas: {@code nullable}, boolean {@code exclusiveMinimum}. */
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30());

  private final JsonNode document;
  private final Map<String, JsonNode> operations = new HashMap<>();
  private final Set<String> checked = new TreeSet<>();

  public OpenApiContract(String json) {
    document = JSON.readTree(json);
    document
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        method -> {
                          String id = method.getValue().path("operationId").asString("");
                          if (!id.isEmpty()) {
                            operations.put(id, method.getValue());
                          }
                        }));
  }

  public JsonNode document() {
    return document;
  }

  /** The operationIds of the document. */
  public Set<String> operationIds() {
    return new TreeSet<>(operations.keySet());
  }

  /** The operationIds that {@link #check} has seen a response of. */
  public Set<String> checkedOperationIds() {
    return new TreeSet<>(checked);
  }

  /** Asserts that the response's status and body are what the document says of the operation. */
  public void check(String operationId, int expectedStatus, HttpResponse<String> response) {
    check(operationId, expectedStatus, response, true);
  }

  /** The same, without the body in a failure message: for answers that carry a token's secret. */
  public void checkWithoutShowingTheBody(
      String operationId, int expectedStatus, HttpResponse<String> response) {
    check(operationId, expectedStatus, response, false);
  }

  private void check(
      String operationId, int expectedStatus, HttpResponse<String> response, boolean showBody) {
    String what = operationId + " " + response.statusCode();
    assertEquals(
        expectedStatus, response.statusCode(), what + (showBody ? ": " + response.body() : ""));
    JsonNode operation = operations.get(operationId);
    assertNotNull(operation, "no operation " + operationId + " in the document");
    JsonNode documented = operation.path("responses").get(Integer.toString(response.statusCode()));
    assertNotNull(documented, what + ": the document does not list this status");
    JsonNode content = resolve(documented).path("content");
    if (content.isEmpty()) {
      assertTrue(response.body().isEmpty(), what + ": documented without a body, but has one");
    } else {
      JsonNode schema = content.path("application/json").get("schema");
      assertNotNull(schema, what + ": no application/json schema");
      assertTrue(
          response
              .headers()
              .firstValue("Content-Type")
              .orElse("")
              .toLowerCase(Locale.ROOT)
              .startsWith("application/json"),
          what + ": not sent as application/json");
      List<Error> errors = schemaOf(schema).validate(response.body(), InputFormat.JSON);
      if (!errors.isEmpty()) {
        fail(
            what
                + ": the body does not match the documented schema: "
                + errors.stream().map(Error::toString).collect(Collectors.joining("; "))
                + (showBody ? "\n" + response.body() : ""));
      }
    }
    checked.add(operationId);
  }

  /**
   * A schema document that embeds the OpenAPI components, so that {@code #/components/schemas/...}
   * references resolve inside it.
   */
  private Schema schemaOf(JsonNode schema) {
    ObjectNode root = JSON.createObjectNode();
    root.set("components", document.path("components"));
    root.putArray("allOf").add(schema);
    return SCHEMAS.getSchema(root);
  }

  /** Follows local {@code $ref}s ({@code #/components/responses/...}) to what they name. */
  public JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; current.has("$ref"); hops++) {
      String ref = current.get("$ref").asString();
      assertTrue(ref.startsWith("#/") && hops < 10, "unresolvable $ref " + ref);
      current = document.at(ref.substring(1));
      assertTrue(!current.isMissingNode(), "dangling $ref " + ref);
    }
    return current;
  }
}
