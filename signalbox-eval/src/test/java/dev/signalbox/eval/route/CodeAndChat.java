package dev.signalbox.eval.route;

import dev.signalbox.core.request.Message;
import dev.signalbox.eval.EvalData;
import dev.signalbox.eval.FakeEmbedder;
import dev.signalbox.eval.trace.ModelOutcome;
import dev.signalbox.eval.trace.TraceRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A synthetic trace and a configuration over it: every other prompt asks for code, which only
 * {@code coder} gets right ($0.002 a call); the others are small talk, which {@code chatter}
 * ($0.0005) gets right and {@code coder} half right. The configuration's {@code spare} model is
 * not in the trace.
 */
final class CodeAndChat {
  static final String MODELS = "models:\n"
      + "  - {name: coder, input_price: 3, output_price: 15, context_window: 8192, endpoints: [{url: 'http://127.0.0.1:1'}]}\n"
      + "  - {name: chatter, input_price: 0.1, output_price: 0.4, context_window: 8192, endpoints: [{url: 'http://127.0.0.1:2'}]}\n"
      + "  - {name: spare, input_price: 1, output_price: 1, context_window: 8192, endpoints: [{url: 'http://127.0.0.1:3'}]}\n";

  static final String ROUTES = "routes:\n"
      + "  - name: by-task\n"
      + "    policy: rules\n"
      + "    default: chatter\n"
      + "    fallbacks: [chatter]\n"
      + "    rules:\n"
      + "      - {name: code, priority: 10, when: {task: [code]}, model: coder}\n"
      + "  - {name: always-coder, policy: fixed, model: coder}\n"
      + "  - {name: to-spare, policy: fixed, model: spare}\n"
      + "  - {name: bandit, policy: linucb, models: [chatter, coder], features: [task], alpha: 0.1, lambda: 0.1, cost_scale: 0.002}\n"
      + "  - {name: sampler, policy: thompson, models: [chatter, coder], features: [task], sigma: 1, lambda: 0.1, cost_scale: 0.002}\n"
      + "  - {name: wide, policy: epsilon-greedy, models: [chatter, coder, spare]}\n";

  private CodeAndChat() {}

  static boolean isCode(int i) {
    return i % 2 == 0;
  }

  /** {@code train} training rows, then {@code test} test rows. */
  static List<TraceRecord> records(int train, int test) {
    List<TraceRecord> out = new ArrayList<>();
    for (int i = 0; i < train + test; i++) {
      boolean code = isCode(i);
      String prompt = code ? "Write a Python function that returns the sum of the numbers in list " + i + "."
          : "What is a nice name for my cat number " + i + "?";
      Map<String, ModelOutcome> m = new LinkedHashMap<>();
      m.put("coder", ModelOutcome.of(code ? 1 : 0.5, 0.002));
      m.put("chatter", ModelOutcome.of(code ? 0 : 1, 0.0005));
      out.add(new TraceRecord("p" + i, code ? "code" : "chat", List.of(Message.user(prompt)), m, i < train ? "train" : "test"));
    }
    return out;
  }

  static EvalData data(int train, int test) {
    return EvalData.of(records(train, test), new FakeEmbedder(), (model, o, s) -> Double.NaN);
  }

  /** The configuration file: the models and {@link #ROUTES}. */
  static Path config(Path dir) throws IOException {
    return write(dir, MODELS + ROUTES);
  }

  static Path write(Path dir, String yaml) throws IOException {
    Path file = Files.createTempFile(dir, "signalbox", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
