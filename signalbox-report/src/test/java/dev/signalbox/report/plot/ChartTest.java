package dev.signalbox.report.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartTest {

  private static Legend legend() {
    List<Legend.Entry> entries = new ArrayList<>();
    for (String name : List.of("greenserv-epsilon-greedy (184.4)", "greenserv-thompson (190.3)", "linucb (127.8)",
        "thompson:warm=0 (169.7)", "best-fixed (169.6)")) {
      entries.add(new Legend.Entry(name, "#1f77b4", Canvas.Dash.SOLID, Canvas.Marker.CIRCLE, true));
    }
    return new Legend("policy (final regret)", entries, 12.5);
  }

  @Test
  void theLegend_liesBesideTheDataArea_andInsideTheDrawing() {
    Chart chart = new Chart("a title", "a subtitle", new Chart.Axis("cost", Ticks.log(1e-4, 5e-3), true, "$"),
        new Chart.Axis("quality", Ticks.linear(0.54, 0.63, 9), false, ""), legend(), 600, 400);
    Box legend = chart.legendBox();
    assertThat(legend.overlaps(chart.area())).isFalse();
    assertThat(legend.x()).isGreaterThan(chart.area().right());
    assertThat(new Box(0, 0, chart.width(), chart.height()).contains(legend)).as("not clipped").isTrue();
    assertThat(legend.w()).as("wide enough for the longest name")
        .isGreaterThan(TextMetrics.width("greenserv-epsilon-greedy (184.4)", 12.5));
    assertThat(chart.area().w()).as("the data area keeps its size").isEqualTo(600);
  }

  @Test
  void logTickLabels_neverTouch_andKeepThePowersOfTen() {
    Chart chart = new Chart("t", null, new Chart.Axis("cost", Ticks.log(1.1e-5, 0.9), true, "$"),
        new Chart.Axis("q", Ticks.linear(0, 1, 6), false, ""), null, 260, 200);
    List<Integer> shown = chart.xLabelsShown();
    Ticks x = Ticks.log(1.1e-5, 0.9);
    List<Box> boxes = shown.stream()
        .map(i -> TextMetrics.box(chart.x(x.values()[i]), 0, "$" + x.labels()[i], 12.5, Canvas.Anchor.MIDDLE)).toList();
    for (int i = 1; i < boxes.size(); i++) {
      assertThat(boxes.get(i).x()).isGreaterThan(boxes.get(i - 1).right());
    }
    assertThat(shown).as("some labels had to go").hasSizeLessThan(x.values().length).hasSizeGreaterThan(1);
    assertThat(shown.stream().map(i -> x.labels()[i])).as("powers of ten, evenly spaced")
        .allMatch(l -> l.replaceAll("[0.]", "").equals("1"));
    for (int i = 2; i < shown.size(); i++) {
      assertThat(shown.get(i) - shown.get(i - 1)).isEqualTo(shown.get(1) - shown.get(0));
    }
  }
}
