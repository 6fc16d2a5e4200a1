package dev.signalbox.cli.bench;

import dev.signalbox.bench.gateway.MockUpstream;
import io.vertx.core.Vertx;
import dev.signalbox.cli.VertxSetup;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the benchmark's mock OpenAI upstream on one event loop until stopped. */
@Command(name = "mock-upstream", mixinStandardHelpOptions = true,
    description = "Run the mock OpenAI upstream that `bench gateway` measures against: a fixed chat "
        + "completion (JSON, or SSE with \"stream\":true), at once, or paced under /paced.")
public final class MockUpstreamCommand implements Callable<Integer> {

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--port", defaultValue = "18080", description = "Port (0: a free one). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--pace-ms", defaultValue = "20",
      description = "Under /paced: JSON after this long, SSE chunks this far apart. Default: ${DEFAULT-VALUE}.")
  long paceMs;

  @Override
  public Integer call() throws Exception {
    Vertx vertx = Vertx.vertx(VertxSetup.options().setEventLoopPoolSize(1));
    MockUpstream mock = MockUpstream.start(vertx, host, port, paceMs).await(10, TimeUnit.SECONDS);
    System.out.println("mock upstream listening on http://" + host + ":" + mock.port() + " (paced "
        + paceMs + " ms under " + MockUpstream.PACED_PREFIX + ")");
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close();
      stopped.countDown();
    }, "mock-upstream-shutdown"));
    stopped.await();
    return 0;
  }
}
