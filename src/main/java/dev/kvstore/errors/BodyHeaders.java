package dev.kvstore.errors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Enumeration;

/**
 * R5: the headers that say how to read a request's body, checked before anything reads it.
 *
 * <ul>
 *   <li>A {@code Content-Type} that is not one media type ({@code Content-Type: garbage}, two of
 *       the header) answers 400. The JAX-RS runtime's servlet layer parses the header before any of
 *       its filters or exception mappers run, and answered such a request with an empty 400. The
 *       header is parsed here by the same runtime ({@link MediaType#valueOf}), so what passes this
 *       check is what the resources read.
 *   <li>A {@code Content-Encoding} other than {@code identity} answers 415: bodies are read as
 *       sent, so a gzip body was refused as "not UTF-8" and any other coding ignored.
 * </ul>
 */
@WebFilter(urlPatterns = "/*")
public class BodyHeaders extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Enumeration<String> contentTypes = request.getHeaders(HttpHeaders.CONTENT_TYPE);
    String contentType = contentTypes.hasMoreElements() ? contentTypes.nextElement() : null;
    String coding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
    if (contentTypes.hasMoreElements()) {
      ErrorBody.send(response, 400, "Send one Content-Type header, not several.");
    } else if (contentType != null && !isMediaType(contentType)) {
      ErrorBody.send(
          response, 400, "The Content-Type header is not a media type: send application/json.");
    } else if (coding != null && !coding.strip().equalsIgnoreCase("identity")) {
      ErrorBody.send(
          response, 415, "Send the body without a Content-Encoding: it is read as sent.");
    } else {
      chain.doFilter(request, response);
    }
  }

  private static boolean isMediaType(String value) {
    try {
      MediaType.valueOf(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
