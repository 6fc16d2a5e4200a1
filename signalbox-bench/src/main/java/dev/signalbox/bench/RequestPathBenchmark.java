package dev.signalbox.bench;

import dev.signalbox.core.api.OpenAiRequest;
import dev.signalbox.core.api.OpenAiRequestParser;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.RoutingTable;
import dev.signalbox.core.signal.SignalExtractor;
import dev.signalbox.core.signal.Signals;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The request path before any I/O: parsing a chat body, extracting signals, and the built-in
 * {@code auto} route's rules decision.
 *
 * <p>Run: {@code ./mvnw -q -Pbench package -pl signalbox-bench -am -DskipTests && java -jar
 * signalbox-bench/target/benchmarks.jar RequestPath}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestPathBenchmark {

  /** Prompt sizes: a greeting, a paragraph, and a 2 KB coding request. */
  @Param({"short", "paragraph", "code2k"})
  public String prompt;

  private byte[] body;
  private RouteRequest request;
  private Signals signals;
  private RoutingTable routing;

  @Setup
  public void setup() {
    String text;
    switch (prompt) {
      case "short":
        text = "hi there!";
        break;
      case "paragraph":
        text = "Can you explain how a transformer's attention mechanism decides which earlier tokens "
            + "matter for the next one, and why that makes long contexts expensive?";
        break;
      default:
        text = "Please review this function and fix the bug:\\n```python\\n"
            + "def merge(a, b):\\n    out = []\\n    i = j = 0\\n    while i < len(a) and j < len(b):\\n"
            + "        if a[i] < b[j]:\\n            out.append(a[i]); i += 1\\n        else:\\n"
            + "            out.append(b[j]); j += 1\\n    return out\\n```\\n".repeat(8);
    }
    String json = "{\"model\":\"auto\",\"temperature\":0.2,\"messages\":[{\"role\":\"system\",\"content\":"
        + "\"You are a helpful assistant.\"},{\"role\":\"user\",\"content\":\"" + text + "\"}],\"stream\":true}";
    body = json.getBytes(StandardCharsets.UTF_8);
    routing = RoutingTable.from(ConfigLoader.loadDefault());
    OpenAiRequest parsed = OpenAiRequestParser.parse(Operation.CHAT, body);
    request = new RouteRequest("bench", Operation.CHAT, parsed.model(), parsed.messages(), parsed.maxTokens(),
        parsed.stream(), Map.of());
    signals = SignalExtractor.extract(request);
  }

  @Benchmark
  public OpenAiRequest parse() {
    return OpenAiRequestParser.parse(Operation.CHAT, body);
  }

  @Benchmark
  public Signals extractSignals() {
    return SignalExtractor.extract(request);
  }

  @Benchmark
  public RoutingTable.Routed decideRules() {
    return routing.decide(request, signals).orElseThrow();
  }
}
