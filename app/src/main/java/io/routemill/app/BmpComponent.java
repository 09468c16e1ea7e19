package io.routemill.app;

import io.routemill.collector.station.BmpStation;

/** The BMP station as a service component. */
final class BmpComponent implements Component {
  private final BmpStation station;
  private final String host;
  private int boundPort = -1;

  BmpComponent(BmpStation station, String host) {
    this.station = station;
    this.host = host;
  }

  @Override
  public String name() {
    return "bmp";
  }

  @Override
  public void start() throws Exception {
    boundPort = station.start();
  }

  @Override
  public void close() {
    station.close();
  }

  @Override
  public String boundAddress() {
    return boundPort < 0 ? null : host + ":" + boundPort;
  }

  int port() {
    return boundPort;
  }
}
