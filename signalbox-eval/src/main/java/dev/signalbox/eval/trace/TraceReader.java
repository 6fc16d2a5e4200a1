package dev.signalbox.eval.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads one file of a routing dataset into trace records. */
public interface TraceReader {

  /** Whether this reader understands the file (by name and first bytes). */
  boolean accepts(Path file, String head);

  List<TraceRecord> read(Path file) throws IOException;

  /** {@code train} or {@code test} from a file name such as {@code mbpp_train.csv}, else null. */
  static String splitOf(Path file) {
    String name = file.getFileName().toString().toLowerCase();
    if (name.matches(".*[_-]train[._-].*|.*[_-]train$")) {
      return "train";
    }
    if (name.matches(".*[_-]test[._-].*|.*[_-]test$")) {
      return "test";
    }
    return null;
  }

  /** The file name without its split suffix and extension: {@code gsm8k-test.json} → {@code gsm8k}. */
  static String taskOf(Path file) {
    String name = file.getFileName().toString();
    int dot = name.indexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return stem.replaceAll("[_-](train|test)$", "");
  }
}
