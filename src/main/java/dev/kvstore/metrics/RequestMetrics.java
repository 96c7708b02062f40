package dev.kvstore.metrics;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * M1: counts and times every request that JAX-RS answers, by its operation; the status is counted
 * as answered.
 */
@Provider
@PreMatching
public class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {

  /** A request that no resource method matched (an unknown path or method). */
  static final String NO_OPERATION = "none";

  private static final String STARTED_NANOS = RequestMetrics.class.getName() + ".started";

  @Inject AnsweredRequests answered;

  @Context ResourceInfo resource;

  private final Map<Method, String> operations = new ConcurrentHashMap<>();

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED_NANOS, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String operation = operation(resource.getResourceMethod());
    if (request.getProperty(STARTED_NANOS) instanceof Long started) {
      answered.answered(operation, response.getStatus(), started);
    } else {
      answered.counted(operation, response.getStatus());
    }
  }

  private String operation(Method method) {
    return method == null ? NO_OPERATION : operations.computeIfAbsent(method, RequestMetrics::id);
  }

  /** The OpenAPI operation id, which names the operation in the API document too. */
  private static String id(Method method) {
    Operation operation = method.getAnnotation(Operation.class);
    return operation == null || operation.operationId().isEmpty()
        ? method.getName()
        : operation.operationId();
  }
}
