package io.routemill.collector.speaker;

import io.routemill.collector.ingest.Ingest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.epoll.Epoll;
import io.routemill.wire.bgp.BgpError;
import io.routemill.wire.bgp.BgpMessage;
import io.routemill.wire.bgp.BgpMessageDecoder;
import io.routemill.wire.bgp.BgpMessageEncoder;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.Notification;
import io.routemill.wire.bgp.Open;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.stream.RouteEventStream;
import io.routemill.testkit.Await;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The speaker over real loopback TCP: a raw socket client for precise malformations, and a second speaker as a
 * TCP MD5 (RFC 2385) peer — the kernel drops segments without the right signature, so a wrong password never
 * gets a session.
 */
class BgpSpeakerSocketTest {
  static final Duration T = Duration.ofSeconds(20);

  static int freePort(String host) throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(host, 0));
      return s.getLocalPort();
    }
  }

  /** A raw BGP client on a plain socket. */
  static final class Raw implements AutoCloseable {
    final Socket socket = new Socket();
    final DataInputStream in;
    final OutputStream out;

    Raw(String local, int port) throws IOException {
      socket.bind(new InetSocketAddress(local, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(10_000);
      in = new DataInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }

    void send(ByteBuf b) throws IOException {
      byte[] bytes = new byte[b.readableBytes()];
      b.readBytes(bytes);
      b.release();
      out.write(bytes);
      out.flush();
    }

    void send(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    BgpMessage read() throws IOException {
      byte[] header = new byte[19];
      in.readFully(header);
      int len = (header[16] & 0xFF) << 8 | (header[17] & 0xFF);
      byte[] all = new byte[len];
      System.arraycopy(header, 0, all, 0, 19);
      in.readFully(all, 19, len - 19);
      ByteBuf b = Unpooled.wrappedBuffer(all);
      return BgpMessageDecoder.decode(b, DecodeContext.AS4);
    }

    void establish(long as) throws IOException {
      assertTrue(read() instanceof Open);
      ByteBuf b = Unpooled.buffer();
      BgpMessageEncoder.writeOpen(b, 4, as, 90, 0x0A000063L, FakePeer.standardCaps(as), List.of());
      BgpMessageEncoder.writeKeepalive(b);
      send(b);
      assertEquals(BgpMessage.TYPE_KEEPALIVE, read().type());
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  BgpSpeaker speaker(Rib rib, int port, long as, String id, Neighbor... neighbors) throws Exception {
    BgpSpeakerConfig c = BgpSpeakerConfig.of(port, as, id, List.of(neighbors)).withHost("127.0.0.1")
        .withTimers(90, 1, 120, 360);
    BgpSpeaker s = new BgpSpeaker(c, new Ingest(rib, RouteEventStream.NONE), Clock.systemUTC());
    s.start();
    return s;
  }

  @Test
  void unknownNeighbourWrongAsAndMalformedUpdateOverTcp() throws Exception {
    int port = freePort("127.0.0.1");
    Rib rib = new Rib();
    InetAddress peer = InetAddress.getByName("127.0.0.21");
    try (BgpSpeaker s = speaker(rib, port, 65500, "192.0.2.100", Neighbor.of(peer, 65021))) {
      try (Raw unknown = new Raw("127.0.0.22", port)) {
        assertTrue(unknown.read() instanceof Open);
        Notification n = (Notification) unknown.read();
        assertEquals(BgpError.CEASE + "/" + Notifications.CEASE_CONNECTION_REJECTED, n.code() + "/" + n.subcode());
        assertEquals(-1, unknown.in.read(), "closed");
      }
      assertEquals(1, s.refusedConnections());
      try (Raw wrongAs = new Raw("127.0.0.21", port)) {
        assertTrue(wrongAs.read() instanceof Open);
        ByteBuf b = Unpooled.buffer();
        BgpMessageEncoder.writeOpen(b, 4, 65099, 90, 0x0A000063L, FakePeer.standardCaps(65099), List.of());
        wrongAs.send(b);
        Notification n = (Notification) wrongAs.read();
        assertEquals("2/2", n.code() + "/" + n.subcode());
      }
      try (Raw ok = new Raw("127.0.0.21", port)) {
        ok.establish(65021);
        Await.until(() -> s.state(peer) == BgpState.ESTABLISHED, T, () -> "state " + s.state(peer));
        // AS_PATH with a segment length overrunning the attribute: RFC 7606 §7.2 treat-as-withdraw, session stays
        ok.send(BgpSessionTest.update(BgpSessionTest.ORIGIN + "40020602050000fded" + BgpSessionTest.NEXT_HOP, "18c63364"));
        // ... proven by a KEEPALIVE that still gets through and no NOTIFICATION: then a session-reset error
        ok.send(BgpSessionTest.update(BgpSessionTest.ORIGIN + BgpSessionTest.AS_PATH + BgpSessionTest.NEXT_HOP, "18c63364"));
        Await.until(() -> rib.counts(s.peer(peer).key) != null && rib.counts(s.peer(peer).key).prefixesIpv4() == 1, T,
            () -> "route not applied; " + s.lastError(peer));
        byte[] bad = BgpSessionTest.update(BgpSessionTest.ORIGIN + BgpSessionTest.AS_PATH + BgpSessionTest.NEXT_HOP, "18c63364");
        bad[20] = 5; // withdrawn routes length overruns the message
        ok.send(bad);
        BgpMessage m;
        do {
          m = ok.read();
        } while (m.type() == BgpMessage.TYPE_UPDATE || m.type() == BgpMessage.TYPE_KEEPALIVE); // End-of-RIB
        Notification n = (Notification) m;
        assertEquals("3/1", n.code() + "/" + n.subcode());
      }
      Await.until(() -> rib.counts(s.peer(peer).key) == null, T, () -> "routes not flushed");
      assertTrue(s.lastError(peer).contains("3/1 UPDATE Message Error/Malformed Attribute List"), s.lastError(peer));
    }
  }

  @Test
  void tcpMd5RightPasswordComesUpWrongOneNever() throws Exception {
    assumeTrue(Epoll.isAvailable(), "TCP MD5 needs Linux epoll");
    int portA = freePort("127.0.0.1");
    int portB = freePort("127.0.0.23");
    InetAddress a = InetAddress.getByName("127.0.0.1");
    InetAddress b = InetAddress.getByName("127.0.0.23");
    Rib ribA = new Rib();
    Rib ribB = new Rib();
    // A: the collector, expects B with password "s3cret". B: another speaker dialling A, same password.
    try (BgpSpeaker sa = speaker(ribA, portA, 65500, "192.0.2.100", Neighbor.of(b, 65023).withPassword("s3cret"));
        BgpSpeaker sb = new BgpSpeaker(BgpSpeakerConfig.of(portB, 65023, "192.0.2.23",
            List.of(Neighbor.of(a, 65500).withPassword("s3cret").withConnect(true, portA))).withHost("127.0.0.23")
            .withTimers(90, 1, 120, 360), new Ingest(ribB, RouteEventStream.NONE), Clock.systemUTC())) {
      assertTrue(sa.usesEpoll());
      sb.start();
      Await.until(() -> sa.state(b) == BgpState.ESTABLISHED && sb.state(a) == BgpState.ESTABLISHED, T,
          () -> "MD5 session not up: " + sa.state(b) + " / " + sa.lastError(b));
    }
    try (BgpSpeaker sa = speaker(ribA, portA, 65500, "192.0.2.100", Neighbor.of(b, 65023).withPassword("s3cret"));
        BgpSpeaker sb = new BgpSpeaker(BgpSpeakerConfig.of(portB, 65023, "192.0.2.23",
            List.of(Neighbor.of(a, 65500).withPassword("wrong").withConnect(true, portA))).withHost("127.0.0.23")
            .withTimers(90, 1, 120, 360), new Ingest(ribB, RouteEventStream.NONE), Clock.systemUTC())) {
      sb.start();
      // the kernel drops the badly signed SYNs: no connection ever reaches the collector within several retries
      long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
      Await.until(() -> System.nanoTime() > deadline || sa.state(b) != BgpState.ACTIVE, Duration.ofSeconds(10), () -> "");
      assertEquals(BgpState.ACTIVE, sa.state(b), "no session with a wrong password");
      assertNotEquals(BgpState.ESTABLISHED, sb.state(a));
    }
    // and a client without any signature is not even accepted by the kernel
    int port = freePort("127.0.0.1");
    try (BgpSpeaker sa = speaker(ribA, port, 65500, "192.0.2.100", Neighbor.of(b, 65023).withPassword("s3cret"))) {
      Socket plain = new Socket();
      plain.bind(new InetSocketAddress("127.0.0.23", 0));
      boolean connected;
      try {
        plain.connect(new InetSocketAddress("127.0.0.1", port), 1500);
        connected = true;
      } catch (IOException e) {
        connected = false;
      } finally {
        plain.close();
      }
      assertTrue(!connected, "unsigned SYN from a neighbour with a password is dropped");
      assertEquals(BgpState.ACTIVE, sa.state(b));
    }
  }

  /** Issue 9: a port in use is an error that names the address and port. */
  @Test
  void aPortInUseIsNamedInTheError() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      BgpSpeakerConfig c = BgpSpeakerConfig.of(port, 65500, "192.0.2.100",
          List.of(Neighbor.of(InetAddress.getByName("127.0.0.25"), 65025))).withHost("127.0.0.1");
      BgpSpeaker s = new BgpSpeaker(c, new Ingest(new Rib(), RouteEventStream.NONE), Clock.systemUTC());
      Exception e = assertThrows(Exception.class, s::start);
      assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }
  }
}
