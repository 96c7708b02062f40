package dev.kvstore.auth.boundary;

import dev.kvstore.auth.control.TokenSecrets;
import dev.kvstore.auth.control.TokenTable;
import dev.kvstore.auth.control.Tokens;
import dev.kvstore.auth.entity.Scope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Validates tokens (A1): the configured admin token, or an issued one whose secret has the stored
 * hash; both compared in constant time. The caller's groups are the roles of its scope.
 */
@ApplicationScoped
public class TokenIdentityStore implements IdentityStore {

  @Inject
  @ConfigProperty(name = "kv.admin-token")
  Optional<String> adminToken;

  @EJB Tokens tokens;

  @Inject TokenTable table;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof TokenCredential given)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    if (adminToken
        .filter(admin -> !admin.isBlank() && TokenSecrets.same(given.token(), admin))
        .isPresent()) {
      return validated(new TokenPrincipal("admin", Scope.ADMIN, Optional.empty()));
    }
    return TokenSecrets.parse(given.token())
        .flatMap(
            parts ->
                table
                    .find(parts.id(), tokens::find, tokens::issued)
                    .filter(token -> TokenSecrets.matches(parts.secret(), token.secretSha256())))
        .map(token -> validated(new TokenPrincipal(token.id(), token.scope(), token.keyPrefix())))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }

  private static CredentialValidationResult validated(TokenPrincipal caller) {
    return new CredentialValidationResult(caller, caller.scope().roles());
  }

  /** Whether kvstore is unprotected: no admin token configured and no token issued (A4). */
  boolean noTokenConfigured() {
    return adminToken.filter(admin -> !admin.isBlank()).isEmpty()
        && !table.anyIssued(tokens::anyIssued, tokens::issued);
  }
}
