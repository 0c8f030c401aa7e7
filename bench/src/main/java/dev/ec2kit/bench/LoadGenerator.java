package dev.ec2kit.bench;

import dev.ec2kit.Ec2;
import dev.ec2kit.InstanceQuery;
import dev.ec2kit.Transport;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A wrk-style load generator for the emulator: C keep-alive connections, each sending one signed
 * request again and again (signed once, as wrk replays one request), for a fixed time; prints
 * requests per second and latency percentiles for DescribeInstances (100 instances in the account)
 * and DescribeRegions at 8 and 64 connections. The emulator runs in this process, as in the JMH
 * benchmark; on 2 cores client and server share them. Run: {@code java -cp
 * bench/target/benchmarks.jar dev.ec2kit.bench.LoadGenerator [SECONDS]}.
 */
public final class LoadGenerator {
  /** moto's figures on this kind of machine (wrk, 8 connections), as issue 13 recorded them. */
  private static final double MOTO_INSTANCES = 2.7;

  private static final double MOTO_REGIONS = 92;

  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    try (Fleet fleet = new Fleet(100)) {
      byte[] instances =
          signed(fleet, ec2 -> ec2.instances().describe(InstanceQuery.builder().build()));
      byte[] regions = signed(fleet, ec2 -> ec2.regions().describe());
      System.out.println("| call | connections | requests/s | p50 (ms) | p99 (ms) | errors |");
      System.out.println("|---|---|---|---|---|---|");
      for (String name : List.of("DescribeInstances (100)", "DescribeRegions")) {
        byte[] request = name.startsWith("DescribeInstances") ? instances : regions;
        for (int connections : new int[] {8, 64}) {
          run(fleet, request, connections, Math.max(1, seconds / 3)); // warm-up
          Result r = run(fleet, request, connections, seconds);
          System.out.printf(
              "| %s | %d | %.0f | %.2f | %.2f | %d |%n",
              name, connections, r.perSecond(), r.percentile(50), r.percentile(99), r.errors());
          if (connections == 8) {
            double moto = name.startsWith("DescribeInstances") ? MOTO_INSTANCES : MOTO_REGIONS;
            double target = name.startsWith("DescribeInstances") ? 100 : 30;
            Summary.row(
                "Emulator " + name + ", 8 connections",
                String.format("%.0f req/s (p99 %.1f ms)", r.perSecond(), r.percentile(99)),
                String.format("moto %.1f req/s (recorded with wrk, issue 13)", moto),
                String.format("%.0fx", r.perSecond() / moto),
                String.format(">= %.0fx", target),
                r.perSecond() / moto >= target && r.errors() == 0);
          }
        }
      }
    }
  }

  /** The request our client sends for {@code call}, as bytes on the wire (signed now). */
  private static byte[] signed(Fleet fleet, Consumer<Ec2> call) {
    AtomicReference<Transport.Request> seen = new AtomicReference<>();
    Transport jdk = Transport.jdk();
    Ec2 capturing =
        Ec2.builder()
            .identity(fleet.ec2.identity())
            .transport(
                r -> {
                  seen.compareAndSet(null, r);
                  return jdk.send(r);
                })
            .build();
    call.accept(capturing);
    Transport.Request r = seen.get();
    StringBuilder head =
        new StringBuilder(r.method() + " " + r.uri().getRawPath() + " HTTP/1.1\r\n");
    head.append("Host: ").append(r.uri().getAuthority()).append("\r\n");
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    head.append("Content-Length: ").append(r.body().length).append("\r\n\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(r.body());
    return out.toByteArray();
  }

  record Result(long requests, long errors, double seconds, long[] latencies) {
    double perSecond() {
      return requests / seconds;
    }

    double percentile(int p) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(latencies.length - 1, Math.ceil(p / 100.0 * latencies.length) - 1);
      return latencies[Math.max(0, i)] / 1e6;
    }
  }

  private static Result run(Fleet fleet, byte[] request, int connections, int seconds)
      throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<long[]> perThread = new ArrayList<>();
    long[] counts = new long[connections * 2];
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      int index = c;
      long[] lat = new long[1 << 20];
      perThread.add(lat);
      Thread t =
          new Thread(
              () -> {
                int n = 0;
                long errors = 0;
                try (Socket s =
                    new Socket(
                        fleet.local.endpoint().getHost(), fleet.local.endpoint().getPort())) {
                  s.setTcpNoDelay(true);
                  OutputStream out = s.getOutputStream();
                  InputStream in = new BufferedInputStream(s.getInputStream(), 65536);
                  while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    out.write(request);
                    out.flush();
                    if (readResponse(in) != 200) {
                      errors++;
                    }
                    if (n < lat.length) {
                      lat[n] = System.nanoTime() - t0;
                    }
                    n++;
                  }
                } catch (IOException e) {
                  errors++;
                }
                counts[index * 2] = n;
                counts[index * 2 + 1] = errors;
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double took = (System.nanoTime() - start) / 1e9;
    long total = 0;
    long errors = 0;
    for (int c = 0; c < connections; c++) {
      total += counts[c * 2];
      errors += counts[c * 2 + 1];
    }
    long[] all = new long[(int) Math.min(total, Integer.MAX_VALUE - 8)];
    int k = 0;
    for (int c = 0; c < connections; c++) {
      int n = (int) Math.min(counts[c * 2], perThread.get(c).length);
      System.arraycopy(perThread.get(c), 0, all, k, n);
      k += n;
    }
    long[] sorted = Arrays.copyOf(all, k);
    Arrays.sort(sorted);
    return new Result(total, errors, took, sorted);
  }

  /** Reads one HTTP/1.1 response with a Content-Length body; returns its status. */
  private static int readResponse(InputStream in) throws IOException {
    String status = line(in);
    int code = Integer.parseInt(status.substring(9, 12));
    int length = -1;
    for (String h; !(h = line(in)).isEmpty(); ) {
      if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(h.substring(15).trim());
      }
    }
    if (length < 0) {
      throw new IOException("no Content-Length in the answer");
    }
    in.skipNBytes(length);
    return code;
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }
}
