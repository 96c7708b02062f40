package dev.kvstore.auth.boundary;

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
import jakarta.json.Json;
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

/** {@code /_tokens}: issue ({@code POST}), list ({@code GET}) and revoke ({@code DELETE /{id}}). */
@Path("_tokens")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {

  private static final String EXAMPLE = "{\"scope\": \"read\", \"prefix\": \"app:\"}";

  @EJB Tokens tokens;

  @Inject RequestBodies bodies;

  @Inject Clock clock;

  @Inject Access access;

  /** A2: the secret is in this answer and nowhere else, ever. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
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
        Json.createObjectBuilder(issued.token().toJson()).add("token", issued.secret()).build();
    return Response.status(Response.Status.CREATED).entity(answer.toString()).build();
  }

  @GET
  public String list() {
    access.require(Roles.ADMIN);
    JsonArrayBuilder listed = Json.createArrayBuilder();
    tokens.list().stream().map(Token::toJson).forEach(listed::add);
    return Json.createObjectBuilder().add("tokens", listed).build().toString();
  }

  @DELETE
  @Path("{id}")
  public String revoke(@PathParam("id") String id) {
    access.require(Roles.ADMIN);
    tokens.revoke(id);
    return Json.createObjectBuilder()
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
