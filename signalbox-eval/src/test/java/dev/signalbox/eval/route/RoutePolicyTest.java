package dev.signalbox.eval.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.signalbox.core.config.ConfigException;
import dev.signalbox.core.signal.SignalExtractor;
import dev.signalbox.eval.EvalData;
import dev.signalbox.eval.EvalRunner;
import dev.signalbox.eval.Evaluation;
import dev.signalbox.eval.FakeEmbedder;
import dev.signalbox.eval.policy.Baselines;
import dev.signalbox.eval.policy.OperatingPoint;
import dev.signalbox.eval.policy.Policy;
import dev.signalbox.eval.policy.RoutePolicy;
import dev.signalbox.eval.trace.ModelOutcome;
import dev.signalbox.eval.trace.TraceRecord;
import dev.signalbox.learn.Frontier.Point;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configured routes replayed offline on {@link CodeAndChat}, whose right answers are known. */
class RoutePolicyTest {
  @TempDir Path dir;

  private Evaluation.Result evaluate(EvalData data, List<String> routes, Map<String, String> map) throws Exception {
    List<ConfiguredRoute> bound = ConfiguredRoute.load(CodeAndChat.config(dir), routes, map, data, new FakeEmbedder());
    List<Policy> policies = new ArrayList<>();
    bound.forEach(r -> policies.add(new RoutePolicy(r, 7)));
    policies.addAll(Baselines.all(data.data().models()));
    return Evaluation.trainTest(data, policies, data.rowsOfSplit("train"), data.rowsOfSplit("test"));
  }

  private static List<Point> points(Evaluation.Result r, String policy) {
    return r.policies().stream().filter(p -> p.name().equals(policy)).findFirst().orElseThrow()
        .slices().get(Evaluation.POOLED).points();
  }

  static void assertOnePoint(List<Point> points, double cost, double quality) {
    assertThat(points).hasSize(1);
    assertThat(points.get(0).cost()).isCloseTo(cost, within(1e-12));
    assertThat(points.get(0).quality()).isCloseTo(quality, within(1e-12));
  }

  @Test
  void rulesRoute_sendingCodeToTheModelRightOnIt_scoresExactlyThat() throws Exception {
    EvalData data = CodeAndChat.data(10, 20);
    for (var r : CodeAndChat.records(10, 20)) { // the heuristic classifier the rule reads sees what the trace says
      assertThat(SignalExtractor.extract(r.request()).task()).isEqualTo(r.task().equals("code") ? "code" : "general");
    }
    Evaluation.Result r = evaluate(data, List.of("by-task"), Map.of());
    // code → coder (1 @ $0.002), small talk → chatter (1 @ $0.0005): quality 1 at (0.002 + 0.0005) / 2
    assertOnePoint(points(r, "route:by-task"), 0.00125, 1);
    assertThat(points(r, "route:by-task")).isEqualTo(points(r, "oracle"));
    assertThat(r.policies().get(0).kind()).isEqualTo(Policy.Kind.ROUTE);
  }

  @Test
  void fixedRoute_isItsSingleModel() throws Exception {
    Evaluation.Result r = evaluate(CodeAndChat.data(10, 20), List.of("always-coder"), Map.of());
    assertOnePoint(points(r, "route:always-coder"), 0.002, 0.75);
    assertThat(points(r, "route:always-coder")).isEqualTo(points(r, "single:coder"));
  }

  @Test
  void catalogModels_mapOntoOtherTraceNames() throws Exception {
    String yaml = CodeAndChat.MODELS.replace("name: coder", "name: big").replace("name: chatter", "name: small")
        + "routes:\n  - {name: auto, policy: rules, default: small, rules: [{name: c, priority: 1, when: {task: [code]}, model: big}]}\n";
    EvalData data = CodeAndChat.data(10, 20);
    List<ConfiguredRoute> bound = ConfiguredRoute.load(CodeAndChat.write(dir, yaml), List.of("auto"),
        Map.of("big", "coder", "small", "chatter"), data, new FakeEmbedder());
    OperatingPoint p = new RoutePolicy(bound.get(0), 1).run(data, data.rowsOfSplit("train"), data.rowsOfSplit("test")).get(0);
    int coder = data.data().models().indexOf("coder");
    for (int row : data.rowsOfSplit("test")) {
      assertThat(p.assignments().get(0)[row] == coder).isEqualTo(CodeAndChat.isCode(row));
    }
    assertThat(bound.get(0).describe()).isEqualTo("route:auto, policy rules");
    assertThat(ConfiguredRoute.reportNote(bound, "")).contains("models onto the trace's: big=coder, small=chatter;"
        + " not in the trace: spare.");
  }

  @Test
  void learningRoute_learnsFromTheTracesOutcomes_andRepeatsWithItsSeed() throws Exception {
    EvalData data = CodeAndChat.data(60, 40);
    Evaluation.Result r = evaluate(data, List.of("bandit"), Map.of());
    // reward 0.9·q − 0.1·c/0.002: code: coder 0.8, chatter −0.025; small talk: coder 0.35, chatter 0.875.
    // Cold, it cannot know that; after 60 outcomes of its own choices it picks the right model (almost) always.
    assertThat(points(r, "route:bandit").get(0).quality()).isGreaterThan(0.95);
    assertThat(r.policies().get(0).slices().get("code").points().get(0).quality()).isGreaterThan(0.9);

    List<ConfiguredRoute> sampler = ConfiguredRoute.load(CodeAndChat.config(dir), List.of("sampler"), Map.of(), data,
        new FakeEmbedder());
    assertThat(sampler.get(0).learns()).isTrue();
    int[] first = choices(sampler.get(0), data, 3);
    assertThat(choices(sampler.get(0), data, 3)).as("the same seed, the same draws").isEqualTo(first);
    assertThat(choices(sampler.get(0), data, 4)).as("another seed, other draws").isNotEqualTo(first);
  }

  private static int[] choices(ConfiguredRoute route, EvalData data, long seed) {
    return new RoutePolicy(route, seed).run(data, data.rowsOfSplit("train"), data.rowsOfSplit("test")).get(0)
        .assignments().get(0);
  }

  @Test
  void learningRoute_isToldTheTracesTokensAndLatency_asTheGatewayMeasuresThem() throws Exception {
    List<TraceRecord> records = new ArrayList<>();
    for (TraceRecord r : CodeAndChat.records(0, 6)) {
      Map<String, ModelOutcome> m = new LinkedHashMap<>();
      r.models().forEach((name, o) -> m.put(name, new ModelOutcome(o.quality(), o.cost(), 100, 50, 800)));
      records.add(new TraceRecord(r.id(), r.task(), r.messages(), m, r.split()));
    }
    EvalData data = EvalData.of(records, new FakeEmbedder(), (m, o, s) -> Double.NaN);
    Path config = CodeAndChat.write(dir, CodeAndChat.MODELS
        + "routes: [{name: observing, policy: linucb, models: [chatter, coder], latency_penalty: 0.1}]\n");
    try (RouteReplay replay = ConfiguredRoute.load(config, List.of("observing"), Map.of(), data, new FakeEmbedder())
        .get(0).replay(1)) {
      for (int row = 0; row < 6; row++) {
        int m = replay.decide("r" + row, row).model();
        replay.learn("r" + row, row, m, dev.signalbox.core.routing.Outcome.judged(1, 0.001));
      }
      // no cost_scale: the scale follows the measured tokens (6 requests of 100 + 50), as in the gateway
      var scale = ((dev.signalbox.learn.online.OnlineRouter) replay.learner()).reward().toJson().get("observed_scale");
      assertThat(scale.get("requests").asLong()).isEqualTo(6);
      assertThat(scale.get("prompt_tokens").asDouble()).isEqualTo(600);
      assertThat(scale.get("completion_tokens").asDouble()).isEqualTo(300);
    }
  }

  @Test
  void learningRoute_crossValidated_runsAFreshLearnerPerFold() throws Exception {
    EvalData data = EvalData.of(CodeAndChat.records(0, 100).stream()
        .map(t -> new TraceRecord(t.id(), t.task(), t.messages(), t.models(), null)).toList(),
        new FakeEmbedder(), (m, o, s) -> Double.NaN);
    List<ConfiguredRoute> bound = ConfiguredRoute.load(CodeAndChat.config(dir), List.of("bandit", "by-task"), Map.of(),
        data, new FakeEmbedder());
    Evaluation.Result r = Evaluation.crossValidate(data, List.of(new RoutePolicy(bound.get(0), 1),
        new RoutePolicy(bound.get(1), 1)), 4, 1);
    assertThat(points(r, "route:bandit").get(0).quality()).isGreaterThan(0.9);
    assertOnePoint(points(r, "route:by-task"), 0.00125, 1);
  }

  @Test
  void runner_addsRoutesBesideTheBaselines_andSaysHowTheyWereScored() throws Exception {
    EvalData data = CodeAndChat.data(10, 20);
    EvalRunner.Options o = new EvalRunner.Options(List.of(), List.of(), List.of(), 5, false, 2, List.of(), List.of(),
        Map.of(), null, 5);
    List<ConfiguredRoute> bound = ConfiguredRoute.load(CodeAndChat.config(dir), List.of("by-task", "bandit"), Map.of(),
        data, new FakeEmbedder());
    Evaluation.Result r = EvalRunner.run(o, data, new FakeEmbedder(), bound, false);
    assertThat(r.policies().stream().map(Evaluation.PolicyResult::name).toList()).startsWith("route:by-task", "route:bandit")
        .contains("oracle").doesNotContain("knn");
    assertThat(r.protocol()).contains("route:by-task, policy rules; route:bandit, policy linucb, learning. The configuration's"
        + " models onto the trace's: 2 by name; not in the trace: spare.",
        "route:bandit, policy linucb, learning", "seeded by --seed (5", "the trace's own per-call costs");
  }

  @Test
  void badInput_isNamed() throws Exception {
    EvalData data = CodeAndChat.data(4, 4);
    Path config = CodeAndChat.config(dir);
    FakeEmbedder e = new FakeEmbedder();
    assertThatThrownBy(() -> ConfiguredRoute.load(config, List.of("nope"), Map.of(), data, e))
        .hasMessageContaining("--route nope: no route 'nope' in " + config)
        .hasMessageContaining("its routes: by-task, always-coder, to-spare, bandit, sampler, wide (auto: by-task)");
    assertThatThrownBy(() -> ConfiguredRoute.load(config, List.of("coder"), Map.of(), data, e))
        .hasMessageContaining("'coder' is a model, not a route");
    assertThatThrownBy(() -> ConfiguredRoute.load(dir.resolve("missing.yaml"), List.of("auto"), Map.of(), data, e))
        .isInstanceOf(ConfigException.class).hasMessageContaining("configuration file not found").hasMessageContaining("missing.yaml");
    assertThatThrownBy(() -> ConfiguredRoute.load(config, List.of("auto"), Map.of("spare", "gpt-9"), data, e))
        .hasMessageContaining("--map spare=gpt-9: the trace has no model 'gpt-9'; its models: coder, chatter");
    assertThatThrownBy(() -> ConfiguredRoute.load(config, List.of("auto"), Map.of("gpt-9", "coder"), data, e))
        .hasMessageContaining("the configuration has no model 'gpt-9'; its models: coder, chatter, spare");
    // a learner that may choose spare fails at once; a fixed route when it chooses it
    assertThatThrownBy(() -> ConfiguredRoute.load(config, List.of("wide"), Map.of(), data, e))
        .hasMessageContaining("route:wide learns to choose model 'spare', which the trace does not have; the trace's models:"
            + " coder, chatter; the configuration's: coder, chatter, spare");
    ConfiguredRoute spare = ConfiguredRoute.load(config, List.of("to-spare"), Map.of(), data, e).get(0);
    assertThatThrownBy(() -> new RoutePolicy(spare, 1).run(data, data.rowsOfSplit("train"), data.rowsOfSplit("test")))
        .hasMessageContaining("route:to-spare on record p4 chose model 'spare', which the trace does not have")
        .hasMessageContaining("map it with --map spare=TRACE_MODEL");
    String foreign = CodeAndChat.MODELS.replace("coder", "a").replace("chatter", "b").replace("spare", "c")
        + "routes: [{name: r, policy: fixed, model: a}]\n";
    assertThatThrownBy(() -> ConfiguredRoute.load(CodeAndChat.write(dir, foreign), List.of("r"), Map.of(), data, e))
        .hasMessageContaining("none of the configuration's models (a, b, c) is in the trace (coder, chatter)");
  }
}
