package dev.kvstore.openapi;

import static dev.kvstore.it.Http.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.KvStoreApplication;
import dev.kvstore.auth.boundary.TokensResource;
import dev.kvstore.batch.BatchResource;
import dev.kvstore.counters.CountersResource;
import dev.kvstore.entries.boundary.EntriesResource;
import dev.kvstore.info.InfoResource;
import dev.kvstore.it.Deployments;
import dev.kvstore.it.Http;
import dev.kvstore.it.TestControl;
import dev.kvstore.keys.KeysResource;
import dev.kvstore.ttl.TtlResource;
import jakarta.json.JsonObject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document at {@code /_openapi} against the server: every route the JAX-RS resources
 * answer is documented and nothing else is, and real answers — successes and errors — have a status
 * the document lists and a body its schema accepts.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiIT {

  /**
   * The application's resource classes. A new one must be added here, and so documented: {@link
   * #theResourceListIsEveryPathClassOfTheApplication} fails until it is.
   */
  private static final List<Class<?>> RESOURCES =
      List.of(
          EntriesResource.class,
          CountersResource.class,
          TtlResource.class,
          KeysResource.class,
          BatchResource.class,
          InfoResource.class,
          TokensResource.class);

  /** A JAX-RS template parameter with a regular expression: {@code {direction: incr|decr}}. */
  private static final Pattern REGEX_PARAMETER = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*:[^}]*}");

  private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.kvstore();
  }

  @ArquillianResource URL base;

  private Http http() {
    return new Http(base);
  }

  /** The server's root, where Payara serves {@code /_openapi} whatever the context root. */
  private Http server() {
    return new Http("http://127.0.0.1:" + base.getPort() + "/");
  }

  private OpenApiContract contract() {
    HttpResponse<String> document = server().get("_openapi?format=JSON");
    assertEquals(200, document.statusCode(), document.body());
    return new OpenApiContract(document.body());
  }

  @Test
  void theDocumentIsServedAsJsonWithTheApplicationsInfoAndServer() {
    HttpResponse<String> byAccept =
        server().send("GET", "_openapi", null, null, "Accept", "application/json");
    assertEquals(200, byAccept.statusCode());
    assertTrue(byAccept.body().startsWith("{"), "JSON when Accept asks for it");
    JsonNode document = contract().document();
    assertTrue(document.path("openapi").asString().startsWith("3."));
    assertEquals("kvstore", document.path("info").path("title").asString());
    String contextRoot = base.getPath().replaceAll("/$", "");
    assertTrue(
        document.path("servers").path(0).path("url").asString().endsWith(contextRoot),
        "the server URL ends with the context root " + contextRoot);
    JsonNode schemes = document.path("components").path("securitySchemes");
    assertEquals("bearer", schemes.path("bearer").path("scheme").asString());
    assertEquals("X-API-Key", schemes.path("apiKey").path("name").asString());
    assertEquals("header", schemes.path("apiKey").path("in").asString());
  }

  @Test
  void theResourceListIsEveryPathClassOfTheApplication() throws Exception {
    java.nio.file.Path classes =
        java.nio.file.Path.of(
            KvStoreApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertTrue(Files.isDirectory(classes), classes + " is the application's class directory");
    Set<String> found = new TreeSet<>();
    try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
      for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString().replace(".class", "").replace('/', '.');
        Class<?> type = Class.forName(name, false, getClass().getClassLoader());
        if (type.isAnnotationPresent(Path.class)) {
          found.add(type.getName());
        }
      }
    }
    assertEquals(
        RESOURCES.stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new)),
        found);
  }

  @Test
  void everyRouteTheServerAnswersIsDocumentedAndNoOther() {
    Set<String> answered = new TreeSet<>();
    RESOURCES.forEach(resource -> answered.addAll(routes(resource)));
    assertEquals(answered, documentedRoutes(contract().document()));
  }

  @Test
  void theTestOnlyResourceIsHidden() {
    Set<String> documented = documentedRoutes(contract().document());
    for (String route : routes(TestControl.class)) {
      assertTrue(!documented.contains(route), route + " is test support, not API");
    }
  }

  @Test
  void everyOperationHasAUniqueIdAndDeclaresItsPathParametersAndSecurity() {
    OpenApiContract contract = contract();
    Map<String, String> ids = new TreeMap<>();
    contract
        .document()
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        method -> {
                          JsonNode operation = method.getValue();
                          String route =
                              method.getKey().toUpperCase(Locale.ROOT)
                                  + " "
                                  + normalised(path.getKey());
                          String id = operation.path("operationId").asString("");
                          assertTrue(id.matches("[a-z][A-Za-z]+"), route + ": operationId " + id);
                          assertEquals(null, ids.put(id, route), "operationId " + id + " twice");
                          assertEquals(
                              templateParameters(path.getKey()),
                              pathParameters(contract, operation, route),
                              route + ": the path parameters declared");
                          Set<String> schemes = new HashSet<>();
                          operation
                              .path("security")
                              .forEach(
                                  requirement -> requirement.propertyNames().forEach(schemes::add));
                          assertEquals(Set.of("bearer", "apiKey"), schemes, route + ": security");
                        }));
    // Metric labels elsewhere depend on these exact names.
    assertEquals("GET /{key}", ids.get("getEntry"));
    assertEquals("POST /{key}", ids.get("setEntry"));
    assertEquals("PUT /{key}", ids.get("putEntry"));
    assertEquals("PATCH /{key}", ids.get("patchEntry"));
    assertEquals("DELETE /{key}", ids.get("deleteEntry"));
  }

  @Test
  void realAnswersOfEveryOperationMatchTheDocument() {
    OpenApiContract contract = contract();
    Http http = http();
    String key = uniqueKey("openapi");
    String json = "application/json";

    // one key: SET, GET, conditional requests, PATCH, DELETE
    contract.check("setEntry", 201, http.post(key + "/", "{\"value\": {\"a\": [1, 0.1, null]}}"));
    contract.check("setEntry", 200, http.post(key, "{\"value\": \"text\", \"ttl\": 60}"));
    contract.check("putEntry", 200, http.put(key, "{\"value\": {\"level\": 3}}"));
    contract.check("putEntry", 201, http.put(uniqueKey("openapi"), "{\"value\": null}"));
    contract.check("setEntry", 400, http.post("_reserved", "{\"value\": 1}"));
    contract.check("setEntry", 400, http.post(key, "{\"value\": 1, \"tll\": 5}"));
    contract.check("setEntry", 415, http.send("POST", key, "{\"value\": 1}", "text/plain"));
    contract.check(
        "putEntry", 412, http.send("PUT", key, "{\"value\": 1}", json, "If-None-Match", "*"));
    contract.check(
        "putEntry",
        413,
        http.put(uniqueKey("openapi"), "{\"value\": \"" + "x".repeat(1024 * 1024) + "\"}"));

    HttpResponse<String> read = http.get(key);
    contract.check("getEntry", 200, read);
    String etag = read.headers().firstValue("ETag").orElseThrow();
    contract.check("getEntry", 304, http.send("GET", key, null, null, "If-None-Match", etag));
    contract.check("getEntry", 404, http.get(uniqueKey("missing")));
    contract.check("getEntry", 400, http.get(key + "?token=not-here"));
    contract.check("getEntry", 401, http.bearer("kv_unknown_token").get(key));
    contract.check("getEntry", 406, http.send("GET", key, null, null, "Accept", "text/html"));

    contract.check(
        "patchEntry",
        200,
        http.send(
            "PATCH", key, "{\"level\": 4, \"mode\": \"fast\"}", "application/merge-patch+json"));
    contract.check(
        "patchEntry",
        409,
        http.send(
            "PATCH",
            key,
            "[{\"op\": \"test\", \"path\": \"/level\", \"value\": 3}]",
            "application/json-patch+json"));
    contract.check("patchEntry", 415, http.send("PATCH", key, "{\"level\": 5}", json));
    contract.check(
        "patchEntry",
        412,
        http.send(
            "PATCH", key, "{\"level\": 5}", "application/merge-patch+json", "If-Match", "\"1\""));
    contract.check(
        "patchEntry",
        404,
        http.send("PATCH", uniqueKey("missing"), "{}", "application/merge-patch+json"));

    // counters
    String counter = uniqueKey("openapi-counter");
    contract.check("countEntry", 200, http.post(counter + "/incr", null));
    contract.check("countEntry", 200, http.post(counter + "/decr", "{\"by\": 0.5, \"ttl\": 60}"));
    contract.check("countEntry", 400, http.post(counter + "/incr", "{\"by\": \"one\"}"));
    contract.check("countEntry", 409, http.post(key + "/incr", "{}"));

    // TTL commands
    contract.check("getTtl", 200, http.get(key + "/ttl"));
    contract.check("getTtl", 404, http.get(uniqueKey("missing") + "/ttl"));
    contract.check("expireEntry", 200, http.put(key + "/ttl", "{\"ttl\": 3600}"));
    contract.check("expireEntry", 400, http.put(key + "/ttl", "{}"));
    contract.check("expireEntry", 404, http.put(uniqueKey("missing") + "/ttl", "{\"ttl\": 1}"));
    contract.check("persistEntry", 200, http.delete(key + "/ttl"));
    contract.check("persistEntry", 404, http.delete(uniqueKey("missing") + "/ttl"));

    // many keys
    String prefix = uniqueKey("openapi-list") + ":";
    http.put(prefix + "a", "{\"value\": 1}");
    http.put(prefix + "b", "{\"value\": [true]}");
    HttpResponse<String> page = http.get("_keys?limit=1&values=true&prefix=" + prefix);
    contract.check("listKeys", 200, page);
    String cursor = Http.json(page).getString("next_cursor");
    contract.check("listKeys", 200, http.get("_keys?prefix=" + prefix + "&cursor=" + cursor));
    contract.check("listKeys", 400, http.get("_keys?limit=0"));
    contract.check("deleteKeys", 200, http.delete("_keys?prefix=" + prefix));
    contract.check("deleteKeys", 400, http.delete("_keys"));

    String text = uniqueKey("openapi-text");
    http.put(text, "{\"value\": \"not a number\"}");
    String other = uniqueKey("openapi-batch");
    contract.check(
        "runBatch",
        200,
        http.post(
            "_batch",
            "{\"ops\": [{\"op\": \"set\", \"key\": \""
                + other
                + "\", \"value\": 1, \"ttl\": 60}, {\"op\": \"incr\", \"key\": \""
                + other
                + "\"}, {\"op\": \"get\", \"key\": \""
                + other
                + "\"}, {\"op\": \"delete\", \"key\": \""
                + uniqueKey("missing")
                + "\"}]}"));
    contract.check(
        "runBatch",
        200,
        http.post(
            "_batch",
            "{\"atomic\": false, \"ops\": [{\"op\": \"incr\", \"key\": \""
                + text
                + "\"}, {\"op\": \"expire\", \"key\": \""
                + other
                + "\", \"ttl\": 5}, {\"op\": \"persist\", \"key\": \""
                + other
                + "\"}]}"));
    contract.check(
        "runBatch",
        409,
        http.post(
            "_batch",
            "{\"ops\": [{\"op\": \"incr\", \"key\": \""
                + other
                + "\"}, {\"op\": \"incr\", \"key\": \""
                + text
                + "\"}, {\"op\": \"set\", \"key\": \"~"
                + text
                + "\", \"value\": 1}]}"));
    contract.check("runBatch", 400, http.post("_batch", "{\"ops\": [{\"op\": \"rename\"}]}"));

    contract.check("deleteEntry", 412, http.send("DELETE", key, null, null, "If-Match", "\"1\""));
    contract.check("deleteEntry", 200, http.delete(key));
    contract.check("deleteEntry", 404, http.delete(key));

    // server and tokens, as far as protected mode allows without issuing one
    contract.check("getInfo", 200, http.get("_info"));
    contract.check("listTokens", 200, http.get("_tokens"));
    contract.check("issueToken", 400, http.post("_tokens", "{\"scope\": \"root\"}"));
    contract.check("revokeToken", 404, http.delete("_tokens/no-such-token"));

    assertEquals(contract.operationIds(), contract.checkedOperationIds(), "operations exercised");
  }

  @Test
  void aLockTimeoutIsTheDocumented503() {
    OpenApiContract contract = contract();
    Http http = http();
    String key = uniqueKey("openapi-locked");
    contract.check("putEntry", 201, http.put(key, "{\"value\": 1}"));
    http.holdLock(key, 4000);
    HttpResponse<String> locked = http.put(key, "{\"value\": 2}");
    contract.check("putEntry", 503, locked);
    assertEquals("1", locked.headers().firstValue("Retry-After").orElse(""));
  }

  /**
   * Issuing a token ends protected mode for the whole server, so this test issues an admin token
   * and revokes it (and with it every token) before it ends, whatever happens in between.
   */
  @Test
  void tokensAndTheirRefusalsMatchTheDocument() {
    OpenApiContract contract = contract();
    Http http = http();
    HttpResponse<String> issued =
        http.post("_tokens", "{\"scope\": \"admin\", \"description\": \"OpenApiIT\"}");
    contract.checkWithoutShowingTheBody("issueToken", 201, issued);
    JsonObject adminToken = Http.json(issued);
    Http admin = http.bearer(adminToken.getString("token"));
    try {
      HttpResponse<String> reader =
          admin.post("_tokens", "{\"scope\": \"read\", \"prefix\": \"openapi:\"}");
      contract.checkWithoutShowingTheBody("issueToken", 201, reader);
      JsonObject readToken = Http.json(reader);
      Http asReader = http.bearer(readToken.getString("token"));
      contract.check("putEntry", 403, asReader.put(uniqueKey("openapi"), "{\"value\": 1}"));
      contract.check("getInfo", 403, asReader.get("_info"));
      contract.check("getEntry", 401, http.get(uniqueKey("openapi")));
      contract.check("listTokens", 200, admin.get("_tokens"));
      contract.check("revokeToken", 200, admin.delete("_tokens/" + readToken.getString("id")));
    } finally {
      assertEquals(
          200, admin.delete("_tokens/" + adminToken.getString("id")).statusCode(), "revoked");
    }
    assertEquals(200, http.get("_tokens").statusCode(), "protected mode again");
  }

  /** The routes of a resource class: {@code "METHOD /template"} for each resource method. */
  private static Set<String> routes(Class<?> resource) {
    String root = resource.getAnnotation(Path.class).value();
    Set<String> routes = new TreeSet<>();
    for (Method method : resource.getMethods()) {
      httpMethod(method)
          .ifPresent(
              verb -> {
                Path sub = method.getAnnotation(Path.class);
                routes.add(verb + " " + template(root, sub == null ? "" : sub.value()));
              });
    }
    assertTrue(!routes.isEmpty(), resource + " answers nothing");
    return routes;
  }

  private static Optional<String> httpMethod(Method method) {
    return Arrays.stream(method.getAnnotations())
        .map(Annotation::annotationType)
        .map(type -> type.getAnnotation(HttpMethod.class))
        .filter(verb -> verb != null)
        .map(HttpMethod::value)
        .findFirst();
  }

  private static String template(String... parts) {
    return normalised(
        "/"
            + Arrays.stream(parts)
                .map(part -> part.replaceAll("^/+|/+$", ""))
                .filter(part -> !part.isEmpty())
                .collect(Collectors.joining("/")));
  }

  /** {@code /{key}/{direction: incr|decr}} as OpenAPI writes it: {@code /{key}/{direction}}. */
  private static String normalised(String template) {
    return REGEX_PARAMETER.matcher(template).replaceAll("{$1}");
  }

  private static Set<String> documentedRoutes(JsonNode document) {
    Set<String> routes = new TreeSet<>();
    document
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .propertyNames()
                    .forEach(
                        verb ->
                            routes.add(
                                verb.toUpperCase(Locale.ROOT) + " " + normalised(path.getKey()))));
    return routes;
  }

  private static Set<String> templateParameters(String template) {
    Set<String> names = new TreeSet<>();
    Matcher parameter = PARAMETER.matcher(normalised(template));
    while (parameter.find()) {
      names.add(parameter.group(1));
    }
    return names;
  }

  private static Set<String> pathParameters(
      OpenApiContract contract, JsonNode operation, String route) {
    Set<String> names = new TreeSet<>();
    for (JsonNode parameter : operation.path("parameters")) {
      JsonNode resolved = contract.resolve(parameter);
      if (resolved.path("in").asString().equals("path")) {
        assertTrue(resolved.path("required").asBoolean(), route + ": a path parameter is required");
        names.add(resolved.path("name").asString());
      }
    }
    return names;
  }
}
