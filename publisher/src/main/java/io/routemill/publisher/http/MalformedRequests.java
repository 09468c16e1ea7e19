package io.routemill.publisher.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Requests answered before routing, each with the JSON error body ({@link ErrorResponse}) and none logged:
 * what Vert.x's HTTP codec could not decode (414 for a request line over the limit, RFC 9110 §15.5.15; 431 for
 * header fields over it, RFC 6585 §5; 400 for anything else malformed, RFC 9112 §3), after which the connection
 * is closed, and request targets that are not a path or not valid percent-encoded UTF-8 (RFC 3986 §2.1; 400).
 */
public final class MalformedRequests {
  private MalformedRequests() {}

  /** The server's invalid-request handler. */
  public static void answer(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status;
    String message;
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      message = "the request line is too long";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      message = "the request's header fields are too large";
    } else {
      status = 400;
      String why = cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
      message = "malformed request" + (why.length() > 200 ? why.substring(0, 200) + "…" : why);
    }
    request.response().putHeader("connection", "close");
    ErrorResponse.send(request.response(), status, message, null);
    request.connection().close();
  }

  /**
   * Whether a request's raw path is one: it starts with {@code /} (RFC 9112 §3.2's origin form; {@code *} is let
   * through for OPTIONS), every {@code %} is followed by two hex digits, and the bytes are UTF-8.
   */
  public static boolean validPath(String rawPath) {
    if (rawPath == null || rawPath.equals("*")) return rawPath != null;
    if (!rawPath.startsWith("/")) return false;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c == '%') {
        if (i + 2 >= rawPath.length()) return false;
        int hi = hex(rawPath.charAt(i + 1));
        int lo = hex(rawPath.charAt(i + 2));
        if (hi < 0 || lo < 0) return false;
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        return false; // a raw non-ASCII character: RFC 3986 allows none in a path
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
}
