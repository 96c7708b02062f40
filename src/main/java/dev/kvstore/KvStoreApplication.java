package dev.kvstore;

import dev.kvstore.auth.entity.Roles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The JAX-RS application, at the root of the context so that a key lives at {@code /{key}}.
 *
 * <p>Its OpenAPI definition holds what every operation shares: the security schemes and the error
 * responses. The data shapes, shared parameters and headers are in {@code META-INF/openapi.yaml}
 * (why: see there).
 */
@ApplicationPath("/")
@DeclareRoles({Roles.READ, Roles.WRITE, Roles.ADMIN})
@OpenAPIDefinition(
    info =
        @Info(
            title = "kvstore",
            version = "0.1.0",
            description =
                "An HTTP/JSON key-value store: any JSON value under a key, with an optional TTL,"
                    + " versions (ETags) and conditional requests, counters, listing and batches."
                    + " Every error is {\"error\": \"<a sentence saying what to fix>\"}. Send a"
                    + " token as Authorization: Bearer <token> or X-API-Key: <token>, never in the"
                    + " URL. With no token configured (protected mode) loopback clients need none"
                    + " and every other client gets 403. One trailing slash is ignored (/k/ is"
                    + " /k); HEAD is GET without a body; a method a path does not have is a 405"
                    + " whose Allow header lists those it has."),
    components =
        @Components(
            securitySchemes = {
              @SecurityScheme(
                  securitySchemeName = "bearer",
                  type = SecuritySchemeType.HTTP,
                  scheme = "bearer",
                  description = "A kvstore token: Authorization: Bearer <token>."),
              @SecurityScheme(
                  securitySchemeName = "apiKey",
                  type = SecuritySchemeType.APIKEY,
                  in = SecuritySchemeIn.HEADER,
                  apiKeyName = "X-API-Key",
                  description = "The same token in X-API-Key.")
            },
            responses = {
              @APIResponse(
                  name = "BadRequest",
                  responseCode = "400",
                  description =
                      "A bad key, a body that is not the JSON asked for, an unknown or bad field, a"
                          + " bad query parameter, or a token in the query string.",
                  content =
                      @Content(mediaType = "application/json", schema = @Schema(ref = "Error"))),
              @APIResponse(
                  name = "Unauthorized",
                  responseCode = "401",
                  description =
                      "No token (once tokens are configured), a malformed Authorization header, or"
                          + " an unknown or revoked token.",
                  headers = @Header(name = "WWW-Authenticate", ref = "WWW-Authenticate"),
                  content =
                      @Content(mediaType = "application/json", schema = @Schema(ref = "Error"))),
              @APIResponse(
                  name = "Forbidden",
                  responseCode = "403",
                  description =
                      "Beyond the token's scope or key prefix (whether or not the key exists), or"
                          + " a non-loopback client in protected mode.",
                  content =
                      @Content(mediaType = "application/json", schema = @Schema(ref = "Error"))),
              @APIResponse(
                  name = "KeyNotFound",
                  responseCode = "404",
                  description =
                      "No live key: {\"error\": \"Key not found\"}, or \"Key not found (expired)\""
                          + " when this request found it expired and removed it.",
                  content =
                      @Content(mediaType = "application/json", schema = @Schema(ref = "Error"))),
              @APIResponse(
                  name = "TokenNotFound",
                  responseCode = "404",
                  description = "No token has this id.",
                  content =
                      @Content(mediaType = "application/json", schema = @Schema(ref = "Error"))),
              @APIResponse(
                  name = "NotAcceptable",
                  responseCode = "406",
                  description = "An Accept header that excludes application/json.",
                  content =
                      @Content(mediaType = "application/json", schema = @Schema(ref = "Error"))),
              @APIResponse(
                  name = "ValueConflict",
                  responseCode = "409",
                  description =
                      "The operation does not fit the stored value: an increment of a non-number,"
                          + " a 64-bit overflow, a JSON Patch test that fails or a path that is not"
                          + " there. Nothing changed.",
                  content =
                      @Content(mediaType = "application/json", schema = @Schema(ref = "Error"))),
              @APIResponse(
                  name = "PreconditionFailed",
                  responseCode = "412",
                  description = "If-Match or If-None-Match does not hold; nothing changed.",
                  content =
                      @Content(mediaType = "application/json", schema = @Schema(ref = "Error"))),
              @APIResponse(
                  name = "TooLarge",
                  responseCode = "413",
                  description =
                      "A value over kv.value.max-bytes (1 MiB) or a body over kv.body.max-bytes"
                          + " (2 MiB).",
                  content =
                      @Content(mediaType = "application/json", schema = @Schema(ref = "Error"))),
              @APIResponse(
                  name = "UnsupportedMediaType",
                  responseCode = "415",
                  description = "A body with a Content-Type this operation does not take.",
                  content =
                      @Content(mediaType = "application/json", schema = @Schema(ref = "Error"))),
              @APIResponse(
                  name = "Unavailable",
                  responseCode = "503",
                  description =
                      "A row lock not had within kv.lock.timeout-seconds (Retry-After: 1) or the"
                          + " database unavailable (Retry-After: 5); nothing changed, retry.",
                  headers = @Header(name = "Retry-After", ref = "Retry-After"),
                  content =
                      @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
            }))
public class KvStoreApplication extends Application {

  @Override
  public Map<String, Object> getProperties() {
    return Map.of(
        // WADL would claim /application.wadl, a path that belongs to a key.
        "jersey.config.server.wadl.disableWadl", true,
        // An error status without a body must not become the servlet container's HTML page.
        "jersey.config.server.response.setStatusOverSendError", true);
  }
}
