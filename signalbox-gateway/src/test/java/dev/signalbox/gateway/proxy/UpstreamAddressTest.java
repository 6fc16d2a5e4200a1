package dev.signalbox.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.config.UpstreamConfig.CircuitBreakerConfig;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.request.Operation;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpstreamAddressTest {
  static final CircuitBreakerConfig BREAKER = CircuitBreakerConfig.consecutive(5, Duration.ofSeconds(1), Duration.ofSeconds(1));

  static Endpoint endpoint(String url) {
    return new Endpoint("m/0", "m", url, null, null, BREAKER);
  }

  @Test
  void plainHttp_aimsAtTheOperationsPath_onTheParsedServer() {
    RequestOptions o = UpstreamAddress.of(endpoint("http://127.0.0.1:18080")).options(Operation.CHAT);
    assertThat(o.getServer()).isEqualTo(SocketAddress.inetSocketAddress(18080, "127.0.0.1"));
    assertThat(o.getHost()).isEqualTo("127.0.0.1");
    assertThat(o.getPort()).isEqualTo(18080);
    assertThat(o.isSsl()).isFalse();
    assertThat(o.getURI()).isEqualTo("/v1/chat/completions");
  }

  @Test
  void pathPrefix_isKept_withOrWithoutATrailingSlash() {
    assertThat(UpstreamAddress.of(endpoint("http://localhost:9000/paced")).options(Operation.EMBEDDINGS).getURI())
        .isEqualTo("/paced" + Operation.EMBEDDINGS.path());
    assertThat(UpstreamAddress.of(endpoint("http://localhost:9000/openai/")).options(Operation.CHAT).getURI())
        .isEqualTo("/openai/v1/chat/completions");
  }

  @Test
  void defaultPorts_followTheScheme() {
    RequestOptions https = UpstreamAddress.of(endpoint("https://api.example.com")).options(Operation.CHAT);
    assertThat(https.isSsl()).isTrue();
    assertThat(https.getPort()).isEqualTo(443);
    assertThat(https.getHost()).isEqualTo("api.example.com");
    assertThat(UpstreamAddress.of(endpoint("http://api.example.com")).options(Operation.CHAT).getPort()).isEqualTo(80);
  }

  @Test
  void parsedOnce_perUrl() {
    assertThat(UpstreamAddress.of(endpoint("http://127.0.0.1:18081"))).isSameAs(UpstreamAddress.of(endpoint("http://127.0.0.1:18081")));
  }

  @Test
  void otherSchemes_areRefused() {
    assertThatThrownBy(() -> UpstreamAddress.of(endpoint("ftp://127.0.0.1:21"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ftp://127.0.0.1:21");
  }
}
