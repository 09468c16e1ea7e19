package io.routemill.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code scripts/bench archive}, first step: writes (once) the BMP stream of PEERS peers x the generated full
 * table that {@code io.routemill.archiver.archive.ArchiveBenchmark} loads into a RIB, and prints its path and path
 * count. Same generator and seed as {@link CollectorBench}, so both benches share the file.
 */
public final class ArchiveBenchStream {
  private ArchiveBenchStream() {}

  public static void main(String[] args) throws Exception {
    int peers = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int ipv4 = args.length > 1 ? Integer.parseInt(args[1]) : 1_050_000;
    int ipv6 = args.length > 2 ? Integer.parseInt(args[2]) : 230_000;
    Path dir = Path.of(args.length > 3 ? args[3] : "bench/target");
    Files.createDirectories(dir);
    Path stream = dir.resolve("bmp-" + peers + "x" + ipv4 + "+" + ipv6 + ".bin");
    if (!Files.exists(stream)) {
      Path tmp = dir.resolve(stream.getFileName() + ".tmp");
      BmpStreamGenerator.write(tmp, new FullTable(ipv4, ipv6, 20240101L), peers);
      Files.move(tmp, stream);
    }
    System.out.println(stream.toAbsolutePath() + " " + (long) peers * (ipv4 + ipv6));
  }
}
