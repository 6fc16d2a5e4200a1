package dev.signalbox.core.routing.rules;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.signal.TaskHeuristic;
import dev.signalbox.core.spi.ProviderRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
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
 * <p>Each key is a {@link ConditionProvider}; keys that plug in (a condition on a signal of one's
 * own) are found with {@link java.util.ServiceLoader} and documented alongside.
 *
 * Every problem names its key, e.g. {@code routes[0].rules[1].when.keywords.any[2]: must not be
 * empty}.
 */
public final class Conditions {
  private static final Keys TOKEN_RANGE = Keys.of("bounds, inclusive; give min, max or both")
      .key("min", "integer >= 0", null, "the lowest count that matches")
      .key("max", "integer >= min", null, "the highest count that matches");

  private static final Keys KEYWORDS = Keys.of("keywords in the user's text; give one of any, all or none")
      .key("any", "list of words", null, "at least one is there")
      .key("all", "list of words", null, "every one is there")
      .key("none", "list of words", null, "none is there")
      .key("case_sensitive", "boolean", false, "whether case matters")
      .key("match", "word | contains", "word", "word: whole words only; contains: anywhere, inside words too");

  private static final Keys TASK = Keys.of("the long form of task, with how sure the heuristic must be")
      .required("labels", "list of " + String.join(" | ", TaskHeuristic.LABELS) + " | chat",
          "the task heuristic's label is one of these")
      .key("min_confidence", "number 0..1", 0, "and it is at least this sure (e.g. 0.5: a guess at 0.27 does not match)");

  /** A built-in condition key. */
  private record BuiltIn(String key, Keys keys, Function<ConfigNode, Condition> parser) implements ConditionProvider {
    @Override
    public Condition parse(ConfigNode value) {
      return parser.apply(value);
    }
  }

  /** The condition keys: the built-ins, then any {@link ConditionProvider} on the class path. */
  private static final ProviderRegistry<ConditionProvider> PROVIDERS = ProviderRegistry.discover(
      "condition", ConditionProvider.class, p -> List.of(p.key()), List.of(
          new BuiltIn("prompt_tokens", Keys.of("").mapping("prompt_tokens", "mapping", null,
              "estimated prompt tokens: " + TOKEN_RANGE.doc(), TOKEN_RANGE),
              n -> tokenRange(TokenRange.Measure.PROMPT_TOKENS, n)),
          new BuiltIn("output_tokens", Keys.of("").mapping("output_tokens", "mapping", null,
              "the caller's max tokens (when not given it fails a min bound): " + TOKEN_RANGE.doc(), TOKEN_RANGE),
              n -> tokenRange(TokenRange.Measure.OUTPUT_TOKENS, n)),
          new BuiltIn("keywords", Keys.of("").mapping("keywords", "mapping", null, KEYWORDS.doc(), KEYWORDS),
              Conditions::keywords),
          new BuiltIn("regex", Keys.of("").key("regex", "pattern or list of patterns", null,
              "any pattern is found in the user's text"), Conditions::regex),
          new BuiltIn("task", Keys.of("").mapping("task", "label, list of " + String.join(" | ", TaskHeuristic.LABELS)
              + " | chat, or mapping", null, "the task heuristic's label is one of these (chat: another name for "
              + "general)", TASK), Conditions::task),
          new BuiltIn("all", Keys.of("").list("all", false, "every condition of the list holds", Keys.SAME),
              n -> new AllOf(conditionList(n))),
          new BuiltIn("any", Keys.of("").list("any", false, "at least one condition of the list holds", Keys.SAME),
              n -> new AnyOf(conditionList(n))),
          new BuiltIn("not", Keys.of("").mapping("not", "condition", null, "the condition does not hold", Keys.SAME),
              n -> new Not(parse(n)))));

  /** The keys a condition mapping may have; with several, all must hold. */
  public static final Keys KEYS = keys();

  /** Accepted by {@code task} as another name for {@code general} (small talk). */
  static final String CHAT_ALIAS = "chat";

  private Conditions() {}

  /** Reads a condition mapping; fails naming the offending key. */
  public static Condition parse(ConfigNode n) {
    if (n.isMissing()) {
      throw n.problem("required key is missing (a condition such as {task: [code]})");
    }
    n.allowOnly(KEYS);
    List<String> keys = n.keys();
    if (keys.isEmpty()) {
      throw n.problem("a condition needs at least one of: " + String.join(", ", KEYS.names()));
    }
    List<Condition> parts = new ArrayList<>(keys.size());
    for (String key : keys) {
      if (KEYS.allows(key)) {
        parts.add(parseKey(key, n.get(key)));
      }
    }
    return parts.size() == 1 ? parts.get(0) : new AllOf(parts);
  }

  private static Condition parseKey(String key, ConfigNode n) {
    if (n.isMissing()) {
      throw n.problem("has no value");
    }
    return PROVIDERS.get(key).parse(n);
  }

  private static Keys keys() {
    Keys keys = Keys.of("a condition on the request; with several keys, all must hold");
    for (String key : PROVIDERS.names()) {
      keys = keys.plus(PROVIDERS.get(key).keys());
    }
    return keys;
  }

  private static TokenRange tokenRange(TokenRange.Measure measure, ConfigNode n) {
    n.allowOnly(TOKEN_RANGE);
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
    n.allowOnly(KEYWORDS);
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
      n.allowOnly(TASK);
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
