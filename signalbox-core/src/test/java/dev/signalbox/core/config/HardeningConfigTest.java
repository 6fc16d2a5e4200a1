package dev.signalbox.core.config;

import static dev.signalbox.core.config.ConfigLoaderTest.assertProblem;
import static dev.signalbox.core.config.ConfigLoaderTest.minimal;
import static dev.signalbox.core.config.ConfigLoaderTest.withModel;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The limits the gateway puts on clients and on what it holds, and what an endpoint URL may carry. */
class HardeningConfigTest {

  @Test
  void clientTimeoutsAndBudgets_defaultToNginxLikeValues() {
    SignalboxConfig config = ConfigLoader.parse(minimal(""), name -> null);
    assertThat(config.server().timeouts()).isEqualTo(new ServerConfig.ClientTimeouts(60_000, 60_000, 75_000));
    assertThat(config.server().maxTotalBodyBytes()).isZero(); // a quarter of the heap
    assertThat(config.server().cors().enabled()).isFalse();
    assertThat(config.server().allowedHosts()).isEmpty();
    assertThat(config.upstream().maxHeldBytes()).isEqualTo(8L << 20);
    assertThat(config.upstream().maxTotalHeldBytes()).isZero();
  }

  @Test
  void clientTimeoutsCorsAndBudgets_areRead() {
    SignalboxConfig config = ConfigLoader.parse(minimal("""
        server:
          header_timeout_ms: 5000
          body_timeout_ms: 6000
          keepalive_timeout_ms: 7000
          max_total_body_bytes: 67108864
          allowed_hosts: [gateway.internal]
          cors: {allowed_origins: ["https://app.example.com"], allow_credentials: true, max_age_s: 60}
        upstream: {max_held_bytes: 1048576, max_total_held_bytes: 33554432}
        """), name -> null);
    assertThat(config.server().timeouts()).isEqualTo(new ServerConfig.ClientTimeouts(5000, 6000, 7000));
    assertThat(config.server().maxTotalBodyBytes()).isEqualTo(64L << 20);
    assertThat(config.server().allowedHosts()).containsExactly("gateway.internal");
    assertThat(config.server().cors().allows("https://app.example.com")).isTrue();
    assertThat(config.server().cors().allows("https://other.example.com")).isFalse();
    assertThat(config.server().cors().allowCredentials()).isTrue();
    assertThat(config.upstream().maxHeldBytes()).isEqualTo(1L << 20);
    assertThat(config.upstream().maxTotalHeldBytes()).isEqualTo(32L << 20);
  }

  @Test
  void badLimits_areNamed() {
    assertProblem(minimal("server: {header_timeout_ms: 0}\n"), "server.header_timeout_ms")
        .hasMessageContaining("positive");
    assertProblem(minimal("server: {max_body_bytes: 4096, max_total_body_bytes: 2048}\n"),
        "server.max_total_body_bytes").hasMessageContaining("at least max_body_bytes");
    assertProblem(minimal("server: {cors: {allowed_origins: [\"app.example.com/x\"]}}\n"),
        "server.cors.allowed_origins").hasMessageContaining("an origin such as");
    assertProblem(minimal("server: {cors: {allowed_origins: [\"*\"], allow_credentials: true}}\n"),
        "server.cors.allow_credentials").hasMessageContaining("list the origins");
  }

  @Test
  void credentialsInAnEndpointUrl_areRefused_withoutEchoingThem() {
    assertProblem(withModel("", "{url: 'http://admin:s3cretPW@10.0.0.5:8000'}", ""), "models[0].endpoints[0].url")
        .hasMessageContaining("must not carry credentials")
        .hasMessageContaining("api_key")
        .hasMessageNotContaining("s3cretPW");
  }
}
