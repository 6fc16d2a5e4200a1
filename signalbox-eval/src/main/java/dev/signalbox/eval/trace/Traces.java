package dev.signalbox.eval.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Loads routing traces from files, folders or globs, detecting each file's format. */
public final class Traces {
  private static final List<TraceReader> READERS =
      List.of(new RouterBenchCsvReader(), new RouterDcJsonReader(), new JsonlTraceReader());

  private Traces() {}

  /** The files a path names: the file itself, a folder's readable files, or a glob's matches. */
  public static List<Path> expand(String pattern) {
    Path direct = Path.of(pattern);
    if (Files.isRegularFile(direct)) {
      return List.of(direct);
    }
    TreeSet<Path> out = new TreeSet<>();
    try {
      if (Files.isDirectory(direct)) {
        try (Stream<Path> s = Files.list(direct)) {
          s.filter(Files::isRegularFile).filter(p -> format(p) != null).forEach(out::add);
        }
      } else if (pattern.contains("*") || pattern.contains("?") || pattern.contains("{")) {
        int cut = pattern.substring(0, firstWildcard(pattern)).lastIndexOf('/');
        Path base = Path.of(cut < 0 ? "." : pattern.substring(0, Math.max(1, cut)));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + (cut < 0 ? pattern : pattern.substring(cut + 1)));
        if (Files.isDirectory(base)) {
          try (Stream<Path> s = Files.list(base)) {
            s.filter(p -> matcher.matches(p.getFileName())).filter(Files::isRegularFile).forEach(out::add);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no trace files at '" + pattern + "'");
    }
    return new ArrayList<>(out);
  }

  /** Reads every file of every path, in order. */
  public static List<TraceRecord> load(List<String> patterns) {
    List<TraceRecord> out = new ArrayList<>();
    for (String pattern : patterns) {
      for (Path file : expand(pattern)) {
        TraceReader reader = format(file);
        if (reader == null) {
          throw new IllegalArgumentException(file + ": not a known trace format (JSONL trace, RouterBench CSV, RouterDC JSON)");
        }
        try {
          out.addAll(reader.read(file));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + file, e);
        }
      }
    }
    return out;
  }

  static TraceReader format(Path file) {
    String head;
    try (InputStream in = Files.newInputStream(file)) {
      head = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
    for (TraceReader r : READERS) {
      if (r.accepts(file, head)) {
        return r;
      }
    }
    return null;
  }

  private static int firstWildcard(String s) {
    int i = s.length();
    for (char c : new char[] {'*', '?', '{', '['}) {
      int at = s.indexOf(c);
      if (at >= 0) {
        i = Math.min(i, at);
      }
    }
    return i;
  }
}
