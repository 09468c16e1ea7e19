package io.routemill.app.bgp;

import io.routemill.testkit.Await;
import io.routemill.testkit.Daemon;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One gobgpd peering with routemill, and its CLI ({@code gobgp -p API_PORT}). */
final class GobgpSpeaker implements AutoCloseable {
  static final Duration CLI = Duration.ofSeconds(30);
  final String name;
  final int apiPort;
  final Path config;
  final Path dir;
  Daemon daemon;

  private GobgpSpeaker(String name, Path dir, Path config, int apiPort) {
    this.name = name;
    this.dir = dir;
    this.config = config;
    this.apiPort = apiPort;
  }

  static GobgpSpeaker start(String name, Path dir, int apiPort, String toml) throws IOException {
    Path config = dir.resolve(name + ".toml");
    Files.writeString(config, toml);
    GobgpSpeaker g = new GobgpSpeaker(name, dir, config, apiPort);
    g.restart(false);
    return g;
  }

  /** Starts the daemon (again); {@code gracefulRestart} adds {@code -r} (restarting speaker, R bit). */
  void restart(boolean gracefulRestart) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("gobgpd", "-f", config.toString(), "--api-hosts",
        "127.0.0.1:" + apiPort, "--pprof-disable", "-p", "-l", "info"));
    if (gracefulRestart) cmd.add("-r");
    Daemon d = Daemon.start(name, dir, cmd);
    daemon = d;
    Await.until(() -> {
      d.assertAlive();
      return cli("global").ok();
    }, Duration.ofSeconds(15), () -> name + " API not answering; log:\n" + d.logTail(2000));
  }

  /** SIGKILL: the TCP connection dies without a NOTIFICATION, as in a crash (graceful restart). */
  void kill() {
    ProcessHandle.of(daemon.pid()).ifPresent(ProcessHandle::destroyForcibly);
    Await.until(() -> !daemon.isAlive(), Duration.ofSeconds(10), () -> name + " still alive");
  }

  Daemon.Result cli(String... args) {
    List<String> cmd = new ArrayList<>(List.of("gobgp", "-p", Integer.toString(apiPort)));
    cmd.addAll(List.of(args));
    return Daemon.run(CLI, cmd);
  }

  Daemon.Result cliOk(String... args) {
    return cli(args).assertOk();
  }

  int sessionState(String neighbor) {
    Daemon.Result r = cli("neighbor", neighbor, "-j");
    if (!r.ok()) return 0;
    return new JsonObject(r.stdout()).getJsonObject("state", new JsonObject()).getInteger("session_state", 0);
  }

  /** What gobgpd says it advertised to {@code neighbor}: both families, one entry per path. */
  Collector.Routes adjOut(String neighbor) {
    Collector.Routes t = new Collector.Routes();
    for (String family : new String[] {"ipv4", "ipv6"}) {
      String out = cliOk("neighbor", neighbor, "adj-out", "-a", family, "-j").stdout().strip();
      if (out.isEmpty() || out.equals("null")) continue;
      JsonObject json = new JsonObject(out);
      for (String prefix : json.fieldNames()) {
        JsonArray paths = json.getJsonArray(prefix);
        for (int i = 0; i < paths.size(); i++) {
          JsonObject p = paths.getJsonObject(i);
          String[] a = attrs(p.getJsonArray("attrs"));
          t.add(io.routemill.wire.bgp.Prefix.parse(prefix).toString(), p.getLong("id", -1L), a[0], a[1]);
        }
      }
    }
    return t;
  }

  /** {asPath as routemill prints it, nextHop}. */
  static String[] attrs(JsonArray attrs) {
    String asPath = "";
    String nextHop = null;
    for (int i = 0; i < attrs.size(); i++) {
      JsonObject a = attrs.getJsonObject(i);
      switch (a.getInteger("type")) {
        case 2: {
          List<String> parts = new ArrayList<>();
          JsonArray segs = a.getJsonArray("as_paths", new JsonArray());
          for (int s = 0; s < segs.size(); s++) {
            JsonObject seg = segs.getJsonObject(s);
            List<String> asns = new ArrayList<>();
            JsonArray list = seg.getJsonArray("asns");
            for (int k = 0; k < list.size(); k++) asns.add(list.getValue(k).toString());
            int type = seg.getInteger("segment_type");
            parts.add(type == 1 ? "{" + String.join(",", asns) + "}" : String.join(" ", asns));
          }
          asPath = String.join(" ", parts);
          break;
        }
        case 3:
          nextHop = a.getString("nexthop");
          break;
        case 14: {
          Object nh = a.getValue("nexthop");
          if (nh instanceof String s) nextHop = s;
          else if (nh instanceof JsonArray arr && !arr.isEmpty()) nextHop = arr.getString(0);
          break;
        }
        default:
          break;
      }
    }
    return new String[] {asPath, nextHop};
  }

  @Override
  public void close() {
    if (daemon != null) daemon.stop();
  }
}
