package dev.signalbox.eval.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.core.request.Message;
import dev.signalbox.eval.EvalData;
import dev.signalbox.eval.FakeEmbedder;
import dev.signalbox.eval.report.OnlineReports;
import dev.signalbox.eval.trace.ModelOutcome;
import dev.signalbox.eval.trace.TraceRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The online replay on a synthetic trace: "easy" prompts are answered by both models (cheap is
 * cheaper), "hard" ones only by dear. The per-prompt best is known, so regret can be checked.
 */
class OnlineReplayTest {

  static OnlineData data(int train, int test, double lambda) {
    List<TraceRecord> records = new ArrayList<>();
    for (int i = 0; i < train + test; i++) {
      boolean easy = i % 2 == 0;
      Map<String, ModelOutcome> m = new LinkedHashMap<>();
      m.put("cheap", ModelOutcome.of(easy ? 1 : 0, 0.001));
      m.put("dear", ModelOutcome.of(1, 0.01));
      records.add(new TraceRecord("p" + i, easy ? "easy" : "hard", List.of(Message.user((easy ? "easy " : "hard ") + i)), m,
          i < train ? "train" : "test"));
    }
    return OnlineData.of(EvalData.of(records, new FakeEmbedder(text -> text.startsWith("easy") ? 0 : 1), (model, o, s) -> Double.NaN), lambda);
  }

  static OnlineResult.PolicyRun find(OnlineResult.Scenario s, String name) {
    return s.policies().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void regret_isMeasuredAgainstThePerPromptBest() {
    OnlineData d = data(100, 200, 0.2);
    // reward = 0.8·q − 0.2·c/0.01: easy: cheap 0.78, dear 0.6; hard: cheap −0.02, dear 0.6
    assertThat(d.reward().costScale()).isCloseTo(0.01, within(1e-12));
    assertThat(d.bestFixedModel()).isEqualTo("dear"); // 100·0.6 + 100·0.6 = 120 > 100·0.78 − 100·0.02
    OnlineResult r = OnlineReplay.run(d, new OnlineReplay.Options(List.of("best-fixed", "random", "linucb", "pheromone",
        "greenserv-linucb", "thompson:warm=0"), List.of(), 2, 1));
    OnlineResult.Scenario s = r.stationary();
    // always dear: regret 0.18 on each of the 100 easy prompts
    assertThat(find(s, "best-fixed").regret().mean()).isCloseTo(18, within(1e-9));
    assertThat(find(s, "best-fixed").regret().sd()).isZero();
    assertThat(find(s, "best-fixed").cost().mean()).isCloseTo(0.01, within(1e-12));
    assertThat(find(s, "best-fixed").quality().mean()).isCloseTo(1, within(1e-12));
    // random: half of the easy prompts lose 0.18, half of the hard 0.62: about 40
    assertThat(find(s, "random").regret().mean()).isBetween(30.0, 50.0);
    // warm-started learners know both tasks: almost no regret
    assertThat(find(s, "linucb").regret().mean()).isLessThan(2);
    assertThat(find(s, "pheromone").regret().mean()).isLessThan(4);
    assertThat(find(s, "thompson:warm=0").regret().mean()).isLessThan(find(s, "random").regret().mean());
    assertThat(find(s, "greenserv-linucb").regret().mean()).isLessThan(find(s, "random").regret().mean());
    double[] curve = find(s, "linucb").curve();
    assertThat(curve).hasSize(200);
    for (int t = 1; t < curve.length; t++) {
      assertThat(curve[t]).isGreaterThanOrEqualTo(curve[t - 1] - 1e-12);
    }
    assertThat(r.explanations().get("pheromone").get("hard").get("dear")).isGreaterThan(0.5);
  }

  @Test
  void drifts_areMeasuredAsRequestsToMoveTraffic() {
    OnlineData d = data(100, 400, 0.5);
    OnlineResult r = OnlineReplay.run(d, new OnlineReplay.Options(List.of("linucb", "pheromone", "best-fixed"),
        List.of(DriftSpec.parse("quality:dear=0@100"), DriftSpec.parse("add:dear@100")), 2, 3));
    assertThat(r.scenarios()).extracting(OnlineResult.Scenario::name)
        .containsExactly("stationary", "quality:dear=0@100", "add:dear@100");
    OnlineResult.Scenario failing = r.scenarios().get(1);
    assertThat(failing.start()).isEqualTo(100);
    Adaptation.Move off = find(failing, "linucb").movedOff().get(0);
    assertThat(off.subject()).isEqualTo("dear");
    assertThat(off.share()).isGreaterThan(0.3); // it served the hard prompts before
    assertThat(off.worst()).isNotNull().isLessThan(60);
    assertThat(find(failing, "best-fixed").movedOff().get(0).share()).isZero(); // cheap all along: nothing to move
    OnlineResult.Scenario added = r.scenarios().get(2);
    Adaptation.Move to = find(added, "pheromone").movedTo().get(0);
    assertThat(to.subject()).isEqualTo("hard → dear");
    assertThat(to.worst()).isNotNull().isLessThan(100);
    assertThat(find(added, "best-fixed").movedTo().get(0).worst()).isNull(); // cheap, hindsight's best: never moves
    OnlineResult better = OnlineReplay.run(d, new OnlineReplay.Options(List.of("linucb"),
        List.of(DriftSpec.parse("quality:cheap=1@100")), 1, 3));
    assertThat(find(better.scenarios().get(1), "linucb").movedOff()).isEmpty(); // better, not worse: nothing to move off
  }

  @Test
  void resultsJson_hasTheDocumentedShape_andTheReportAndPlotsAreWritten(@TempDir Path dir) throws Exception {
    OnlineResult r = OnlineReplay.run(data(50, 100, 0.5), new OnlineReplay.Options(List.of("epsilon-greedy", "random"),
        List.of(DriftSpec.parse("price:best*10@50%")), 2, 1));
    OnlineReports.write(dir, r, "./signalbox eval --online");
    JsonNode json = dev.signalbox.core.api.Json.MAPPER.readTree(dir.resolve("results.json").toFile());
    assertThat(names(json)).containsExactly("policies", "drift");
    JsonNode p = json.get("policies").get(0);
    assertThat(names(p)).containsExactly("name", "regret", "regret_sd", "reward_mean", "quality_mean", "cost_mean");
    assertThat(p.get("name").asText()).isEqualTo("epsilon-greedy");
    JsonNode drift = json.get("drift").get(0);
    assertThat(drift.get("scenario").asText()).isEqualTo("price:best*10@50% (best = cheap)");
    assertThat(drift.get("start").asInt()).isEqualTo(50);
    assertThat(names(drift.get("policies").get(0))).contains("regret", "moved_off", "moved_to");
    assertThat(Files.readString(dir.resolve("report.md")))
        .contains("## stationary", "moved off", "regret-stationary.svg", "regret-price-best-x10-50pct.svg");
    assertThat(Files.size(dir.resolve("regret-stationary.png"))).isPositive();
    assertThat(Files.readString(dir.resolve("regret-price-best-x10-50pct.svg"))).startsWith("<svg").contains("polyline")
        .contains("epsilon-greedy (");
  }

  @Test
  void badPoliciesAndDrifts_areRefusedWithTheirNames() {
    OnlineData d = data(20, 20, 0.5);
    assertThatThrownBy(() -> OnlineReplay.run(d, new OnlineReplay.Options(List.of("knn"), List.of(), 1, 1)))
        .hasMessageContaining("knn");
    assertThatThrownBy(() -> OnlineReplay.run(d, new OnlineReplay.Options(List.of("linucb"),
        List.of(DriftSpec.parse("add:gpt-9@10")), 1, 1))).hasMessageContaining("no model 'gpt-9'");
    assertThatThrownBy(() -> new OnlineReplay.Options(List.of(), List.of(), 0, 1)).hasMessageContaining("--seeds");
  }

  private static List<String> names(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
