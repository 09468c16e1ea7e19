package io.routemill.app;

import io.routemill.archiver.archive.Archiver;
import io.routemill.collector.speaker.BgpSpeaker;

/** The service's parts that are not components themselves, adapted. */
final class Components {
  private Components() {}

  /** The archiver: starts by cleaning up and opening its first interval; closes by publishing the current one. */
  static Component archiver(Archiver archiver) {
    return new Component() {
      @Override
      public String name() {
        return "archive";
      }

      @Override
      public void start() throws Exception {
        archiver.start();
      }

      @Override
      public void close() {
        archiver.close();
      }

      @Override
      public String boundAddress() {
        return archiver.settings().root().toString();
      }
    };
  }

  /** The passive BGP collector (only with neighbours configured). */
  static Component bgp(BgpSpeaker speaker, String host) {
    return new Component() {
      private int port = -1;

      @Override
      public String name() {
        return "bgp";
      }

      @Override
      public void start() throws Exception {
        port = speaker.start();
      }

      @Override
      public void close() {
        speaker.close();
      }

      @Override
      public String boundAddress() {
        return port < 0 ? null : host + ":" + port;
      }
    };
  }
}
