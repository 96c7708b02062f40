package dev.kvstore.batch;

import static dev.kvstore.json.JsonBodies.JSON;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 409 {@code {"error", "failed_op", "results"}}: an atomic batch that applied nothing. */
@Provider
public class BatchAbortedMapper implements ExceptionMapper<BatchAborted> {

  @Override
  public Response toResponse(BatchAborted e) {
    String body =
        "{\"error\":"
            + JSON.createValue(e.getMessage())
            + ",\"failed_op\":"
            + e.failedOp()
            + ",\"results\":"
            + e.results()
            + "}";
    return Response.status(409).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
