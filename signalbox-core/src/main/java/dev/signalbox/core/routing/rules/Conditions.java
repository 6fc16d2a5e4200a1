package dev.signalbox.core.routing.rules;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.signal.TaskHeuristic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the condition of a rule ({@code when}) from configuration. A condition is a mapping; when it
 * has several keys, all of them must hold. The keys:
 *
 * <pre>
 * prompt_tokens: {min: N, max: N}     estimated prompt tokens, bounds inclusive, either optional
 * output_tokens: {min: N, max: N}     the caller's max tokens; when not given it fails a min bound
 * keywords: {any|all|none: [WORD...], case_sensitive: false, match: word|contains}
 * regex: PATTERN | [PATTERN...]       any pattern found in the user's text
 * task: LABEL | [LABEL...]            the task heuristic's label is one of these
 * task: {labels: [LABEL...], min_confidence: 0.5}   ... and it is at least this sure
 * all: [CONDITION...]                 every one holds
 * any: [CONDITION...]                 at least one holds
 * not: CONDITION                      it does not hold
 * </pre>
 *
 * Every problem names its key, e.g. {@code routes[0].rules[1].when.keywords.any[2]: must not be
 * empty}.
 */
public final class Conditions {
  /** The keys a condition mapping may have. */
  public static final List<String> KEYS = List.of(
      "prompt_tokens", "output_tokens", "keywords", "regex", "task", "all", "any", "not");

  /** Accepted by {@code task} as another name for {@code general} (small talk). */
  static final String CHAT_ALIAS = "chat";

  private Conditions() {}

  /** Reads a condition mapping; fails naming the offending key. */
  public static Condition parse(ConfigNode n) {
    if (n.isMissing()) {
      throw n.problem("required key is missing (a condition such as {task: [code]})");
    }
    n.allowOnly(KEYS.toArray(new String[0]));
    List<String> keys = n.keys();
    if (keys.isEmpty()) {
      throw n.problem("a condition needs at least one of: " + String.join(", ", KEYS));
    }
    List<Condition> parts = new ArrayList<>(keys.size());
    for (String key : keys) {
      parts.add(parseKey(key, n.get(key)));
    }
    return parts.size() == 1 ? parts.get(0) : new AllOf(parts);
  }

  private static Condition parseKey(String key, ConfigNode n) {
    if (n.isMissing()) {
      throw n.problem("has no value");
    }
    switch (key) {
      case "prompt_tokens":
        return tokenRange(TokenRange.Measure.PROMPT_TOKENS, n);
      case "output_tokens":
        return tokenRange(TokenRange.Measure.OUTPUT_TOKENS, n);
      case "keywords":
        return keywords(n);
      case "regex":
        return regex(n);
      case "task":
        return task(n);
      case "all":
        return new AllOf(conditionList(n));
      case "any":
        return new AnyOf(conditionList(n));
      case "not":
        return new Not(parse(n));
      default:
        throw new IllegalStateException("unhandled condition key " + key);
    }
  }

  private static TokenRange tokenRange(TokenRange.Measure measure, ConfigNode n) {
    n.allowOnly("min", "max");
    if (!n.has("min") && !n.has("max")) {
      throw n.problem("give min, max or both");
    }
    int min = n.integer("min", TokenRange.NO_MIN);
    int max = n.integer("max", TokenRange.NO_MAX);
    if (n.has("min")) {
      n.get("min").check(min, v -> v >= 0, "must not be negative");
    }
    if (n.has("max")) {
      n.get("max").check(max, v -> v >= 0, "must not be negative");
    }
    n.get("max").check(max, v -> v >= min, "must not be below min (" + min + ")");
    return new TokenRange(measure, min, max);
  }

  private static KeywordCondition keywords(ConfigNode n) {
    n.allowOnly("any", "all", "none", "case_sensitive", "match");
    KeywordCondition.Mode mode = null;
    String modeKey = null;
    for (KeywordCondition.Mode m : KeywordCondition.Mode.values()) {
      String k = m.name().toLowerCase(Locale.ROOT);
      if (n.has(k)) {
        if (mode != null) {
          throw n.get(k).problem("give only one of any, all or none (found " + modeKey + " too)");
        }
        mode = m;
        modeKey = k;
      }
    }
    if (mode == null) {
      throw n.problem("give one of any, all or none with a list of keywords");
    }
    ConfigNode list = n.get(modeKey);
    List<String> words = new ArrayList<>();
    for (ConfigNode w : list.asList()) {
      String word = w.asString();
      w.check(word, s -> !s.isBlank(), "must not be empty");
      words.add(word);
    }
    if (words.isEmpty()) {
      throw list.problem("must list at least one keyword");
    }
    if (words.size() > KeywordSet.MAX_KEYWORDS) {
      throw list.problem(
          "at most " + KeywordSet.MAX_KEYWORDS + " keywords per list; split them with any: [...]");
    }
    String match = n.string("match", "word");
    if (!match.equals("word") && !match.equals("contains")) {
      throw n.get("match").problem("expected word or contains, got \"" + match + "\"");
    }
    return new KeywordCondition(mode, words, n.bool("case_sensitive", false), match.equals("word"));
  }

  private static RegexCondition regex(ConfigNode n) {
    List<Pattern> patterns = new ArrayList<>();
    for (ConfigNode p : n.asList()) {
      String source = p.asString();
      try {
        patterns.add(Pattern.compile(source));
      } catch (PatternSyntaxException e) {
        throw p.problem("invalid regular expression: " + e.getDescription() + " near index " + e.getIndex()
            + " of " + source);
      }
    }
    if (patterns.isEmpty()) {
      throw n.problem("must list at least one pattern");
    }
    return new RegexCondition(patterns);
  }

  private static TaskCondition task(ConfigNode n) {
    double minConfidence = 0;
    ConfigNode list = n;
    if (n.isObject()) {
      n.allowOnly("labels", "min_confidence");
      minConfidence = n.number("min_confidence", 0);
      n.get("min_confidence").check(minConfidence, c -> c >= 0 && c <= 1, "must be in [0, 1]");
      list = n.get("labels");
      if (list.isMissing()) {
        throw list.problem("required key is missing (the tasks, e.g. labels: [math, code])");
      }
    }
    List<String> labels = new ArrayList<>();
    for (ConfigNode l : list.asList()) {
      String label = l.asString();
      if (!TaskHeuristic.LABELS.contains(label) && !label.equals(CHAT_ALIAS)) {
        throw l.problem("unknown task '" + label + "'; known: " + String.join(", ", TaskHeuristic.LABELS)
            + " (and chat, another name for general)");
      }
      String canonical = label.equals(CHAT_ALIAS) ? "general" : label;
      if (!labels.contains(canonical)) {
        labels.add(canonical);
      }
    }
    if (labels.isEmpty()) {
      throw list.problem("must list at least one task");
    }
    return new TaskCondition(labels, minConfidence);
  }

  private static List<Condition> conditionList(ConfigNode n) {
    List<Condition> parts = new ArrayList<>();
    for (ConfigNode c : n.asList()) {
      parts.add(parse(c));
    }
    if (parts.isEmpty()) {
      throw n.problem("must list at least one condition");
    }
    return parts;
  }
}
