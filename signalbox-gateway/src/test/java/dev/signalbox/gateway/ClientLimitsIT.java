package dev.signalbox.gateway;

import static dev.signalbox.gateway.GatewayFixture.chat;
import static dev.signalbox.gateway.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a slow, greedy or crafty client can do (the security probe's D3, D5, D6d, D10-D13): every
 * connection is bounded in time and memory, ambiguous framing is refused and closed, and a page
 * in a browser cannot reach the API.
 */
class ClientLimitsIT {
  private static GatewayFixture fx;
  private static int port;

  @BeforeAll
  static void start() {
    String yaml = GatewayFixture.BASE_CONFIG.replace(
        "server: {port: 0, max_body_bytes: 65536, event_loops: 2, shutdown_grace_ms: 500}",
        "server: {port: 0, max_body_bytes: 4194304, max_total_body_bytes: 8388608, event_loops: 2, "
            + "shutdown_grace_ms: 500, header_timeout_ms: 400, body_timeout_ms: 400, keepalive_timeout_ms: 700}");
    assertThat(yaml).contains("header_timeout_ms: 400");
    fx = GatewayFixture.start(yaml, Map.of());
    port = fx.gateway.port();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static String head(String method, String path, String... headers) {
    StringBuilder h = new StringBuilder(method + " " + path + " HTTP/1.1\r\nhost: 127.0.0.1:" + port + "\r\n");
    for (String header : headers) {
      h.append(header).append("\r\n");
    }
    return h.append("\r\n").toString();
  }

  private static double metric(String name) {
    return metric(fx, name);
  }

  private static double metric(GatewayFixture on, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(on.get("/metrics").body());
    assertThat(m.find()).as(name).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static HttpResponse<String> post(String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.base + "/v1/chat/completions"))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return fx.send(b);
  }

  // ---- time ----------------------------------------------------------------------------------

  @Test
  void aSilentConnection_isClosedAfterTheHeaderTimeout() throws IOException {
    try (RawClient c = new RawClient(port)) {
      long start = System.nanoTime();
      assertThat(c.closedWithin(3_000)).isTrue();
      assertThat((System.nanoTime() - start) / 1e6).isGreaterThan(300);
    }
  }

  @Test
  void slowloris_sendingAHeaderByteAtATime_isClosedAfterTheHeaderTimeout() throws Exception {
    try (RawClient c = new RawClient(port)) {
      c.send("POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\n");
      boolean closed = false;
      long start = System.nanoTime();
      for (int i = 0; i < 40 && !closed; i++) {
        try {
          c.send("x");
          closed = c.closedWithin(100);
        } catch (IOException reset) {
          closed = true;
        }
      }
      assertThat(closed).as("closed while still trickling").isTrue();
      assertThat((System.nanoTime() - start) / 1e9).isLessThan(3.0);
    }
  }

  @Test
  void aBodyThatStopsArriving_gets408AndIsClosed() throws IOException {
    try (RawClient c = new RawClient(port)) {
      c.send(head("POST", "/v1/chat/completions", "content-type: application/json", "content-length: 1000"))
          .send("{\"model\":\"cheap\",");
      String answer = c.readUntilClosed(3_000);
      assertThat(answer).startsWith("HTTP/1.1 408").contains("request_timeout", "server.body_timeout_ms");
    }
  }

  @Test
  void anIdleKeepAliveConnection_isClosedAfterTheKeepAliveTimeout() throws IOException {
    try (RawClient c = new RawClient(port)) {
      c.send(head("GET", "/health"));
      assertThat(c.readResponse()).startsWith("HTTP/1.1 200").contains("\"ok\"");
      long start = System.nanoTime();
      assertThat(c.closedWithin(3_000)).isTrue();
      assertThat((System.nanoTime() - start) / 1e6).isGreaterThan(500);
    }
  }

  // ---- memory --------------------------------------------------------------------------------

  @Test
  void aDeclaredContentLength_allocatesNothing_untilTheBytesArrive() throws Exception {
    double allocatedBefore = metric("jvm_allocated_bytes_total");
    List<RawClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) { // 40 x 4 MB declared: 160 MB if the server reserved it
        clients.add(new RawClient(port).send(head("POST", "/v1/chat/completions", "content-type: application/json",
            "content-length: 4000000")).send("{\"model\":\"cheap\",\"messages\":[{\"role\":\"user\",\"content\":\"x"));
      }
      Thread.sleep(200);
      assertThat(metric("signalbox_request_body_bytes")).isLessThan(40 * 200);
      assertThat(metric("jvm_allocated_bytes_total") - allocatedBefore).isLessThan(40e6);
      HttpResponse<String> other = post(chat("cheap", "still served"), "content-type", "application/json");
      assertThat(other.statusCode()).isEqualTo(200);
    } finally {
      for (RawClient c : clients) {
        c.close();
      }
    }
  }

  @Test
  void bodiesPastTheGatewayWideBudget_get503_andTheBudgetIsReturned() throws Exception {
    // its own gateway, with the default body timeout: a loaded machine must not time the holders out
    String yaml = GatewayFixture.BASE_CONFIG.replace(
        "server: {port: 0, max_body_bytes: 65536, event_loops: 2, shutdown_grace_ms: 500}",
        "server: {port: 0, max_body_bytes: 4194304, max_total_body_bytes: 8388608, event_loops: 2}");
    try (GatewayFixture budget = GatewayFixture.start(yaml, Map.of())) {
      int budgetPort = budget.gateway.port();
      byte[] threeMb = new byte[3 << 20];
      java.util.Arrays.fill(threeMb, (byte) 'x');
      List<RawClient> holders = new ArrayList<>();
      String refusal = null;
      try {
        for (int i = 0; i < 3; i++) {
          RawClient c = new RawClient(budgetPort);
          holders.add(c);
          c.send("POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
              + "content-length: 4000000\r\n\r\n{\"model\":\"cheap\",\"pad\":\"").send(threeMb);
          if (i < 2) {
            awaitMetric(budget, "signalbox_request_body_bytes", 3.0 * (i + 1) * (1 << 20));
          } else {
            refusal = c.readUntilClosed(5_000);
          }
        }
        assertThat(refusal).startsWith("HTTP/1.1 503").contains("gateway_overloaded", "server.max_total_body_bytes");
      } finally {
        for (RawClient c : holders) {
          c.close();
        }
      }
      awaitMetric(budget, "signalbox_request_body_bytes", 0);
      assertThat(metric(budget, "signalbox_request_body_bytes")).isZero();
      assertThat(metric(budget, "signalbox_request_body_bytes_peak")).isLessThanOrEqualTo(8388608);
      assertThat(budget.post("/v1/chat/completions", chat("cheap", "after")).statusCode()).isEqualTo(200);
    }
  }

  /** Waits until a gauge reaches {@code value} (from below, or down to 0). */
  private static void awaitMetric(GatewayFixture on, String name, double value) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      double now = metric(on, name);
      if (value == 0 ? now == 0 : now >= value) {
        return;
      }
      Thread.sleep(20);
    }
  }

  @Test
  void aBodyOverTheLimit_gets413_andTheConnectionClosesInsteadOfTakingItAll() throws Exception {
    try (RawClient c = new RawClient(port)) {
      c.send(head("POST", "/v1/chat/completions", "content-type: application/json", "transfer-encoding: chunked"));
      byte[] chunk = ("100000\r\n" + "x".repeat(0x100000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      long written = 0;
      try {
        for (int i = 0; i < 200; i++) { // up to 200 MB
          c.send(chunk);
          written += chunk.length;
        }
      } catch (IOException closedOnUs) {
        // expected: the server closed after its 413 and a bounded lingering read
      }
      assertThat(written).isLessThan(40L << 20);
    }
    try (RawClient c = new RawClient(port)) {
      c.send(head("POST", "/v1/chat/completions", "content-type: application/json", "content-length: 5000000"));
      assertThat(c.readUntilClosed(3_000)).startsWith("HTTP/1.1 413").contains("server.max_body_bytes");
    }
  }

  // ---- framing -------------------------------------------------------------------------------

  @Test
  void expect100Continue_isAnswered_andRefusedForABodyOverTheLimit() throws IOException {
    String body = chat("cheap", "hi");
    try (RawClient c = new RawClient(port)) {
      c.send(head("POST", "/v1/chat/completions", "content-type: application/json", "expect: 100-continue",
          "content-length: " + body.getBytes(StandardCharsets.UTF_8).length));
      assertThat(c.readResponse()).startsWith("HTTP/1.1 100 Continue");
      c.send(body);
      assertThat(c.readResponse()).startsWith("HTTP/1.1 200");
    }
    try (RawClient c = new RawClient(port)) {
      c.send(head("POST", "/v1/chat/completions", "content-type: application/json", "expect: 100-continue",
          "content-length: 9000000"));
      assertThat(c.readUntilClosed(3_000)).startsWith("HTTP/1.1 413").doesNotContain("100 Continue");
    }
  }

  @Test
  void contentLengthWithTransferEncoding_isRefusedAndClosed_soNothingIsSmuggled() throws IOException {
    try (RawClient c = new RawClient(port)) {
      c.send("POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
          + "content-length: 5\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n"
          + "GET /admin/endpoints HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n");
      String answer = c.readUntilClosed(3_000);
      assertThat(answer).startsWith("HTTP/1.1 400").contains("invalid_framing").doesNotContain("small/0");
      assertThat(answer.split("HTTP/1.1 ", -1)).hasSize(2); // one response, then the close
    }
  }

  @Test
  void oddTransferCodingsAndAMissingHost_areRefused() throws IOException {
    String[][] cases = {
      {"transfer-encoding: chunked, identity", "400", "invalid_framing"},
      {"transfer-encoding: gzip, chunked", "501", "unsupported_transfer_encoding"},
    };
    for (String[] k : cases) {
      try (RawClient c = new RawClient(port)) {
        c.send(head("POST", "/v1/chat/completions", "content-type: application/json", k[0]) + "0\r\n\r\n");
        assertThat(c.readUntilClosed(3_000)).as(k[0]).startsWith("HTTP/1.1 " + k[1]).contains(k[2]);
      }
    }
    try (RawClient c = new RawClient(port)) {
      c.send("GET /health HTTP/1.1\r\n\r\n");
      assertThat(c.readUntilClosed(3_000)).startsWith("HTTP/1.1 400").contains("invalid_host");
    }
  }

  @Test
  void duplicateKeysAndOverlongUtf8_areRefused_beforeAnyUpstreamCall() {
    long before = fx.replica("small", 0).stats().received() + fx.replica("small", 1).stats().received();
    HttpResponse<String> dup = post("{\"model\":\"small\",\"model\":\"large\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
        "content-type", "application/json");
    assertThat(dup.statusCode()).isEqualTo(400);
    assertThat(json(dup.body()).at("/error/message").asText()).contains("Duplicate field 'model'");
    byte[] overlong = "{\"model\":\"small\",\"messages\":[{\"role\":\"user\",\"content\":\"a\u0001b\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    int at = new String(overlong, StandardCharsets.UTF_8).indexOf('\u0001');
    byte[] bad = new byte[overlong.length + 1];
    System.arraycopy(overlong, 0, bad, 0, at);
    bad[at] = (byte) 0xC0; // C0 AF: '/' in an overlong two-byte form
    bad[at + 1] = (byte) 0xAF;
    System.arraycopy(overlong, at + 1, bad, at + 2, overlong.length - at - 1);
    HttpResponse<String> utf = fx.send(HttpRequest.newBuilder(URI.create(fx.base + "/v1/chat/completions"))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bad)));
    assertThat(utf.statusCode()).isEqualTo(400);
    assertThat(json(utf.body()).at("/error/message").asText()).contains("not valid UTF-8");
    long after = fx.replica("small", 0).stats().received() + fx.replica("small", 1).stats().received();
    assertThat(after).isEqualTo(before);
  }

  // ---- browsers ------------------------------------------------------------------------------

  @Test
  void aBodyThatIsNotJson_gets415() {
    for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", null}) {
      HttpResponse<String> r = type == null ? post(chat("cheap", "hi")) : post(chat("cheap", "hi"), "content-type", type);
      assertThat(r.statusCode()).as(String.valueOf(type)).isEqualTo(415);
      assertThat(json(r.body()).at("/error/code").asText()).isEqualTo("unsupported_media_type");
    }
    assertThat(post(chat("cheap", "hi"), "content-type", "application/json; charset=utf-8").statusCode()).isEqualTo(200);
  }

  @Test
  void aForeignHostOrOrigin_isRefused_onALoopbackGateway() throws IOException {
    try (RawClient c = new RawClient(port)) { // a rebound DNS name: the page's own host
      c.send("GET /admin/endpoints HTTP/1.1\r\nhost: attacker.example:" + port + "\r\n\r\n");
      assertThat(c.readResponse()).startsWith("HTTP/1.1 403").contains("host_not_allowed").doesNotContain("small/0");
    }
    HttpResponse<String> crossOrigin = post(chat("cheap", "hi"), "content-type", "application/json",
        "origin", "http://attacker.example");
    assertThat(crossOrigin.statusCode()).isEqualTo(403);
    assertThat(json(crossOrigin.body()).at("/error/code").asText()).isEqualTo("origin_not_allowed");
    assertThat(crossOrigin.headers().firstValue("access-control-allow-origin")).isEmpty();
    HttpResponse<String> sameOrigin = post(chat("cheap", "hi"), "content-type", "application/json",
        "origin", "http://127.0.0.1:" + port);
    assertThat(sameOrigin.statusCode()).isEqualTo(200);
  }

  @Test
  void cors_whenConfigured_answersPreflightsAndAllowsOnlyItsOrigins() throws Exception {
    String yaml = GatewayFixture.BASE_CONFIG.replace("shutdown_grace_ms: 500}",
        "shutdown_grace_ms: 500, cors: {allowed_origins: [\"https://app.example.com\"], max_age_s: 60}}");
    try (GatewayFixture cors = GatewayFixture.start(yaml, Map.of())) {
      HttpResponse<String> preflight = cors.send(HttpRequest.newBuilder(URI.create(cors.base + "/v1/chat/completions"))
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("origin", "https://app.example.com")
          .header("access-control-request-method", "POST").header("access-control-request-headers", "content-type"));
      assertThat(preflight.statusCode()).isEqualTo(204);
      assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains("https://app.example.com");
      assertThat(preflight.headers().firstValue("access-control-allow-headers").orElseThrow()).contains("content-type");
      assertThat(preflight.headers().firstValue("access-control-max-age")).contains("60");

      HttpResponse<String> allowed = cors.send(HttpRequest.newBuilder(URI.create(cors.base + "/v1/chat/completions"))
          .header("content-type", "application/json").header("origin", "https://app.example.com")
          .POST(HttpRequest.BodyPublishers.ofString(chat("cheap", "hi"))));
      assertThat(allowed.statusCode()).isEqualTo(200);
      assertThat(allowed.headers().firstValue("access-control-allow-origin")).contains("https://app.example.com");
      assertThat(allowed.headers().firstValue("access-control-expose-headers").orElseThrow()).contains("x-request-id");

      HttpResponse<String> other = cors.send(HttpRequest.newBuilder(URI.create(cors.base + "/v1/chat/completions"))
          .header("content-type", "application/json").header("origin", "https://evil.example.com")
          .POST(HttpRequest.BodyPublishers.ofString(chat("cheap", "hi"))));
      assertThat(other.statusCode()).isEqualTo(403);
    }
  }
}
