package dev.signalbox.report.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotFilesTest {

  private static void draw(Canvas c) {
    c.line(0, 50, 100, 50, "#000000", 1, Canvas.Dash.DASHED);
    c.polyline(new double[] {0, 50, 100}, new double[] {90, 10, 90}, "#1f77b4", 2, Canvas.Dash.SOLID);
    c.marker(50, 60, 8, Canvas.Marker.SQUARE, "#0000ff", true);
    c.circle(20, 20, 8, "#ff0000", true);
    c.circle(80, 20, 8, "#00ff00", false);
    c.text(50, 95, "a < b & c", 10, Canvas.Anchor.MIDDLE, "#000000");
    c.verticalText(5, 50, "y", 10, "#000000");
  }

  @Test
  void oneDrawing_becomesTheSameSvgAndPng(@TempDir Path dir) throws Exception {
    List<Path> files = PlotFiles.write(dir, "plot", 100, 100, PlotFilesTest::draw);
    assertThat(files).containsExactly(dir.resolve("plot.svg"), dir.resolve("plot.png"));

    String svg = Files.readString(dir.resolve("plot.svg"));
    assertThat(svg).startsWith("<svg").endsWith("</svg>\n")
        .contains("stroke-dasharray=\"7 4\"")
        .contains("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2.0\" stroke-linejoin=\"round\" points=\"0.0,90.0 50.0,10.0 100.0,90.0\"/>")
        .contains("<circle cx=\"20.0\" cy=\"20.0\" r=\"8.0\" fill=\"#ff0000\"/>")
        .contains("fill=\"white\" stroke=\"#00ff00\"")
        .contains("<polygon points=")
        .contains("text-anchor=\"middle\" fill=\"#000000\">a &lt; b &amp; c</text>")
        .contains("rotate(-90)");

    BufferedImage png = ImageIO.read(dir.resolve("plot.png").toFile());
    assertThat(png.getWidth()).as("twice the pixels, for sharp text").isEqualTo(200);
    assertThat(png.getRGB(40, 40) & 0xffffff).as("inside the filled dot").isEqualTo(0xff0000);
    assertThat(png.getRGB(160, 40) & 0xffffff).as("inside the ring").isEqualTo(0xffffff);
    assertThat(png.getRGB(100, 120) & 0xffffff).as("inside the square marker").isEqualTo(0x0000ff);
    assertThat(png.getRGB(199, 2) & 0xffffff).as("background").isEqualTo(0xffffff);
  }
}
