package io.routemill.publisher.http;

/**
 * A request the API answers with an error status: the body is always
 * {@code {"error":{"status":S,"message":"…","parameter":P}}}, {@code parameter} naming the query parameter
 * at fault, or null.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String parameter;

  public ApiError(int status, String message, String parameter) {
    super(message, null, false, false);
    this.status = status;
    this.parameter = parameter;
  }

  /** A 400 about one query parameter. */
  public static ApiError badParameter(String parameter, String message) {
    return new ApiError(400, message, parameter);
  }

  public int status() {
    return status;
  }

  public String parameter() {
    return parameter;
  }
}
