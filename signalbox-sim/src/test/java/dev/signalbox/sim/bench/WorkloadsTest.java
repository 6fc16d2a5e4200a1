package dev.signalbox.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadsTest {

  @Test
  void generate_sameSeed_sameRequests_atAnyRate() {
    for (String name : Workloads.NAMES) {
      Workload w = Workloads.named(name);
      WorkloadTrace a = w.generate(10, 200, 7);
      WorkloadTrace b = w.generate(10, 200, 7);
      WorkloadTrace faster = w.generate(40, 200, 7);
      assertThat(a.requests()).as(name).hasSameSizeAs(b.requests());
      for (int i = 0; i < 50; i++) {
        assertThat(a.requests().get(i).prompt().hash(0)).isEqualTo(b.requests().get(i).prompt().hash(0));
        assertThat(a.requests().get(i).prompt().promptTokens())
            .isEqualTo(faster.requests().get(i).prompt().promptTokens());
      }
    }
  }

  @Test
  void sharedSystemPrompts_reuseAFewPrefixesOften_noSharingNever() {
    List<TraceRequest> shared = Workloads.named("shared-system-prompts").generate(10, 1000, 1).requests();
    List<TraceRequest> unique = Workloads.named("no-sharing").generate(10, 1000, 1).requests();
    assertThat(distinctFirstBlocks(shared)).isBetween(50, 200);
    assertThat(distinctFirstBlocks(unique)).isEqualTo(unique.size());
    assertThat(shared).allSatisfy(r -> assertThat(r.prompt().promptTokens()).isBetween(1050, 4500));
  }

  @Test
  void sessions_eachTurnExtendsTheLastAnswer() {
    for (String name : List.of("multi-turn", "agent-loop")) {
      WorkloadTrace t = Workloads.named(name).generate(5, 300, 3);
      int followed = 0;
      for (TraceRequest r : t.requests()) {
        if (r.next() < 0) {
          continue;
        }
        followed++;
        TraceRequest next = t.requests().get(r.next());
        assertThat(Double.isNaN(next.arrivalMs())).as("a later turn is sent after an answer").isTrue();
        // the next prompt starts with this prompt and its answer
        int answered = r.sequence().size();
        assertThat(next.prompt().size()).isGreaterThan(answered);
        assertThat(next.prompt().hash(answered - 1)).isEqualTo(r.sequence().hash(answered - 1));
        assertThat(r.sequence().hash(r.prompt().size() - 1)).isEqualTo(r.prompt().hash(r.prompt().size() - 1));
      }
      assertThat(followed).as(name).isGreaterThan(100);
      assertThat(t.measureFromMs()).isPositive();
    }
  }

  private static int distinctFirstBlocks(List<TraceRequest> requests) {
    Set<Long> first = new HashSet<>();
    for (TraceRequest r : requests) {
      first.add(r.prompt().hash(0));
    }
    return first.size();
  }
}
