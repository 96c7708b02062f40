package dev.kvstore.entries.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * E13: a {@code ;} in the path is part of the key, as in the seed's URLs — {@code PUT /a;b=1} sets
 * the key {@code a;b=1}. JAX-RS would read {@code ;b=1} as a matrix parameter and drop it from the
 * key, so the request would read or write another key ({@code a}) without saying so. Before the
 * request is matched, each {@code ;} of its path is sent on as {@code %3B}.
 */
@Provider
@PreMatching
public class SemicolonsInKeys implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    UriInfo uri = request.getUriInfo();
    URI requested = uri.getRequestUri();
    String path = requested.getRawPath();
    if (path == null || path.indexOf(';') < 0) {
      return;
    }
    String query = requested.getRawQuery();
    request.setRequestUri(
        uri.getBaseUri(),
        requested.resolve(path.replace(";", "%3B") + (query == null ? "" : "?" + query)));
  }
}
