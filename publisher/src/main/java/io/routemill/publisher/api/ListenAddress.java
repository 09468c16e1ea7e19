package io.routemill.publisher.api;

/** Where the HTTP API listens: a host address to bind and a TCP port (0 picks a free one). */
public record ListenAddress(String host, int port) {
  public ListenAddress {
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port);
  }
}
