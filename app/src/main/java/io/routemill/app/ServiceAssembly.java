package io.routemill.app;

import io.routemill.app.config.RoutemillConfig;
import io.routemill.archiver.archive.Archiver;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.ingest.Ingest;
import io.routemill.collector.query.CollectorQuery;
import io.routemill.collector.query.CollectorQuery.ConsumerInfo;
import io.routemill.collector.query.LiveCollectorQuery;
import io.routemill.collector.query.SessionDirectory;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.speaker.BgpSpeaker;
import io.routemill.collector.station.BmpStation;
import io.routemill.collector.stream.ConsumerStream;
import io.routemill.collector.stream.Subscriber;
import io.routemill.collector.stream.SubscriberStats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the running service from a configuration: the one place where sources, the ingest, the RIB, the event
 * stream's consumers and the API are wired together. {@code routemill run} and the tests both use it.
 *
 * <pre>
 *   BMP station ─┐                       ┌─ queue ─ archiver (MRT, Parquet)
 *   BGP speaker ─┼─ Ingest ─ RIB ─ stream ┼─ queue ─ (RPKI, detectors, live stream, Kafka: later issues)
 *   MRT loader  ─┘            │           └─ queue ─ extra consumers (tests)
 *                             └──── read-only query ──── HTTP API, web page
 * </pre>
 * Start order: consumers, BMP, BGP, MRT preload, the RIB dumps' stop, HTTP (the API never serves a collector that
 * is not running); close order the reverse, so the RIB dumps stop (one copying the tables finishes its snapshot)
 * before the sources close and flush the routers' tables, and the stream drains into the consumers after the
 * sources stopped.
 */
public final class ServiceAssembly {
  private ServiceAssembly() {}

  /** The parts of a built service, for tests and benchmarks that look inside. */
  public record Parts(Service service, Rib rib, Ingest ingest, ConsumerStream events, BmpStation station,
      Optional<BgpSpeaker> speaker, Optional<Archiver> archiver, CollectorQuery query) {}

  public static Parts build(RoutemillConfig config) {
    return build(config, Clock.systemUTC(), List.of());
  }

  /**
   * @param extraConsumers more consumers of the event stream (each gets its own queue), e.g. a test's recorder
   */
  public static Parts build(RoutemillConfig config, Clock clock, List<Subscriber<RouteEvent>> extraConsumers) {
    Rib rib = new Rib();
    Archiver archiver = config.archive().enabled() ? new Archiver(config.archive().toSettings(), rib, clock) : null;
    List<Subscriber<RouteEvent>> subscribers = new ArrayList<>();
    List<Component> consumers = new ArrayList<>();
    if (archiver != null) {
      subscribers.add(ConsumerStream.subscriber("archiver", archiver));
      consumers.add(Components.archiver(archiver));
    }
    subscribers.addAll(extraConsumers);
    ConsumerStream events = new ConsumerStream(subscribers);
    Ingest ingest = new Ingest(rib, events);

    List<Component> components = new ArrayList<>();
    components.add(new ConsumersComponent(events, consumers));
    BmpStation station = new BmpStation(config.bmp().host(), config.bmp().port(), ingest, clock, config.bmp().toLimits());
    components.add(new BmpComponent(station, config.bmp().host()));
    List<SessionDirectory> directories = new ArrayList<>(List.of(station));
    BgpSpeaker speaker = null;
    if (config.bgp().enabled()) {
      speaker = new BgpSpeaker(config.bgp().toSpeakerConfig(), ingest, clock);
      directories.add(speaker);
      components.add(Components.bgp(speaker, config.bgp().host()));
    }
    if (config.load().enabled()) {
      MrtLoadComponent load = new MrtLoadComponent(ingest, config.load().files(), config.load().routerName(), clock);
      directories.add(load.directory());
      components.add(load);
    }
    if (archiver != null) components.add(Components.ribDumps(archiver));
    CollectorQuery query = new LiveCollectorQuery(rib, directories, () -> consumerInfo(events));
    Service service = new Service(config, query, Optional.ofNullable(archiver), components);
    return new Parts(service, rib, ingest, events, station, Optional.ofNullable(speaker), Optional.ofNullable(archiver),
        query);
  }

  private static List<ConsumerInfo> consumerInfo(ConsumerStream events) {
    List<ConsumerInfo> out = new ArrayList<>();
    for (SubscriberStats s : events.stats()) {
      out.add(new ConsumerInfo(s.name(), s.queued(), s.highWater(), s.delivered(), s.failures(), s.pauses(),
          s.oldestAgeMillis()));
    }
    return out;
  }
}
