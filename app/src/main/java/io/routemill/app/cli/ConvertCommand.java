package io.routemill.app.cli;

import io.routemill.archiver.archive.ArchiveStore;
import io.routemill.archiver.archive.UpdateRows;
import io.routemill.wire.mrt.MrtDecoder;
import io.routemill.wire.mrt.MrtInputs;
import io.routemill.wire.mrt.MrtMessage;
import io.routemill.wire.mrt.MrtMessage.BgpMessageRecord;
import io.routemill.wire.mrt.MrtMessage.PeerIndexTable;
import io.routemill.wire.mrt.MrtMessage.RibEntry;
import io.routemill.wire.mrt.MrtMessage.RibRecord;
import io.routemill.wire.mrt.MrtMessage.StateChange;
import io.routemill.wire.mrt.MrtMessage.TableDump;
import io.routemill.wire.mrt.MrtProblem;
import io.routemill.wire.mrt.MrtReader;
import io.routemill.wire.mrt.MrtRecord;
import io.routemill.archiver.parquet.AttributeColumns;
import io.routemill.archiver.parquet.RouteParquetWriter;
import io.routemill.archiver.parquet.RouteRow;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Update;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.parquet.io.api.Binary;

/**
 * {@code routemill convert FILE... --to parquet DIR [--collector NAME]}: turns MRT files (RIS, RouteViews, any
 * RFC 6396/8050 file, routemill's own) into Parquet files of the archive's schema, one per input:
 * {@code DIR/NAME.parquet} without the .gz/.bz2. Update files (BGP4MP, BGP4MP_ET, the deprecated BGP type) become
 * the {@code updates} table, one row per line {@code bgpdump -m} prints; RIB files (TABLE_DUMP, TABLE_DUMP_V2)
 * become the {@code routes} table, one row per RIB entry. MRT carries no router or view: {@code router} is the
 * collector's name and {@code view} is {@code bgp}, as for routemill's own direct sessions. DIR may be a Hadoop
 * URI ({@code file:///…}, {@code hdfs://…}); files are written under a temporary name and renamed.
 */
final class ConvertCommand {
  static final String USAGE = "usage: routemill convert FILE... --to parquet DIR [--collector NAME]";

  private ConvertCommand() {}

  static int run(List<String> args, PrintStream stdout, PrintStream err) {
    List<String> files = new ArrayList<>();
    String dir = null;
    String collector = "unknown";
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--to")) {
        if (i + 2 >= args.size() || !args.get(i + 1).equals("parquet")) {
          err.println("routemill convert: --to needs 'parquet DIR'");
          err.println(USAGE);
          return RoutemillCli.EXIT_USAGE;
        }
        dir = args.get(i + 2);
        i += 2;
      } else if (a.equals("--collector")) {
        if (i + 1 >= args.size()) {
          err.println(USAGE);
          return RoutemillCli.EXIT_USAGE;
        }
        collector = args.get(++i);
      } else if (a.startsWith("--")) {
        err.println("routemill convert: unknown option " + a);
        err.println(USAGE);
        return RoutemillCli.EXIT_USAGE;
      } else {
        files.add(a);
      }
    }
    if (files.isEmpty() || dir == null) {
      err.println(USAGE);
      return RoutemillCli.EXIT_USAGE;
    }
    ArchiveStore store;
    try {
      URI uri = dir.contains("://") ? URI.create(dir) : Path.of(dir).toAbsolutePath().normalize().toUri();
      store = new ArchiveStore(uri);
      store.fs().mkdirs(store.root());
    } catch (IOException | RuntimeException e) {
      err.println("routemill convert: cannot use " + dir + ": " + e.getMessage());
      return RoutemillCli.EXIT_UNREADABLE;
    }
    int status = RoutemillCli.EXIT_OK;
    for (String file : files) {
      status = Math.max(status, convert(file, store, collector, stdout, err));
    }
    return status;
  }

  private static int convert(String file, ArchiveStore store, String collector, PrintStream stdout, PrintStream err) {
    String name = Path.of(file).getFileName().toString().replaceFirst("\\.(gz|bz2)$", "") + ".parquet";
    org.apache.hadoop.fs.Path target = store.resolve(name);
    org.apache.hadoop.fs.Path tmp = store.temporary(target);
    boolean[] skipped = {false};
    Consumer<MrtProblem> problems = p -> {
      if (p.skipped()) skipped[0] = true;
      err.println("routemill: " + p);
    };
    Converter c = new Converter(store, tmp, collector);
    try (MrtReader reader = new MrtReader(MrtInputs.open(Path.of(file)), file, problems)) {
      MrtDecoder decoder = new MrtDecoder(file, problems);
      MrtRecord r;
      while ((r = reader.next()) != null) c.accept(decoder.decode(r));
      c.close();
      org.apache.hadoop.fs.Path published = store.publish(tmp, target);
      stdout.println(published + ": " + c.rows + " rows (" + (c.routes ? "routes" : "updates") + ")");
    } catch (NoSuchFileException e) {
      c.abandon();
      err.println("routemill: " + file + ": no such file");
      return RoutemillCli.EXIT_UNREADABLE;
    } catch (IOException | RuntimeException e) {
      c.abandon();
      err.println("routemill: " + file + ": " + e.getMessage());
      return RoutemillCli.EXIT_UNREADABLE;
    }
    return skipped[0] ? RoutemillCli.EXIT_SKIPPED : RoutemillCli.EXIT_OK;
  }

  /** One file's rows; the table (routes or updates) is chosen by the first record that has rows. */
  private static final class Converter {
    private final ArchiveStore store;
    private final org.apache.hadoop.fs.Path tmp;
    private final RouteRow row = new RouteRow();
    private final Binary view = Binary.fromString("bgp");
    private RouteParquetWriter writer;
    private PeerIndexTable peers;
    private final List<Binary[]> peerColumns = new ArrayList<>();
    boolean routes;
    long rows;

    Converter(ArchiveStore store, org.apache.hadoop.fs.Path tmp, String collector) {
      this.store = store;
      this.tmp = tmp;
      row.collector = Binary.fromString(collector);
      row.router = row.collector;
      row.view = view;
    }

    private RouteParquetWriter writer(boolean ribRecords) throws IOException {
      if (writer == null) {
        routes = ribRecords;
        store.fs().mkdirs(tmp.getParent());
        writer = new RouteParquetWriter(store.conf(), tmp, !ribRecords);
      }
      return ribRecords == routes ? writer : null;
    }

    void accept(MrtMessage m) throws IOException {
      if (m instanceof PeerIndexTable p) {
        peers = p;
        peerColumns.clear();
        for (MrtMessage.Peer peer : p.peers()) {
          peerColumns.add(new Binary[] {Binary.fromString(IpAddresses.format(peer.address())),
              Binary.fromString(IpAddresses.format(peer.bgpId()))});
        }
      } else if (m instanceof RibRecord r) {
        RouteParquetWriter w = writer(true);
        if (w == null || peers == null) return;
        row.clearRoute();
        prefix(r.prefix());
        for (RibEntry e : r.entries()) {
          if (e.peerIndex() >= peers.peers().size()) continue;
          MrtMessage.Peer peer = peers.peers().get(e.peerIndex());
          Binary[] pc = peerColumns.get(e.peerIndex());
          row.peerAddress = pc[0];
          row.peerBgpId = pc[1];
          row.peerAsn = peer.asn();
          row.timestampMicros = e.originatedTime() * 1_000_000L;
          row.pathId = r.addPath() ? e.pathId() : -1;
          row.attributes = AttributeColumns.of(e.attributes());
          row.mpNextHop = true;
          w.write(row);
          rows++;
        }
      } else if (m instanceof TableDump t) {
        RouteParquetWriter w = writer(true);
        if (w == null) return;
        row.clearRoute();
        prefix(t.prefix());
        row.peerAddress = Binary.fromString(IpAddresses.format(t.peerAddress()));
        row.peerBgpId = null;
        row.peerAsn = t.peerAs();
        row.timestampMicros = t.originatedTime() * 1_000_000L;
        row.attributes = AttributeColumns.of(t.attributes());
        row.mpNextHop = !t.prefix().isIpv4(); // MP_REACH's next hop for IPv6 entries, as bgpdump
        w.write(row);
        rows++;
      } else if (m instanceof BgpMessageRecord b && b.message() instanceof Update u) {
        RouteParquetWriter w = writer(false);
        if (w == null) return;
        row.clearRoute();
        session(b.header(), b.peerAddress(), b.peerAs());
        rows += UpdateRows.write(u, row, w);
      } else if (m instanceof StateChange s) {
        RouteParquetWriter w = writer(false);
        if (w == null) return;
        row.clearRoute();
        session(s.header(), s.peerAddress().length == 0 ? new byte[4] : s.peerAddress(), s.peerAs());
        row.afi = s.peerAddress().length == 16 ? AfiSafi.AFI_IPV6 : AfiSafi.AFI_IPV4;
        row.type = RouteRow.STATE;
        row.oldState = s.oldState();
        row.newState = s.newState();
        w.write(row);
        rows++;
      }
    }

    private void session(MrtMessage.MrtHeader h, byte[] peer, long peerAs) {
      row.timestampMicros = h.timestamp() * 1_000_000L + Math.max(0, h.microseconds());
      row.peerAddress = Binary.fromString(IpAddresses.format(peer));
      row.peerBgpId = null;
      row.peerAsn = peerAs;
    }

    private void prefix(Prefix p) {
      row.afi = p.afi();
      row.prefix = Binary.fromString(p.toString());
      row.prefixAddress = Binary.fromConstantByteArray(p.address());
      row.prefixLength = p.length();
    }

    void close() throws IOException {
      if (writer == null) writer(false); // an empty file still gets an (empty) updates table
      writer.close();
    }

    void abandon() {
      if (writer != null) {
        try {
          writer.close();
        } catch (IOException | RuntimeException ignored) {
          // discarded below
        }
      }
      store.discard(tmp);
    }
  }
}
