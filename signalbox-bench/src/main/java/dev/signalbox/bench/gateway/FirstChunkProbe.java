package dev.signalbox.bench.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measures the time to the first streamed chunk, one request at a time over one keep-alive
 * connection: from writing the request to the read that brought the first byte of the body. A
 * plain socket and a hand-rolled HTTP/1.1 reader, so nothing between the wire and the clock
 * buffers or parses more than it must.
 */
final class FirstChunkProbe {
  /**
   * Percentiles over the measured requests.
   *
   * @param ttfcP50Us median time to the first body chunk, microseconds
   * @param ttfcP99Us 99th percentile of it
   * @param totalP50Us median time to the end of the response
   * @param totalP99Us 99th percentile of it
   * @param overheadP50Us median of the {@code x-signalbox-overhead-us} header (-1 when absent)
   * @param errors requests that failed or did not answer 200
   */
  record Result(long ttfcP50Us, long ttfcP99Us, long totalP50Us, long totalP99Us, long overheadP50Us, int errors) {}

  private final String host;
  private final int port;
  private final byte[] request;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int limit;
  private long lastReadNanos;
  private Socket socket;
  private InputStream in;

  private FirstChunkProbe(String host, int port, byte[] request) {
    this.host = host;
    this.port = port;
    this.request = request;
  }

  /** Sends {@code warmup} unmeasured requests, then {@code count} measured ones. */
  static Result run(Target target, Load load, int warmup, int count) throws IOException {
    FirstChunkProbe probe = new FirstChunkProbe("127.0.0.1", target.port(), requestBytes(target, load));
    try {
      for (int i = 0; i < warmup; i++) {
        probe.once();
      }
      long[] ttfc = new long[count];
      long[] total = new long[count];
      long[] overhead = new long[count];
      int errors = 0;
      int n = 0;
      for (int i = 0; i < count; i++) {
        Exchange e = probe.once();
        if (e == null) {
          errors++;
          continue;
        }
        ttfc[n] = e.firstChunkNanos / 1000;
        total[n] = e.totalNanos / 1000;
        overhead[n] = e.overheadUs;
        n++;
      }
      if (n == 0) {
        return new Result(-1, -1, -1, -1, -1, errors);
      }
      return new Result(percentile(ttfc, n, 50), percentile(ttfc, n, 99), percentile(total, n, 50),
          percentile(total, n, 99), percentile(overhead, n, 50), errors);
    } finally {
      probe.close();
    }
  }

  private record Exchange(long firstChunkNanos, long totalNanos, long overheadUs) {}

  private static byte[] requestBytes(Target target, Load load) {
    byte[] body = target.body(load).getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("POST ").append(target.path(load)).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(target.port()).append("\r\n");
    target.headers(load).forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] all = Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  /** One request; null when it failed (the connection is then reopened). */
  private Exchange once() throws IOException {
    try {
      if (socket == null) {
        connect();
      }
      OutputStream out = socket.getOutputStream();
      long start = System.nanoTime();
      out.write(request);
      out.flush();
      Exchange e = readResponse(start);
      if (e == null) {
        close();
      }
      return e;
    } catch (IOException e) {
      close();
      return null;
    }
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(30_000);
    socket.connect(new InetSocketAddress(host, port), 5_000);
    in = socket.getInputStream();
    pos = 0;
    limit = 0;
  }

  private Exchange readResponse(long start) throws IOException {
    String status = line();
    boolean ok = status.startsWith("HTTP/1.1 200");
    long contentLength = -1;
    boolean chunked = false;
    boolean close = false;
    long overheadUs = -1;
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> contentLength = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> close = value.equalsIgnoreCase("close");
        case "x-signalbox-overhead-us" -> overheadUs = Long.parseLong(value);
        default -> { }
      }
    }
    long firstChunk = -1;
    if (chunked) {
      for (long size = chunkSize(); size > 0; size = chunkSize()) {
        ensure();
        if (firstChunk < 0) {
          firstChunk = lastReadNanos - start;
        }
        skip(size);
        line();
      }
      while (!line().isEmpty()) {
        // trailers
      }
    } else if (contentLength > 0) {
      ensure();
      firstChunk = lastReadNanos - start;
      skip(contentLength);
    } else {
      return null;
    }
    long total = System.nanoTime() - start;
    if (close) {
      close();
    }
    return ok && firstChunk >= 0 ? new Exchange(firstChunk, total, overheadUs) : null;
  }

  private long chunkSize() throws IOException {
    String s = line();
    int semi = s.indexOf(';');
    return Long.parseLong((semi < 0 ? s : s.substring(0, semi)).trim(), 16);
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      ensure();
      byte b = buf[pos++];
      if (b == '\n') {
        int len = sb.length();
        return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
      }
      sb.append((char) b);
    }
  }

  private void skip(long n) throws IOException {
    while (n > 0) {
      ensure();
      int take = (int) Math.min(n, limit - pos);
      pos += take;
      n -= take;
    }
  }

  /** Makes at least one unread byte available, reading (and timing the read) when there is none. */
  private void ensure() throws IOException {
    if (pos < limit) {
      return;
    }
    int n = in.read(buf, 0, buf.length);
    lastReadNanos = System.nanoTime();
    if (n < 0) {
      throw new IOException("connection closed");
    }
    pos = 0;
    limit = n;
  }

  private void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
    }
  }

  static long percentile(long[] values, int n, int pct) {
    long[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    int index = (int) Math.ceil(pct / 100.0 * n) - 1;
    return sorted[Math.max(0, Math.min(n - 1, index))];
  }
}
