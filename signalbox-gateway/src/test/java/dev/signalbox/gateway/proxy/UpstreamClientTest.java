package dev.signalbox.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.request.Operation;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.PfxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The upstream client against real servers on loopback: plain HTTP on raw Netty channels, TLS
 * through Vert.x's client.
 */
class UpstreamClientTest {
  private static final byte[] BODY = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);

  private static Path keyStore;

  private final Vertx vertx = Vertx.vertx();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger connectionsClosed = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
  private Context context;
  private UpstreamClient client;

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Starts an upstream that records each request's headers and body and answers with {@code answer}. */
  private UpstreamAddress upstream(Consumer<HttpServerRequest> answer) throws Exception {
    return upstream(new HttpServerOptions(), "http", answer);
  }

  private UpstreamAddress upstream(HttpServerOptions options, String scheme, Consumer<HttpServerRequest> answer)
      throws Exception {
    HttpServer server = vertx.createHttpServer(options)
        .connectionHandler(c -> {
          connections.incrementAndGet();
          c.closeHandler(v -> connectionsClosed.incrementAndGet());
        })
        .requestHandler(req -> req.body().onSuccess(b -> {
          received.add(req.method() + " " + req.uri() + " host=" + req.getHeader("host") + " accept="
              + req.getHeader("accept") + " " + b);
          answer.accept(req);
        }));
    int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
        .actualPort();
    return UpstreamAddress.of(UpstreamAddressTest.endpoint(scheme + "://127.0.0.1:" + port));
  }

  private void client(int maxConnections) {
    context = vertx.getOrCreateContext();
    // the TLS client trusts the test's self-signed certificate
    client = UpstreamClient.onEventLoop(context, maxConnections, vertx.createHttpClient(
        new HttpClientOptions().setTrustOptions(
            new PfxOptions().setPath(keyStore().toString()).setPassword("secret"))));
  }

  /** A self-signed certificate for 127.0.0.1, made once by the JDK's keytool. */
  private static synchronized Path keyStore() {
    if (keyStore == null) {
      try {
        Path dir = Files.createTempDirectory("sbx-tls");
        Path store = dir.resolve("test.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "upstream", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
            "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
            "-storepass", "secret", "-keypass", "secret").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
          throw new IllegalStateException("keytool failed: " + out);
        }
        store.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        keyStore = store;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return keyStore;
  }

  /** What one exchange heard, in order. */
  private static final class Heard implements UpstreamClient.Listener {
    final List<String> events = new ArrayList<>();
    final StringBuilder body = new StringBuilder();
    final CompletableFuture<Heard> done = new CompletableFuture<>();

    @Override
    public void onConnectFailed(Throwable cause) {
      events.add("connect failed");
      done.complete(this);
    }

    @Override
    public void onHead(UpstreamClient.Head head) {
      events.add("head " + head.status() + " " + head.contentType());
    }

    @Override
    public void onChunk(Buffer chunk) {
      body.append(chunk);
    }

    @Override
    public void onEnd() {
      events.add("end");
      done.complete(this);
    }

    @Override
    public void onFailed(Throwable cause) {
      events.add("failed");
      done.complete(this);
    }
  }

  private Heard send(UpstreamAddress to) {
    Heard heard = new Heard();
    context.runOnContext(v -> client.send(to, Operation.CHAT,
        new CharSequence[] {"accept", "application/json", "x-request-id", "r1"}, BODY, 10_000, heard));
    // the connect timeout covers a TLS handshake, which a cold JVM on a busy machine can take over a second for
    return heard;
  }

  private static Heard await(Heard heard) throws Exception {
    return heard.done.get(10, TimeUnit.SECONDS);
  }

  @Test
  void sequentialRequests_shareOneKeptAliveConnection() throws Exception {
    UpstreamAddress to =
        upstream(req -> req.response().putHeader("content-type", "application/json").end("{\"ok\":1}"));
    client(8);
    for (int i = 0; i < 5; i++) {
      Heard h = await(send(to));
      assertThat(h.events).containsExactly("head 200 application/json", "end");
      assertThat(h.body).hasToString("{\"ok\":1}");
    }
    assertThat(connections.get()).isEqualTo(1);
    assertThat(received).hasSize(5).allSatisfy(r ->
        assertThat(r).isEqualTo("POST /v1/chat/completions host=" + to.hostHeader()
            + " accept=application/json {\"model\":\"m\"}"));
  }

  @Test
  void moreRequestsThanConnections_waitForAFreeOne() throws Exception {
    UpstreamAddress to = upstream(req -> vertx.setTimer(30, t -> req.response().end("done")));
    client(2);
    List<Heard> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.add(send(to));
    }
    for (Heard h : all) {
      assertThat(await(h).events).containsExactly("head 200 null", "end");
      assertThat(h.body).hasToString("done");
    }
    assertThat(connections.get()).isEqualTo(2);
  }

  /** An SSE answer in three chunks, 10 ms apart. */
  private void streamed(HttpServerRequest req) {
    req.response().setChunked(true).putHeader("content-type", "text/event-stream");
    req.response().write("data: 1\n\n");
    vertx.setTimer(10, t -> req.response().write("data: 2\n\n"));
    vertx.setTimer(20, t -> req.response().end("data: [DONE]\n\n"));
  }

  private static void assertStreamed(Heard h) {
    assertThat(h.events).containsExactly("head 200 text/event-stream", "end");
    assertThat(h.body).hasToString("data: 1\n\ndata: 2\n\ndata: [DONE]\n\n");
  }

  @Test
  void chunkedAnswer_arrivesWholeInOrder() throws Exception {
    UpstreamAddress to = upstream(this::streamed);
    client(8);
    assertStreamed(await(send(to)));
  }

  @Test
  void upstreamClosingAfterItsAnswer_getsANewConnectionNextTime() throws Exception {
    UpstreamAddress to = upstream(req -> req.response().putHeader("connection", "close").end("bye"));
    client(8);
    assertThat(await(send(to)).body).hasToString("bye");
    assertThat(await(send(to)).body).hasToString("bye");
    assertThat(connections.get()).isEqualTo(2);
  }

  @Test
  void upstreamDroppingTheConnectionMidAnswer_isAFailure() throws Exception {
    UpstreamAddress to = upstream(req -> {
      req.response().setChunked(true).write("partial");
      vertx.setTimer(10, t -> req.connection().close());
    });
    client(8);
    Heard h = await(send(to));
    assertThat(h.events).containsExactly("head 200 null", "failed");
    assertThat(h.body).hasToString("partial");
  }

  @Test
  void nothingListening_isAConnectFailure() throws Exception {
    client(8);
    UpstreamAddress nowhere = UpstreamAddress.of(UpstreamAddressTest.endpoint("http://127.0.0.1:1"));
    assertThat(await(send(nowhere)).events).containsExactly("connect failed");
  }

  @Test
  void resetWhileWaitingForAConnection_isNeverSent() throws Exception {
    UpstreamAddress to = upstream(req -> vertx.setTimer(50, t -> req.response().end("first")));
    client(1);
    Heard first = send(to);
    Heard second = new Heard();
    CompletableFuture<Void> resetDone = new CompletableFuture<>();
    context.runOnContext(v -> {
      client.send(to, Operation.CHAT, new CharSequence[0], BODY, 1000, second).reset();
      resetDone.complete(null);
    });
    resetDone.get(10, TimeUnit.SECONDS);
    assertThat(await(first).body).hasToString("first");
    Heard third = await(send(to)); // the freed connection serves the next request, not the reset one
    assertThat(third.body).hasToString("first");
    assertThat(second.events).isEmpty();
    assertThat(received).hasSize(2);
    assertThat(connections.get()).isEqualTo(1);
  }

  @Test
  void tlsEndpoint_isServedThroughTheTlsClient() throws Exception {
    HttpServerOptions tls = new HttpServerOptions().setSsl(true)
        .setKeyCertOptions(new PfxOptions().setPath(keyStore().toString()).setPassword("secret"));
    UpstreamAddress to = upstream(tls, "https", this::streamed);
    client(8);
    assertStreamed(await(send(to)));
    assertThat(received).containsExactly(
        "POST /v1/chat/completions host=127.0.0.1:" + to.port() + " accept=application/json {\"model\":\"m\"}");
  }

  @Test
  void tlsEndpoint_nothingListening_isAConnectFailure() throws Exception {
    client(8);
    UpstreamAddress nowhere = UpstreamAddress.of(UpstreamAddressTest.endpoint("https://127.0.0.1:1"));
    assertThat(await(send(nowhere)).events).containsExactly("connect failed");
  }

  @Test
  void connectionIdleLongerThanTheTimeout_isClosed() throws Exception {
    UpstreamAddress to = upstream(req -> req.response().end("ok"));
    context = vertx.getOrCreateContext();
    VertxInternal internal = (VertxInternal) vertx;
    client = new NettyUpstreamClient(((ContextInternal) context).nettyEventLoop(),
        internal.transport().channelFactory(false), internal.nameResolver().nettyAddressResolverGroup(), 8,
        TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(await(send(to)).body).hasToString("ok");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (connectionsClosed.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(connectionsClosed.get()).as("the idle connection was closed").isEqualTo(1);
    assertThat(await(send(to)).body).hasToString("ok");
    assertThat(connections.get()).isEqualTo(2);
  }
}
