package dev.kvstore.auth.boundary;

import static dev.kvstore.json.JsonBodies.JSON;

import dev.kvstore.auth.control.Tokens;
import dev.kvstore.auth.entity.Roles;
import dev.kvstore.auth.entity.Scope;
import dev.kvstore.auth.entity.Token;
import dev.kvstore.errors.InvalidRequest;
import dev.kvstore.json.JsonBodies;
import dev.kvstore.json.RequestBodies;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /_tokens}: issue ({@code POST}), list ({@code GET}) and revoke ({@code DELETE /{id}}). */
@Path("_tokens")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tokens", description = "API tokens (admin scope)")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "apiKey")
public class TokensResource {

  private static final String EXAMPLE = "{\"scope\": \"read\", \"prefix\": \"app:\"}";

  @EJB Tokens tokens;

  @Inject RequestBodies bodies;

  @Inject Clock clock;

  @Inject Access access;

  /** A2: the secret is in this answer and nowhere else, ever. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "issueToken",
      summary = "Issue a token (admin)",
      description =
          "The secret is in this answer only: it is stored as a hash and never shown again. The"
              + " first token issued ends protected mode.")
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TokenRequest")))
  @APIResponse(
      responseCode = "201",
      description = "The token, with its secret.",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "IssuedToken")))
  @APIResponse(responseCode = "413", ref = "TooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "406", ref = "NotAcceptable")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  public Response issue(InputStream body) {
    access.require(Roles.ADMIN);
    JsonObject request = bodies.object(body, EXAMPLE);
    JsonBodies.requireKnownFields(request, List.of("scope", "prefix", "description"), "a token");
    Scope scope = scope(request.get("scope"));
    Optional<String> prefix = text(request, "prefix", 512);
    if (scope == Scope.ADMIN && prefix.isPresent()) {
      throw InvalidRequest.badRequest("An admin token manages every token; it takes no prefix.");
    }
    Tokens.Issued issued =
        tokens.issue(scope, prefix, text(request, "description", 200).orElse(""), clock.instant());
    JsonObject answer =
        JSON.createObjectBuilder(issued.token().toJson()).add("token", issued.secret()).build();
    return Response.status(Response.Status.CREATED).entity(answer.toString()).build();
  }

  @GET
  @Operation(operationId = "listTokens", summary = "List the tokens, without secrets (admin)")
  @APIResponse(
      responseCode = "200",
      description = "Every token.",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TokenList")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "406", ref = "NotAcceptable")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  public String list() {
    access.require(Roles.ADMIN);
    JsonArrayBuilder listed = JSON.createArrayBuilder();
    tokens.list().stream().map(Token::toJson).forEach(listed::add);
    return JSON.createObjectBuilder().add("tokens", listed).build().toString();
  }

  @DELETE
  @Path("{id}")
  @Operation(
      operationId = "revokeToken",
      summary = "Revoke a token (admin)",
      description = "Refused from the next request on.")
  @APIResponse(
      responseCode = "200",
      description = "Revoked.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Revoked")))
  @APIResponse(responseCode = "404", ref = "TokenNotFound")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "406", ref = "NotAcceptable")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  public String revoke(
      @Parameter(description = "The token's id, as issued and listed.", required = true)
          @PathParam("id")
          String id) {
    access.require(Roles.ADMIN);
    tokens.revoke(id);
    return JSON.createObjectBuilder()
        .add("status", "ok")
        .add("action", "revoked")
        .add("id", id)
        .build()
        .toString();
  }

  private static Scope scope(JsonValue scope) {
    if (scope instanceof JsonString name) {
      for (Scope candidate : Scope.values()) {
        if (candidate.label().equals(name.getString().toLowerCase(Locale.ROOT))) {
          return candidate;
        }
      }
    }
    throw InvalidRequest.badRequest(
        "scope must be one of "
            + Arrays.stream(Scope.values()).map(Scope::label).toList()
            + ", as in "
            + EXAMPLE
            + ".");
  }

  private static Optional<String> text(JsonObject request, String field, int maxLength) {
    JsonValue value = request.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return Optional.empty();
    }
    if (!(value instanceof JsonString text) || text.getString().length() > maxLength) {
      throw InvalidRequest.badRequest(
          field + " must be a string of at most " + maxLength + " characters.");
    }
    return Optional.of(text.getString());
  }
}
