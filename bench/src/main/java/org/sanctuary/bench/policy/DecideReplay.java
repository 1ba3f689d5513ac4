package org.sanctuary.bench.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.sanctuary.policy.engine.PolicySetup;

/**
 * {@code ./sanctuary decide} over a year of requests, one per line, against its floor in the same
 * run: {@link JacksonFloor}, Jackson alone reading the same lines into trees and writing the same
 * bytes. Each is a fresh JVM with default settings, its standard output sent to the sink, timed
 * from start to exit (JVM start-up included for both); they take turns (decide, floor, decide,
 * floor, ...) so that a change in the machine's load falls on both.
 *
 * <p>Before the timed rounds both write to files once, and the files must be identical, byte for
 * byte. The timed rounds write to {@code /dev/null} (the default: what is measured is the work of
 * the two programs) or to a file (the page cache and the disk then add the same cost to both).
 *
 * <pre>
 * java -cp ... org.sanctuary.bench.policy.DecideReplay [--lines N] [--rounds R] [--sink null|file] [--dir DIR] [--jar JAR]
 * </pre>
 *
 * Defaults: a million lines, 5 rounds, {@code /dev/null}, {@code bench/target/decide-replay},
 * {@code app/target/sanctuary.jar} (what {@code ./sanctuary} runs).
 */
public final class DecideReplay {
  private static final double CLOCK_TICKS = 100; // Linux reports children's CPU time in 1/100 s

  private DecideReplay() {}

  public static void main(String[] args) throws Exception {
    int lines = 1_000_000;
    int rounds = 5;
    boolean toFile = false;
    Path dir = Path.of("bench/target/decide-replay");
    Path jar = Path.of("app/target/sanctuary.jar");
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : usage("missing value for " + args[i]);
      switch (args[i]) {
        case "--lines" -> lines = Integer.parseInt(value);
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--sink" -> toFile = switch (value) {
          case "null" -> false;
          case "file" -> true;
          default -> usage("--sink: want null or file");
        };
        case "--dir" -> dir = Path.of(value);
        case "--jar" -> jar = Path.of(value);
        default -> usage("unknown option " + args[i]);
      }
    }
    if (!Files.isRegularFile(jar)) usage("no " + jar + " (build it: ./mvnw -q -pl app -am -DskipTests package)");
    Files.createDirectories(dir);
    System.out.printf("writing %,d requests to %s ...%n", lines, dir.resolve(ReplayRequests.REQUESTS));
    ReplayRequests.write(dir, lines, ReplayRequests.SEED, PolicySetup.engine(null, Set.of()));
    System.out.printf("input %,d bytes%n", Files.size(dir.resolve(ReplayRequests.REQUESTS)));

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> decide = List.of(java, "-jar", jar.toString(), "decide", dir.resolve(ReplayRequests.REQUESTS).toString());
    List<String> floor = List.of(java, "-cp", System.getProperty("java.class.path"), JacksonFloor.class.getName(),
        dir.toString());
    Path decideOut = dir.resolve("decide.out");
    Path floorOut = dir.resolve("floor.out");
    try {
      run(decide, decideOut, dir);
      run(floor, floorOut, dir);
      sameBytes(decideOut, floorOut);
      System.out.printf("output %,d bytes, the same from both%n", Files.size(decideOut));
    } finally {
      Files.deleteIfExists(floorOut);
      Files.deleteIfExists(decideOut);
    }

    Path sink = toFile ? dir.resolve("timed.out") : Path.of("/dev/null");
    double[] decideRates = new double[rounds];
    double[] floorRates = new double[rounds];
    double[] ratios = new double[rounds];
    double[] cpuRatios = new double[rounds];
    try {
      for (int r = 0; r < rounds; r++) {
        String loadBefore = load();
        Timing d = run(decide, sink, dir);
        Timing f = run(floor, sink, dir);
        decideRates[r] = lines / d.wall();
        floorRates[r] = lines / f.wall();
        ratios[r] = d.wall() / f.wall();
        cpuRatios[r] = d.cpu() / f.cpu();
        System.out.printf("round %d: decide %.2f s (cpu %.2f s), %,.0f lines/s; floor %.2f s (cpu %.2f s), %,.0f lines/s;"
            + " ratio %.2f (cpu %.2f); load average %s -> %s%n", r + 1, d.wall(), d.cpu(), decideRates[r], f.wall(),
            f.cpu(), floorRates[r], ratios[r], cpuRatios[r], loadBefore, load());
      }
    } finally {
      if (toFile) Files.deleteIfExists(sink);
    }
    System.out.printf("median of %d rounds to %s: decide %,.0f lines/s, floor %,.0f lines/s, ratio %.2f"
        + " (goal: at most 2), cpu ratio %.2f%n", rounds, toFile ? "a file" : "/dev/null", median(decideRates),
        median(floorRates), median(ratios), median(cpuRatios));
  }

  /** Wall-clock and CPU seconds (user and system, all threads) of one process. */
  private record Timing(double wall, double cpu) {}

  /** Runs one command with standard output to {@code out}. */
  private static Timing run(List<String> command, Path out, Path dir) throws IOException, InterruptedException {
    Path err = dir.resolve("stderr.txt");
    double cpuBefore = childrenCpu();
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    int status = p.waitFor();
    double wall = (System.nanoTime() - start) / 1e9;
    if (status != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + status + ": "
          + Files.readString(err).strip());
    }
    return new Timing(wall, childrenCpu() - cpuBefore);
  }

  /** CPU seconds of the finished children of this process so far (Linux), or NaN. */
  private static double childrenCpu() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after the command name: state is field 3, cutime and cstime are fields 16 and 17
      return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / CLOCK_TICKS;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Fails, naming where, unless the two files hold the same bytes. */
  private static void sameBytes(Path a, Path b) throws IOException {
    try (InputStream x = Files.newInputStream(a); InputStream y = Files.newInputStream(b)) {
      byte[] bx = new byte[1 << 16];
      byte[] by = new byte[1 << 16];
      long at = 0;
      while (true) {
        int nx = x.readNBytes(bx, 0, bx.length);
        int ny = y.readNBytes(by, 0, by.length);
        int differ = Arrays.mismatch(bx, 0, nx, by, 0, ny);
        if (differ >= 0) throw new IllegalStateException("decide and the floor differ at byte " + (at + differ));
        if (nx == 0) return;
        at += nx;
      }
    }
  }

  private static String load() {
    try {
      return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    } catch (IOException e) {
      return "?";
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static <T> T usage(String problem) {
    System.err.println("DecideReplay: " + problem);
    System.err.println("usage: DecideReplay [--lines N] [--rounds R] [--sink null|file] [--dir DIR] [--jar JAR]");
    System.exit(2);
    return null;
  }
}
