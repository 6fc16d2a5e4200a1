package dev.signalbox.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Core's packages, read from their imports: which ones depend on each other both ways. */
class PackageCyclesTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.signalbox\\.core(?:\\.[a-z]+)*)\\.[A-Z]",
      Pattern.MULTILINE);

  /** Each package of core and the packages of core it imports. */
  static Map<String, Set<String>> imports() throws IOException {
    Map<String, Set<String>> graph = new HashMap<>();
    try (Stream<Path> files = Files.walk(SOURCES.resolve("dev/signalbox/core"))) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
        String pkg = SOURCES.relativize(f.getParent()).toString().replace('/', '.');
        Matcher m;
        try {
          m = IMPORT.matcher(Files.readString(f));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        Set<String> to = graph.computeIfAbsent(pkg, p -> new HashSet<>());
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            to.add(m.group(1));
          }
        }
      });
    }
    return graph;
  }

  @Test
  void config_importsNoneOfThePackagesThatReadIt() throws IOException {
    assertThat(imports().get("dev.signalbox.core.config"))
        .containsOnly("dev.signalbox.core.model", "dev.signalbox.core.request");
  }

  @Test
  void noTwoPackagesImportEachOther_butTheTwoPairsKnownBefore() throws IOException {
    Map<String, Set<String>> graph = imports();
    List<String> pairs = new ArrayList<>();
    graph.forEach((a, to) -> to.forEach(b -> {
      if (a.compareTo(b) < 0 && graph.getOrDefault(b, Set.of()).contains(a)) {
        pairs.add(a.substring("dev.signalbox.core.".length()) + " <-> " + b.substring("dev.signalbox.core.".length()));
      }
    }));
    assertThat(pairs).containsExactlyInAnyOrder("request <-> signal", "routing <-> routing.rules");
  }
}
