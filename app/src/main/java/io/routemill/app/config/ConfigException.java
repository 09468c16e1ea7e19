package io.routemill.app.config;

/**
 * A configuration that cannot be used. The message is meant for the operator as is: it names where the
 * value came from (file and line, or the command-line flag), the key path ({@code http.port}) and what is
 * wrong with it.
 */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
