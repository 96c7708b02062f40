package dev.kvstore.auth.boundary;

import dev.kvstore.auth.entity.Scope;
import dev.kvstore.errors.ErrorBody;
import dev.kvstore.errors.FailureMapper;
import dev.kvstore.metrics.ServerMetrics;
import dev.kvstore.storage.DatabaseUnavailable;
import dev.kvstore.storage.SqlErrors;
import jakarta.inject.Inject;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * The authentication of every request (A1, A3, A4), a Jakarta Authentication server module: a token
 * from {@code Authorization: Bearer} or {@code X-API-Key}, validated by the Jakarta Security
 * identity stores; without one, the request is served only in protected mode and only from
 * loopback. It registers itself for the application when the application starts.
 *
 * <p>Not a Jakarta Security {@code HttpAuthenticationMechanism}: the runtime's bridge to one looks
 * the mechanism up through JNDI and CDI twice per request, about a quarter of a GET's CPU ({@code
 * bench/results/2026-11-29-2.md}); this module is called directly.
 *
 * <p>Payara's health endpoint is outside the token check: a probe needs neither a token nor the
 * database, so liveness answers while the database is away. A request whose check needs the
 * database while it is unavailable answers 503 with {@code Retry-After}, as the API does.
 */
@WebListener
public class TokenAuthentication implements ServerAuthModule, ServletContextListener {

  /** Query parameters that would put a token in access logs (A1). */
  private static final Set<String> TOKEN_PARAMETERS =
      Set.of("token", "access_token", "api_key", "apikey", "api-key", "x-api-key");

  private static final Logger LOG = Logger.getLogger(TokenAuthentication.class.getName());

  /** Where pre-boot-commands.asadmin puts Payara's MicroProfile Health. */
  private static final String HEALTH_PATH = "/_health";

  @Inject IdentityStoreHandler identities;

  @Inject TokenIdentityStore tokens;

  @Inject ServerMetrics metrics;

  /** The container's: it turns a caller and groups into the request's identity. */
  private volatile CallbackHandler container;

  private volatile String registration;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    registration =
        AuthConfigFactory.getFactory().registerServerAuthModule(this, event.getServletContext());
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    AuthConfigFactory.getFactory().removeRegistration(registration);
  }

  @Override
  public void initialize(
      MessagePolicy requestPolicy,
      MessagePolicy responsePolicy,
      CallbackHandler handler,
      @SuppressWarnings("rawtypes") Map options) {
    container = handler;
  }

  @Override
  public Class<?>[] getSupportedMessageTypes() {
    return new Class<?>[] {HttpServletRequest.class, HttpServletResponse.class};
  }

  @Override
  public AuthStatus validateRequest(MessageInfo message, Subject caller, Subject service)
      throws AuthException {
    HttpServletRequest request = (HttpServletRequest) message.getRequestMessage();
    HttpServletResponse response = (HttpServletResponse) message.getResponseMessage();
    if (isHealthProbe(request)) {
      return login(caller, null, Set.of());
    }
    try {
      return authenticate(request, response, caller);
    } catch (DatabaseUnavailable e) {
      LOG.warning(() -> "Database failure during authentication: " + SqlErrors.describe(e));
      response.setHeader("Retry-After", FailureMapper.DATABASE_RETRY_AFTER_SECONDS);
      return refuse(response, 503, FailureMapper.DATABASE_UNAVAILABLE);
    }
  }

  @Override
  public AuthStatus secureResponse(MessageInfo message, Subject service) {
    return AuthStatus.SEND_SUCCESS;
  }

  @Override
  public void cleanSubject(MessageInfo message, Subject subject) {
    if (subject != null) {
      subject.getPrincipals().clear();
    }
  }

  private AuthStatus authenticate(
      HttpServletRequest request, HttpServletResponse response, Subject caller)
      throws AuthException {
    if (hasTokenParameter(request.getQueryString())) {
      return refuse(
          response,
          400,
          "Send the token in the Authorization header (Bearer) or in X-API-Key, never in the URL:"
              + " URLs end up in access logs.");
    }
    if (request.getHeader("Authorization") != null && request.getHeader("X-API-Key") != null) {
      return refuse(
          response,
          400,
          "Send one token, in Authorization (Bearer) or in X-API-Key, not both: which one applies"
              + " would be a guess.");
    }
    Optional<String> token = token(request);
    if (token.isEmpty()) {
      return withoutToken(request, response, caller);
    }
    if (token.get().isEmpty()) {
      return unauthorized(
          response,
          request.getHeader("Authorization") != null
              ? "The Authorization header must be \"Bearer <token>\"."
              : "The X-API-Key header is empty: send the token in it.");
    }
    CredentialValidationResult result = identities.validate(new TokenCredential(token.get()));
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      return unauthorized(response, "The token is not valid: unknown or revoked.");
    }
    return login(caller, result.getCallerPrincipal(), result.getCallerGroups());
  }

  private AuthStatus withoutToken(
      HttpServletRequest request, HttpServletResponse response, Subject caller)
      throws AuthException {
    if (!tokens.noTokenConfigured()) {
      return unauthorized(response, "Send a token: Authorization: Bearer <token>.");
    }
    if (!isLoopback(request.getRemoteAddr())) {
      return refuse(
          response,
          403,
          "kvstore is in protected mode: no token is configured, so it serves only clients on this"
              + " machine. Set KV_ADMIN_TOKEN to a secret, restart, and send it as"
              + " Authorization: Bearer <token>.");
    }
    TokenPrincipal local = new TokenPrincipal("local", Scope.ADMIN, Optional.empty());
    return login(caller, local, local.scope().roles());
  }

  /** Tells the container who the caller is ({@code null}: nobody) and its groups (roles). */
  private AuthStatus login(Subject caller, Principal principal, Set<String> groups)
      throws AuthException {
    try {
      container.handle(
          new Callback[] {
            new CallerPrincipalCallback(caller, principal),
            new GroupPrincipalCallback(caller, groups.toArray(String[]::new))
          });
    } catch (IOException | UnsupportedCallbackException e) {
      throw (AuthException) new AuthException("The container refused the caller").initCause(e);
    }
    return AuthStatus.SUCCESS;
  }

  /** By the decoded, normalized path the container maps: {@code /_health/../k} is not a probe. */
  private static boolean isHealthProbe(HttpServletRequest request) {
    String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
    return path.equals(HEALTH_PATH) || path.startsWith(HEALTH_PATH + "/");
  }

  /** The token of {@code Authorization: Bearer t} or {@code X-API-Key: t}; "" when malformed. */
  private static Optional<String> token(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null) {
      return Optional.of(
          authorization.regionMatches(true, 0, "Bearer ", 0, 7)
              ? authorization.substring(7).strip()
              : "");
    }
    return Optional.ofNullable(request.getHeader("X-API-Key")).map(String::strip);
  }

  private static boolean hasTokenParameter(String query) {
    return query != null
        && Arrays.stream(query.split("&"))
            .map(pair -> parameterName(pair.split("=", 2)[0]))
            .map(name -> name.toLowerCase(Locale.ROOT))
            .anyMatch(TOKEN_PARAMETERS::contains);
  }

  /** Decoded; as sent when it is not valid percent-encoding ({@code %zz}), as JAX-RS reads it. */
  private static String parameterName(String encoded) {
    try {
      return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return encoded;
    }
  }

  private static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private AuthStatus unauthorized(HttpServletResponse response, String sentence) {
    response.setHeader("WWW-Authenticate", "Bearer");
    return refuse(response, 401, sentence);
  }

  private AuthStatus refuse(HttpServletResponse response, int status, String sentence) {
    metrics.authenticationRefused(status);
    try {
      ErrorBody.send(response, status, sentence);
      response.flushBuffer();
      return AuthStatus.SEND_FAILURE;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
