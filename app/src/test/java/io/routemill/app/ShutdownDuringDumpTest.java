package io.routemill.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.routemill.app.config.ConfigLoader;
import io.routemill.archiver.archive.ArchiveIndex;
import io.routemill.archiver.archive.Archiver;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.TableCounts;
import io.routemill.collector.rib.TableKey;
import io.routemill.testkit.Await;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.BgpMessageEncoder;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.Open;
import io.routemill.wire.bgp.capability.Capability;
import io.routemill.wire.bgp.capability.FourOctetAsCapability;
import io.routemill.wire.bgp.capability.MultiprotocolCapability;
import io.routemill.wire.bmp.BmpMessageEncoder;
import io.routemill.wire.bmp.PeerHeader;
import io.routemill.wire.bmp.PeerUp;
import io.routemill.wire.mrt.MrtDecoder;
import io.routemill.wire.mrt.MrtInputs;
import io.routemill.wire.mrt.MrtMessage;
import io.routemill.wire.mrt.MrtProblem;
import io.routemill.wire.mrt.MrtReader;
import io.routemill.wire.mrt.MrtRecord;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (the service's close) while a RIB dump is copying the tables: the BMP station's close ends the router's
 * connection and the ingest flushes its tables, so a dump that had copied one table of two published a
 * {@code bview} without the other. Here a dump is held inside its snapshot, between the two peers' tables, while
 * the service closes from another thread: the shutdown stops new dumps and waits for the snapshot before the
 * sources close, and the published bview holds both peers' routes.
 */
class ShutdownDuringDumpTest {
  private static final Duration T = Duration.ofSeconds(30);
  private static final int ROUTES = 200;
  private static final String ROUTER = "127.0.0.32";
  private static final long[] PEER_AS = {64510, 64511};
  private static final byte[][] PEER = {{(byte) 192, 0, 2, 10}, {(byte) 192, 0, 2, 11}};

  @Test
  void aDumpInProgressAtShutdownHasEveryPeerOrIsMissed(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("archive");
    String yaml = "bmp: {host: 127.0.0.31, port: 0}\nhttp: {host: 127.0.0.31, port: 0}\narchive:\n  uri: "
        + root.toUri() + "\n";
    ServiceAssembly.Parts parts = ServiceAssembly.build(ConfigLoader.fromYaml("t.yaml", yaml), Clock.systemUTC(),
        List.of());
    Service service = parts.service();
    Archiver archiver = parts.archiver().orElseThrow();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean held = new AtomicBoolean();
    archiver.onSnapshotTable(key -> {
      if (held.compareAndSet(false, true)) {
        inside.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    Thread closer = new Thread(service::close, "sigterm");
    CompletableFuture<Archiver.DumpResult> dump;
    service.start();
    // the router stays connected until the service has closed: only the shutdown ends its session
    Socket router = new Socket();
    try {
      try {
        router.bind(new InetSocketAddress(InetAddress.getByName(ROUTER), 0));
        router.connect(new InetSocketAddress("127.0.0.31", parts.station().port()));
        OutputStream out = router.getOutputStream();
        out.write(bmpStream());
        out.flush();
        Await.until(() -> tablesWithAllRoutes(parts.rib()) == 2, T, () -> "tables " + parts.rib().keys());

        dump = CompletableFuture.supplyAsync(archiver::dumpRibNow, r -> new Thread(r, "dump").start());
        assertTrue(inside.await(T.toSeconds(), TimeUnit.SECONDS), "the dump did not reach its snapshot");
        closer.start(); // SIGTERM
        // either the shutdown waits for the dump's snapshot, or (the defect) the sources flush the tables under it
        Await.until(() -> archiver.dumpsStopped() || parts.rib().keys().size() < 2, T, () -> "tables "
            + parts.rib().keys());
        assertEquals(2, parts.rib().keys().size(), "the routers' tables were flushed under a dump's snapshot");
        assertTrue(closer.isAlive(), "the shutdown did not wait for the dump");
        Archiver.DumpResult late = archiver.dumpRibNow(); // refused at once: no dump starts once shutdown began
        assertEquals(List.of(), late.published());
      } finally {
        release.countDown();
      }
      closer.join(T.toMillis());
      assertTrue(!closer.isAlive(), "the service did not close");
    } finally {
      service.close(); // idempotent: when an assertion failed before the SIGTERM
      router.close();
    }
    Archiver.DumpResult result = dump.get(T.toSeconds(), TimeUnit.SECONDS);
    assertEquals(List.of("mrt", "parquet"), result.published().stream().map(ArchiveIndex.Entry::format).sorted()
        .toList(), result.toString());
    assertEquals(2L * ROUTES, result.routes());
    assertEquals(List.of(), archiver.index().missed(), "nothing was lost");

    List<Path> bviews;
    try (Stream<Path> walk = Files.walk(root)) {
      bviews = walk.filter(p -> p.getFileName().toString().startsWith("bview.")).toList();
    }
    assertEquals(1, bviews.size(), "one dump, the one started before the shutdown: " + bviews);
    Map<String, Integer> routesPerPeer = readBview(bviews.get(0));
    assertEquals(Map.of("192.0.2.10", ROUTES, "192.0.2.11", ROUTES), routesPerPeer,
        "the bview has both peers' routes");
    try (Stream<Path> walk = Files.walk(root)) {
      assertEquals(List.of(), walk.filter(p -> p.getFileName().toString().startsWith(".inprogress")).toList());
    }
  }

  private static int tablesWithAllRoutes(Rib rib) {
    int n = 0;
    for (TableKey k : rib.keys()) {
      TableCounts c = rib.counts(k);
      if (c != null && c.pathsIpv4() == ROUTES) n++;
    }
    return n;
  }

  /** The RIB entries of a TABLE_DUMP_V2 file per peer address. */
  private static Map<String, Integer> readBview(Path file) throws Exception {
    List<MrtProblem> problems = new ArrayList<>();
    MrtDecoder decoder = new MrtDecoder(file.toString(), problems::add);
    List<String> peers = new ArrayList<>();
    Map<String, Integer> out = new TreeMap<>();
    try (MrtReader r = new MrtReader(MrtInputs.open(file), file.toString(), problems::add)) {
      for (MrtRecord rec; (rec = r.next()) != null; ) {
        MrtMessage m = decoder.decode(rec);
        if (m instanceof MrtMessage.PeerIndexTable pit) {
          for (MrtMessage.Peer p : pit.peers()) peers.add(IpAddresses.format(p.address()));
        } else if (m instanceof MrtMessage.RibRecord rib) {
          for (MrtMessage.RibEntry e : rib.entries()) out.merge(peers.get(e.peerIndex()), 1, Integer::sum);
        }
      }
    }
    assertEquals(List.of(), problems, file.toString());
    return out;
  }

  /** What a router sends: Initiation, a Peer Up per peer, then each peer's routes, pre-policy. */
  private static byte[] bmpStream() {
    ByteBuf b = Unpooled.buffer();
    try {
      BmpMessageEncoder.write(b, BmpMessageEncoder.initiation("routemill test router", "r1"));
      for (int p = 0; p < 2; p++) {
        List<Capability> caps = List.of(new MultiprotocolCapability(AfiSafi.IPV4_UNICAST),
            new FourOctetAsCapability(PEER_AS[p]));
        Open received = BgpMessageEncoder.open(PEER_AS[p], 90, 0xC000020AL + p, caps);
        Open sent = BgpMessageEncoder.open(65000, 90, 0xC0000201L,
            List.of(caps.get(0), new FourOctetAsCapability(65000)));
        BmpMessageEncoder.write(b, new PeerUp(header(p), new byte[] {(byte) 192, 0, 2, 1}, 179, 40000 + p, sent,
            received, List.of()));
      }
      for (int p = 0; p < 2; p++) {
        for (int i = 0; i < ROUTES; i++) BmpMessageEncoder.writeRouteMonitoring(b, header(p), update(p, i));
      }
      byte[] bytes = new byte[b.readableBytes()];
      b.readBytes(bytes);
      return bytes;
    } finally {
      b.release();
    }
  }

  private static PeerHeader header(int p) {
    return new PeerHeader(PeerHeader.GLOBAL_INSTANCE, 0, 0, PEER[p], PEER_AS[p], 0xC000020AL + p, 1_700_000_000L, 0);
  }

  /** An UPDATE announcing 10.p.i/24 (i below 256) with AS path "peer 65000+i" (4-octet ASes). */
  private static byte[] update(int p, int i) {
    ByteArrayOutputStream attrs = new ByteArrayOutputStream();
    attrs.writeBytes(new byte[] {0x40, 1, 1, 0}); // ORIGIN IGP
    long origin = 65000 + i;
    attrs.writeBytes(new byte[] {0x40, 2, 10, 2, 2});
    attrs.writeBytes(new byte[] {(byte) (PEER_AS[p] >>> 24), (byte) (PEER_AS[p] >>> 16), (byte) (PEER_AS[p] >>> 8),
        (byte) PEER_AS[p], (byte) (origin >>> 24), (byte) (origin >>> 16), (byte) (origin >>> 8), (byte) origin});
    attrs.writeBytes(new byte[] {0x40, 3, 4, PEER[p][0], PEER[p][1], PEER[p][2], PEER[p][3]}); // NEXT_HOP
    byte[] at = attrs.toByteArray();
    byte[] nlri = {24, 10, (byte) p, (byte) i};
    int length = 19 + 2 + 2 + at.length + nlri.length;
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    for (int k = 0; k < 16; k++) m.write(0xFF);
    m.write(length >>> 8);
    m.write(length);
    m.write(2); // UPDATE
    m.write(0);
    m.write(0); // no withdrawn routes
    m.write(at.length >>> 8);
    m.write(at.length);
    m.writeBytes(at);
    m.writeBytes(nlri);
    return m.toByteArray();
  }
}
