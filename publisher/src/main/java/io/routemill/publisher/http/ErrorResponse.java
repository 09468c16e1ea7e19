package io.routemill.publisher.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * The one shape of every error response the service sends, its own or Vert.x's (RFC 9110 §15.5–15.6 leave the
 * body's format to the server): {@code Content-Type: application/json} and
 * {@code {"error":{"status":S,"message":"…","parameter":P}}}, {@code parameter} the query parameter at fault or null.
 */
public final class ErrorResponse {
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";

  private ErrorResponse() {}

  public static Buffer body(int status, String message, String parameter) {
    return new JsonObject().put("error", new JsonObject()
        .put("status", status).put("message", message).put("parameter", parameter)).toBuffer();
  }

  /** Ends {@code response} with the error, unless it has already ended or its connection is gone. */
  public static void send(HttpServerResponse response, int status, String message, String parameter) {
    if (response.ended() || response.closed()) return;
    response.setStatusCode(status).putHeader("content-type", CONTENT_TYPE).end(body(status, message, parameter));
  }
}
