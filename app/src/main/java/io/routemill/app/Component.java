package io.routemill.app;

/**
 * A part of the running service with a lifecycle: the BMP station, the BGP listener, the HTTP API, ….
 * {@link Service} starts components in order and closes them in reverse.
 */
public interface Component {
  /** A short name for the log: {@code bmp}, {@code http}, …. */
  String name();

  /** Starts and returns once the component is serving (sockets bound); throws if it cannot. */
  void start() throws Exception;

  /** Stops and releases everything; must not throw, and must be safe to call after a failed start. */
  void close();

  /** What it listens on once started, for the log ({@code 0.0.0.0:11019}), or null if nothing. */
  default String boundAddress() {
    return null;
  }
}
