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
 * Each cheap policy's decision through {@link RoutingTable#decide}, signals already extracted:
 * {@code rules} (the built-in {@code auto} route: three rules over tokens, keywords and the task
 * classifier), {@code fixed} (the built-in {@code cheap} route) and {@code direct} (a model name,
 * no policy). Prompts as in {@link RequestPathBenchmark}: a greeting (rules fall through to the
 * last rule) and a 2 KB coding request (the second rule matches).
 *
 * <p>Run: {@code java -jar signalbox-bench/target/benchmarks.jar PolicyDecision}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyDecisionBenchmark {

  /** The route or model named in the request. */
  @Param({"auto", "cheap", "sim-large"})
  public String model;

  @Param({"short", "code2k"})
  public String prompt;

  private RoutingTable routing;
  private RouteRequest request;
  private Signals signals;

  @Setup
  public void setup() {
    String text = prompt.equals("short") ? "hi there!"
        : "Please review this function and fix the bug:\\n```python\\n"
            + "def merge(a, b):\\n    out = []\\n    i = j = 0\\n    while i < len(a) and j < len(b):\\n"
            + "        if a[i] < b[j]:\\n            out.append(a[i]); i += 1\\n        else:\\n"
            + "            out.append(b[j]); j += 1\\n    return out\\n```\\n".repeat(8);
    String json = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    OpenAiRequest parsed = OpenAiRequestParser.parse(Operation.CHAT, json.getBytes(StandardCharsets.UTF_8));
    routing = RoutingTable.from(ConfigLoader.loadDefault());
    request = new RouteRequest("bench", Operation.CHAT, parsed.model(), parsed.messages(), parsed.maxTokens(),
        parsed.stream(), Map.of());
    signals = SignalExtractor.extract(request);
  }

  @Benchmark
  public RoutingTable.Routed decide() {
    return routing.decide(request, signals).orElseThrow();
  }
}
