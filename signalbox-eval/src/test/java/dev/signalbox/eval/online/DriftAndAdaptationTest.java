package dev.signalbox.eval.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Drift specs as the command line takes them, and the traffic-move counts on hand-made choice sequences. */
class DriftAndAdaptationTest {

  @Test
  void specs_parseEveryKind() {
    DriftSpec.Change q = DriftSpec.parse("quality:m=0@300").changes().get(0);
    assertThat(q).isEqualTo(new DriftSpec.Change(DriftSpec.Kind.QUALITY, "m", 0, false, 300, false));
    assertThat(q.start(1000)).isEqualTo(300);
    DriftSpec.Change half = DriftSpec.parse("quality:a/b*0.5@30%").changes().get(0);
    assertThat(half.model()).isEqualTo("a/b");
    assertThat(half.factor()).isTrue();
    assertThat(half.start(1000)).isEqualTo(300);
    assertThat(DriftSpec.parse("price:m*0.5@10").changes().get(0).value()).isEqualTo(0.5);
    DriftSpec both = DriftSpec.parse("add:new@500; remove:old@500");
    assertThat(both.changes()).extracting(DriftSpec.Change::kind).containsExactly(DriftSpec.Kind.ADD, DriftSpec.Kind.REMOVE);
    assertThat(DriftSpec.parse("quality:best=0@10").resolved("m1").changes().get(0).model()).isEqualTo("m1");
  }

  @Test
  void badSpecs_sayWhatIsWrong() {
    assertThatThrownBy(() -> DriftSpec.parse("speed:m=1@3")).hasMessageContaining("unknown kind");
    assertThatThrownBy(() -> DriftSpec.parse("quality:m=0")).hasMessageContaining("KIND:MODEL");
    assertThatThrownBy(() -> DriftSpec.parse("price:m=3@5")).hasMessageContaining("by a factor");
    assertThatThrownBy(() -> DriftSpec.parse("quality:m=x@5")).hasMessageContaining("not a number");
    assertThatThrownBy(() -> DriftSpec.parse("add:m*2@5")).hasMessageContaining("a model only");
    assertThatThrownBy(() -> DriftSpec.parse("add:m@soon")).hasMessageContaining("not a request number");
  }

  @Test
  void movedOff_countsUntilTheModelKeepsAtMostAFifthOfItsShare() {
    // model 1 has every request before the drift at 200, none from 230 on: the window [220, 270) is
    // the first with at most 20% (10 of 50) after which every window stays there
    int[] chosen = new int[600];
    for (int t = 0; t < 230; t++) {
      chosen[t] = 1;
    }
    assertThat(Adaptation.movedOff(chosen, 1, 200)).isEqualTo(20);
    // one stray choice late in the stream within a window of 50 is 2% ≤ 20%: still moved
    chosen[500] = 1;
    assertThat(Adaptation.movedOff(chosen, 1, 200)).isEqualTo(20);
    // a model that had nothing before needs no move
    assertThat(Adaptation.movedOff(chosen, 2, 200)).isZero();
    // back to it at the end: never moved for good
    for (int t = 560; t < 600; t++) {
      chosen[t] = 1;
    }
    assertThat(Adaptation.movedOff(chosen, 1, 200)).isNull();
  }

  @Test
  void movedTo_countsUntilTheModelHasMostOfTheTasksRequests() {
    int n = 400;
    int[] chosen = new int[n];
    String[] tasks = new String[n];
    for (int t = 0; t < n; t++) {
      tasks[t] = t % 2 == 0 ? "x" : "y";
      chosen[t] = t >= 150 && tasks[t].equals("x") ? 3 : 0;
    }
    // x's requests are the even ones; model 3 takes them from 150 on: the 20 of x from 132 hold 11
    assertThat(Adaptation.movedTo(chosen, tasks, "x", 3, 100)).isEqualTo(32);
    assertThat(Adaptation.movedTo(chosen, tasks, "y", 3, 100)).isNull();
    Adaptation.Move m = new Adaptation.Move("x → m", 1, new Integer[] {50, 10, null});
    assertThat(m.worst()).isNull();
    assertThat(m.median()).isEqualTo(50);
  }
}
