package dev.signalbox.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.signalbox.eval.online.DriftSpec;
import dev.signalbox.eval.online.OnlineData;
import dev.signalbox.eval.online.OnlineReplay;
import dev.signalbox.eval.online.OnlineResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The online replay on the real RouterBench subset (stream = the 945 test rows), with a fake
 * embedder so no model is needed: the references' regret is fixed by the data, and λ = 0.1 makes
 * the best fixed model Yi-34B, which is not the cheapest.
 */
class OnlineRouterBenchIT {

  @Test
  void referencesAndTheTargetsSetup_matchTheData() {
    Path dir = Path.of("").toAbsolutePath().getParent().resolve("../shared/data/routerbench-5shot-subset").normalize();
    assumeTrue(Files.isDirectory(dir), "RouterBench subset not found at ../shared/data/routerbench-5shot-subset; skipped");
    EvalRunner.Options o = new EvalRunner.Options(List.of(dir.toString()), List.of(), List.of(), 5, false, 5, List.of(),
        List.of(), java.util.Map.of(), null, 1);
    EvalData d = EvalData.of(EvalRunner.records(o), new FakeEmbedder(), (m, out, s) -> Double.NaN);
    OnlineData data = OnlineData.of(d, 0.1);
    assertThat(data.streamRows()).hasSize(945);
    assertThat(data.warmRows()).hasSize(2205);
    assertThat(data.bestFixedModel()).isEqualTo("zero-one-ai/Yi-34B-Chat");
    double[] meanCost = d.data().meanOver(d.data().cost(), data.streamRows());
    int cheapest = 0;
    for (int m = 1; m < meanCost.length; m++) {
      cheapest = meanCost[m] < meanCost[cheapest] ? m : cheapest;
    }
    assertThat(data.models().get(cheapest)).isEqualTo("mistralai/mistral-7b-chat");
    OnlineResult r = OnlineReplay.run(data, new OnlineReplay.Options(List.of("best-fixed", "pheromone"),
        List.of(DriftSpec.parse("quality:best=0@30%")), 1, 42));
    // Σ over the stream of (per-prompt best reward − Yi's reward), independent of the order
    assertThat(r.stationary().policies().get(0).regret().mean()).isCloseTo(169.6, within(0.05));
    // (the fake embedder gives the task classifier nothing to learn, so the learners' regret is not checked here)
    assertThat(r.scenarios().get(1).policies().get(1).movedOff().get(0).worst()).isNotNull().isLessThan(200);
  }
}
