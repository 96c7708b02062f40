package dev.kvstore;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** K2: no browser may guess another type for an answer than the one it declares. */
@Provider
public class ResponseHeaders implements ContainerResponseFilter {

  public static final String NOSNIFF = "X-Content-Type-Options";

  public static final String NOSNIFF_VALUE = "nosniff";

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    response.getHeaders().putSingle(NOSNIFF, NOSNIFF_VALUE);
  }
}
