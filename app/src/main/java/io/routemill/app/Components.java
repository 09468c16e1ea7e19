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

  /**
   * The archive's RIB dumps, placed after the sources so that they stop before the sources close: on shutdown no
   * dump starts any more, and a dump copying the tables finishes its snapshot before the BMP station ends the
   * routers' sessions and the ingest flushes their tables (a dump never holds some of a router's peers and not
   * the others). The dump then writes its files from the snapshot; the archiver's close, last, waits for them.
   * Starting does nothing: the archiver schedules its dumps from its own start.
   */
  static Component ribDumps(Archiver archiver) {
    return new Component() {
      @Override
      public String name() {
        return "rib-dumps";
      }

      @Override
      public void start() {
        // the dumps run from the archiver's start (the consumers component); this is their shutdown's place
      }

      @Override
      public void close() {
        archiver.stopDumps();
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
