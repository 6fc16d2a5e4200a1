package dev.signalbox.eval.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.signalbox.eval.EvalData;
import dev.signalbox.eval.FakeEmbedder;
import dev.signalbox.eval.online.DriftSpec;
import dev.signalbox.eval.online.OnlineData;
import dev.signalbox.eval.online.OnlineReplay;
import dev.signalbox.eval.online.OnlineResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configured routes in the online replay ({@code eval --online --route}) on {@link CodeAndChat}:
 * with λ = 0.2 the reward is 0.8·q − 0.2·c/0.002, so code: coder 0.6, chatter −0.05; small talk:
 * coder 0.2, chatter 0.75. The rules route picks the per-prompt best; coder is the best fixed model.
 */
class OnlineRouteReplayTest {
  @TempDir Path dir;

  private OnlineResult replay(EvalData data, List<String> routes, List<DriftSpec> drifts) throws Exception {
    List<ConfiguredRoute> bound = ConfiguredRoute.load(CodeAndChat.config(dir), routes, Map.of(), data, new FakeEmbedder());
    return OnlineReplay.run(OnlineData.of(data, 0.2),
        new OnlineReplay.Options(List.of("random", "best-fixed"), drifts, 2, 11, bound));
  }

  private static OnlineResult.PolicyRun find(OnlineResult.Scenario s, String name) {
    return s.policies().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void routes_areReplayedBesideTheReferences_withTheirKnownRegret() throws Exception {
    OnlineResult r = replay(CodeAndChat.data(20, 200), List.of("by-task", "always-coder", "bandit"), List.of());
    OnlineResult.Scenario s = r.stationary();
    assertThat(s.policies()).extracting(OnlineResult.PolicyRun::name)
        .containsExactly("random", "best-fixed", "route:by-task", "route:always-coder", "route:bandit");
    assertThat(find(s, "route:by-task").regret().mean()).isCloseTo(0, within(1e-9));
    assertThat(find(s, "best-fixed").regret().mean()).isCloseTo(100 * 0.55, within(1e-9));
    assertThat(find(s, "route:always-coder").regret().mean()).isCloseTo(100 * 0.55, within(1e-9));
    // cold, the bandit learns from its own outcomes: far below random (about 0.3 a prompt)
    assertThat(find(s, "route:bandit").regret().mean()).isLessThan(find(s, "random").regret().mean() / 3);
    assertThat(r.protocol()).contains("route:bandit, policy linucb, learning", "starts as configured, cold");
    // coder leaves (or arrives late): the rules route's code prompts go to its fallback, chatter, then the
    // best model left; the bandit retires coder (or starts without it: it would fail choosing it out of the pool)
    OnlineResult drifted = replay(CodeAndChat.data(20, 200), List.of("by-task", "bandit"),
        List.of(DriftSpec.parse("remove:coder@50%"), DriftSpec.parse("add:coder@50%")));
    for (OnlineResult.Scenario drift : drifted.scenarios().subList(1, 3)) {
      assertThat(find(drift, "route:by-task").regret().mean()).as(drift.name()).isCloseTo(0, within(1e-9));
    }
    OnlineResult.Scenario removed = drifted.scenarios().get(1);
    assertThat(find(removed, "route:bandit").regret().mean()).isLessThan(find(removed, "random").regret().mean());
  }

  @Test
  void aRouteWithoutFallbacks_choosingAModelOutOfThePool_isNamed() {
    assertThatThrownBy(() -> replay(CodeAndChat.data(0, 20), List.of("always-coder"),
        List.of(DriftSpec.parse("remove:coder@10"))))
        .hasMessageContaining("policy route:always-coder chose 'coder', not in the pool [chatter]");
  }
}
