package dev.kvstore.entries.boundary;

import dev.kvstore.ResponseHeaders;
import dev.kvstore.entries.entity.Entry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The requests of one key that the filters in front of JAX-RS may answer themselves ({@link
 * CachedReads}, {@link PlainSets}): those whose answer depends on nothing but the method, the key,
 * the body and the caller's token.
 */
final class PlainRequests {

  private PlainRequests() {}

  /**
   * The request's key: a path of one key in plain characters (no percent-encoding, no {@code ;}, no
   * trailing slash, not {@code .} or {@code ..}, not a path of the server's such as {@code
   * /_batch}: E1 keeps a leading {@code _} for them), no query, no {@code If-Match} or {@code
   * If-None-Match}, no {@code Content-Encoding}, and an {@code Accept} that is absent, {@code *}/*
   * or {@code application/json}; null for any other request.
   */
  static String key(HttpServletRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    if (request.getQueryString() != null
        || request.getHeader(HttpHeaders.IF_MATCH) != null
        || request.getHeader(HttpHeaders.IF_NONE_MATCH) != null
        || request.getHeader(HttpHeaders.CONTENT_ENCODING) != null
        || !(accept == null || accept.equals("*/*") || accept.equals(MediaType.APPLICATION_JSON))) {
      return null;
    }
    String path = request.getRequestURI();
    int from = request.getContextPath().length() + 1;
    if (path.length() <= from || path.charAt(from - 1) != '/') {
      return null;
    }
    for (int i = from; i < path.length(); i++) {
      if (!isPlain(path.charAt(i))) {
        return null;
      }
    }
    String key = path.substring(from);
    return key.charAt(0) == '_' || key.equals(".") || key.equals("..") ? null : key;
  }

  /**
   * A character that stands for itself in a path segment and that JAX-RS hands over unchanged: RFC
   * 3986's unreserved characters, its sub-delimiters but {@code ;} (E13), {@code :} and {@code @}.
   */
  private static boolean isPlain(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || "-._~!$&'()*+,=:@".indexOf(c) >= 0;
  }

  /**
   * Sends an answer as the resource sends it: the status, the entry's version as the {@code ETag},
   * {@code nosniff}, and the JSON body with its type and length.
   */
  static void send(HttpServletResponse response, int status, Entry entry, String json)
      throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setHeader(HttpHeaders.ETAG, Preconditions.etagHeader(entry));
    response.setHeader(ResponseHeaders.NOSNIFF, ResponseHeaders.NOSNIFF_VALUE);
    response.setContentType(MediaType.APPLICATION_JSON);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
