package dev.kvstore.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kvstore.auth.entity.Roles;
import dev.kvstore.auth.entity.Scope;
import dev.kvstore.errors.InvalidRequest;
import jakarta.security.enterprise.SecurityContext;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A2, A5: what a caller may do follows its token principal's scope and prefix alone. */
class AccessTest {

  /** Access for a request whose authenticated principals are {@code principals}. */
  private static Access access(Principal... principals) {
    Access access = new Access();
    access.maxKeyLength = 512;
    access.security =
        (SecurityContext)
            Proxy.newProxyInstance(
                SecurityContext.class.getClassLoader(),
                new Class<?>[] {SecurityContext.class},
                (proxy, method, args) -> {
                  if (!method.getName().equals("getPrincipalsByType")) {
                    throw new UnsupportedOperationException(method.getName());
                  }
                  Class<?> type = (Class<?>) args[0];
                  return Set.of(principals).stream()
                      .filter(type::isInstance)
                      .collect(Collectors.toSet());
                });
    return access;
  }

  private static int refusal(Runnable check) {
    return assertThrows(InvalidRequest.class, check::run).status();
  }

  @Test
  void a2AReadTokenReadsButNeitherWritesNorManagesTokens() {
    Access read = access(new TokenPrincipal("r", Scope.READ, Optional.empty()));
    assertEquals("k", read.read("k"));
    assertEquals(403, refusal(() -> read.write("k")));
    assertEquals(403, refusal(() -> read.require(Roles.ADMIN)));
  }

  @Test
  void a2EachScopeHasTheRolesOfTheOnesBelowIt() {
    Access write = access(new TokenPrincipal("w", Scope.WRITE, Optional.empty()));
    assertEquals("k", write.write("k"));
    assertEquals("k", write.read("k"));
    assertEquals(403, refusal(() -> write.require(Roles.ADMIN)));
    Access admin = access(new TokenPrincipal("a", Scope.ADMIN, Optional.empty()));
    admin.require(Roles.ADMIN);
    assertEquals("k", admin.write("k"));
  }

  @Test
  void a2WithoutATokenPrincipalNothingIsAllowed() {
    Access nobody = access(() -> "someone else");
    assertEquals(403, refusal(() -> nobody.read("k")));
    assertEquals(403, refusal(() -> nobody.require(Roles.READ)));
  }

  @Test
  void a5APrefixConfinesKeysAndFiguresAboutEveryKey() {
    Access confined = access(new TokenPrincipal("p", Scope.WRITE, Optional.of("app:")));
    assertEquals("app:1", confined.write("app:1"));
    assertEquals(403, refusal(() -> confined.read("other:1")));
    assertEquals(Optional.of("app:"), confined.prefix());
    assertEquals(403, refusal(() -> confined.requireUnconfined(Roles.READ)));
  }

  @Test
  void mayReadAnswersWhatReadWouldWithoutARefusal() {
    assertEquals(true, access(new TokenPrincipal("r", Scope.READ, Optional.empty())).mayRead("k"));
    Access confined = access(new TokenPrincipal("p", Scope.READ, Optional.of("app:")));
    assertEquals(true, confined.mayRead("app:1"));
    assertEquals(false, confined.mayRead("other:1"));
    assertEquals(false, access(() -> "someone else").mayRead("k"));
    assertEquals(false, access().mayRead("k"));
  }

  @Test
  void aKeyIsCheckedBeforeTheCaller() {
    Access nobody = access();
    assertEquals(400, refusal(() -> nobody.read("_reserved")));
  }
}
