package dev.signalbox.report.plot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/** Writes one drawing as {@code BASE.svg} and {@code BASE.png}. */
public final class PlotFiles {
  /** The PNG has this many pixels per drawing unit each way, for sharp text. */
  public static final double PNG_SCALE = 2;

  private PlotFiles() {}

  /** Draws {@code draw} twice, into SVG and into a PNG; returns the two files written. */
  public static List<Path> write(Path dir, String base, int width, int height, Consumer<Canvas> draw)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    SvgCanvas svg = new SvgCanvas(width, height);
    draw.accept(svg);
    Path svgFile = dir.resolve(base + ".svg");
    Files.writeString(svgFile, svg.document(), StandardCharsets.UTF_8);
    ImageCanvas png = new ImageCanvas(width, height, PNG_SCALE);
    draw.accept(png);
    Path pngFile = dir.resolve(base + ".png");
    ImageIO.write(png.image(), "png", pngFile.toFile());
    return List.of(svgFile, pngFile);
  }
}
