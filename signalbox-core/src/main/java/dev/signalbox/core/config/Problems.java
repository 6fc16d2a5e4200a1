package dev.signalbox.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The problems found while reading one configuration tree, kept so that a user sees every one at
 * once. One problem per key: a later one at the same path follows from the first. {@link #inFileOrder}
 * sorts them by where their key appears in the file.
 */
final class Problems {
  private final JsonNode root;
  private final List<ConfigException> found = new ArrayList<>();
  private int reported;

  Problems(JsonNode root) {
    this.root = root;
  }

  void add(ConfigException problem) {
    reported++;
    if (found.stream().noneMatch(p -> p.path().equals(problem.path()))) {
      found.add(problem);
    }
  }

  /** How many problems were reported so far, repeats included: a step that raised it went wrong. */
  int reported() {
    return reported;
  }

  /** The problems ordered by their key's place in the file (a missing key: its mapping's place). */
  List<ConfigException> inFileOrder() {
    Map<String, Integer> order = new HashMap<>();
    number(root, "", order);
    List<ConfigException> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparingDouble(p -> position(p.path(), order)));
    return sorted;
  }

  private static double position(String path, Map<String, Integer> order) {
    double missing = 0;
    for (String p = path; ; p = parent(p)) {
      Integer at = order.get(p);
      if (at != null) {
        return at + missing;
      }
      if (p.isEmpty()) {
        return -1;
      }
      missing = 0.5;
    }
  }

  private static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** Numbers every node of the tree in document order, by the paths {@link ConfigNode} gives them. */
  private static void number(JsonNode node, String path, Map<String, Integer> order) {
    order.put(path, order.size());
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        number(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), order);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        number(node.get(i), path + "[" + i + "]", order);
      }
    }
  }
}
