package dev.kvstore.testing;

import java.lang.reflect.Proxy;

/** Fakes of interfaces for unit tests: each call answered by the method's name and arguments. */
public final class Fakes {

  /** What a fake answers to a call of {@code method} with {@code args} (null without any). */
  public interface Answer {
    Object answer(String method, Object[] args);
  }

  private Fakes() {}

  public static <T> T fake(Class<T> type, Answer answer) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> answer.answer(method.getName(), args)));
  }
}
