package dev.signalbox.gateway;

import static dev.signalbox.gateway.GatewayFixture.chat;
import static dev.signalbox.gateway.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An upstream that misbehaves (the security probe's D1, D2, D7, D8 and the first-use report's
 * 401 and HTML answers): one event loop and one connection per upstream address, so every
 * request shares the connection a misbehaving answer came on, as in the probe's repro. No
 * answer may reach another request, and nothing the gateway relays may carry its own key.
 */
class MisbehavingUpstreamIT {
  private static final String SECRET = "sk-gateway-SECRET-0123456789";
  private static final List<String> MODES = List.of("echo", "early103", "continue100", "upgrade101", "extra",
      "extra_partial", "unsolicited", "gzip", "redirect", "401", "403", "html", "err500_echo_auth", "err400_echo_auth");

  private MisbehavingUpstream upstream;
  private GatewayFixture fx;

  @BeforeEach
  void start() throws Exception {
    upstream = new MisbehavingUpstream();
    StringBuilder yaml = new StringBuilder("""
        server: {port: 0, event_loops: 1, shutdown_grace_ms: 200}
        upstream:
          max_connections_per_endpoint: 1
          max_attempts: 1
          first_byte_timeout_ms: 3000
          health_check: {enabled: false}
        models:
        """);
    for (String mode : MODES) {
      yaml.append(upstream.model("m-" + mode, mode));
    }
    yaml.append("routes:\n  - {name: auto, policy: fixed, model: m-echo}\n");
    fx = GatewayFixture.start(yaml.toString(), Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    fx.close();
    upstream.close();
  }

  private CompletableFuture<HttpResponse<String>> postAsync(String model, String text) {
    return fx.http.sendAsync(HttpRequest.newBuilder(URI.create(fx.base + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(chat(model, text))).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String content(HttpResponse<String> r) {
    return json(r.body()).at("/choices/0/message/content").asText();
  }

  /**
   * A misbehaving answer for A, while six other callers queue for the same connection: each of
   * them must get the echo of its own message.
   */
  private HttpResponse<String> whileOthersWait(String mode) throws Exception {
    CompletableFuture<HttpResponse<String>> a = postAsync("m-" + mode, "secret prompt of user A");
    Thread.sleep(20);
    List<CompletableFuture<HttpResponse<String>>> others = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      others.add(postAsync("m-echo", "user B " + i));
    }
    for (int i = 0; i < others.size(); i++) {
      HttpResponse<String> b = others.get(i).get();
      assertThat(b.statusCode()).as(b.body()).isEqualTo(200);
      assertThat(content(b)).as("B%d's answer", i).isEqualTo("user B " + i);
    }
    HttpResponse<String> after = postAsync("m-echo", "user C").get();
    assertThat(content(after)).isEqualTo("user C");
    return a.get();
  }

  @Test
  void earlyHints_areSkipped_andTheRealAnswerGoesToItsOwnRequest() throws Exception {
    HttpResponse<String> a = whileOthersWait("early103");
    assertThat(a.statusCode()).isEqualTo(200);
    assertThat(content(a)).isEqualTo("final-200");
  }

  @Test
  void continue100_isSkipped() throws Exception {
    HttpResponse<String> a = whileOthersWait("continue100");
    assertThat(a.statusCode()).isEqualTo(200);
    assertThat(content(a)).isEqualTo("after-100");
  }

  @Test
  void anUnaskedProtocolSwitch_failsThatRequestOnly_andItsConnectionIsNotReused() throws Exception {
    HttpResponse<String> a = whileOthersWait("upgrade101");
    assertThat(a.statusCode()).isEqualTo(502);
    assertThat(json(a.body()).at("/error/message").asText()).contains("switched protocols");
  }

  @Test
  void bytesPastContentLength_neverBecomeTheNextAnswer() throws Exception {
    HttpResponse<String> a = whileOthersWait("extra");
    assertThat(content(a)).isEqualTo("extra-owner");
    HttpResponse<String> partial = whileOthersWait("extra_partial");
    assertThat(content(partial)).isEqualTo("partial-owner");
  }

  @Test
  void anAnswerNobodyAskedFor_closesTheIdleConnection() throws Exception {
    HttpResponse<String> a = postAsync("m-unsolicited", "A").get();
    assertThat(content(a)).isEqualTo("unsolicited-owner");
    Thread.sleep(300); // the unsolicited answer arrives on the idle pooled connection
    for (int i = 0; i < 3; i++) {
      assertThat(content(postAsync("m-echo", "B" + i).get())).isEqualTo("B" + i);
    }
  }

  @Test
  void aGzipAnswer_isRelayedWithItsEncoding_andIdentityIsAskedFor() throws Exception {
    HttpResponse<byte[]> r = fx.http.send(HttpRequest.newBuilder(URI.create(fx.base + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(chat("m-gzip", "hi"))).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-encoding")).contains("gzip");
    String text = new String(new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(), StandardCharsets.UTF_8);
    assertThat(json(text).at("/choices/0/message/content").asText()).isEqualTo("compressed");
    assertThat(upstream.received).allSatisfy(req -> {
      if (req.requestLine().startsWith("POST")) {
        assertThat(req.headers()).containsEntry("accept-encoding", "identity");
      }
    });
  }

  @Test
  void aRedirect_keepsItsLocation_andIsNotFollowed() throws Exception {
    HttpResponse<String> r = postAsync("m-redirect", "hi").get();
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("location")).contains("http://elsewhere.example/v1/chat/completions");
  }

  @Test
  void upstreamRefusingTheGatewaysKey_isA502ThatSaysSo_withoutTheKey() throws Exception {
    for (String mode : List.of("401", "403")) {
      HttpResponse<String> r = postAsync("m-" + mode, "hi").get();
      assertThat(r.statusCode()).as(mode).isEqualTo(502);
      JsonNode error = json(r.body()).path("error");
      assertThat(error.path("code").asText()).isEqualTo("upstream_auth_failed");
      assertThat(error.path("message").asText()).contains("HTTP " + mode, "refused the gateway's credentials")
          .doesNotContain("SECRET");
    }
  }

  @Test
  void aNonJsonSuccess_isA502() throws Exception {
    HttpResponse<String> r = postAsync("m-html", "hi").get();
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(json(r.body()).at("/error/message").asText()).contains("text/html", "not JSON");
  }

  @Test
  void anUpstreamEchoingTheKey_doesNotSpreadIt() throws Exception {
    HttpResponse<String> failed = postAsync("m-err500_echo_auth", "hi").get();
    assertThat(failed.statusCode()).isEqualTo(502);
    assertThat(failed.body()).contains("internal error").doesNotContain(SECRET).doesNotContain("SECRET");
    String id = failed.headers().firstValue("x-request-id").orElseThrow();
    assertThat(fx.finishedDecision(id).toString()).contains("[redacted]").doesNotContain("SECRET");
    assertThat(fx.get("/admin/events").body()).doesNotContain("SECRET");

    HttpResponse<String> relayed = postAsync("m-err400_echo_auth", "hi").get();
    assertThat(relayed.statusCode()).isEqualTo(400);
    assertThat(relayed.body()).contains("bad request with Bearer [redacted]").doesNotContain("SECRET");
  }
}
