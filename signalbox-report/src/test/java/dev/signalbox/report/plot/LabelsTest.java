package dev.signalbox.report.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsTest {
  private static final Box AREA = new Box(50, 40, 600, 400);

  private static void assertApartAndInside(List<Labels.Placed> placed, List<Box> markers) {
    for (int i = 0; i < placed.size(); i++) {
      Box a = placed.get(i).box();
      assertThat(AREA.contains(a)).as("label %s inside the plot: %s", placed.get(i).label().text(), a).isTrue();
      for (Box m : markers) {
        assertThat(a.overlaps(m)).as("label %s off marker %s", placed.get(i).label().text(), m).isFalse();
      }
      for (int j = i + 1; j < placed.size(); j++) {
        assertThat(a.overlaps(placed.get(j).box()))
            .as("%s and %s apart", placed.get(i).label().text(), placed.get(j).label().text()).isFalse();
      }
    }
  }

  @Test
  void crowdedPoints_getLabelsThatOverlapNothing_andLeadersWhenSetOff() {
    List<Labels.Label> labels = new ArrayList<>();
    List<Box> markers = new ArrayList<>();
    String[] names = {"gpt-3.5-turbo-1106", "mixtral-8x7b-chat", "Yi-34B-Chat", "claude-instant-v1", "llama-2-70b-chat",
        "code-llama-instruct-34b-chat", "mistral-7b-chat", "WizardLM-13B-V1.2"};
    for (int i = 0; i < names.length; i++) {
      double x = 200 + 6 * i;
      double y = 200 + (i % 3) * 4;
      labels.add(new Labels.Label(x, y, names[i], 12));
      markers.add(Box.around(x, y, 5));
    }
    List<Labels.Placed> placed = Labels.place(labels, AREA, markers, List.of());
    assertThat(placed).hasSize(names.length);
    assertApartAndInside(placed, markers);
    assertThat(placed).as("most of a cluster cannot sit next to its point").anyMatch(Labels.Placed::leader);
    assertThat(placed.get(0).leader()).as("the first goes right beside its point").isFalse();
  }

  @Test
  void pointsAtTheEdges_keepTheirLabelsInside() {
    List<Labels.Label> labels = List.of(
        new Labels.Label(AREA.right(), AREA.y() + 100, "gpt-4-1106-preview", 12),
        new Labels.Label(AREA.right() - 2, AREA.y() + 1, "top right corner", 12),
        new Labels.Label(AREA.x(), AREA.bottom(), "bottom left corner", 12),
        new Labels.Label(AREA.x() + 300, AREA.bottom() - 1, "on the x axis", 12));
    List<Box> markers = labels.stream().map(l -> Box.around(l.x(), l.y(), 5)).toList();
    assertApartAndInside(Labels.place(labels, AREA, markers, List.of()), markers);
  }

  @Test
  void aLineThroughTheUsualSpot_pushesTheLabelOffIt() {
    List<double[]> line = new ArrayList<>();
    for (double x = 100; x < 600; x += 2) {
      line.add(new double[] {x, 200});
    }
    Labels.Placed p = Labels.place(List.of(new Labels.Label(300, 200, "on a line", 12)), AREA, List.of(), line).get(0);
    assertThat(line).noneMatch(pt -> p.box().contains(pt[0], pt[1]));
  }
}
