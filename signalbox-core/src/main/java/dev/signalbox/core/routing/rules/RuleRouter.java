package dev.signalbox.core.routing.rules;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.config.RouteConfig;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.Decision;
import dev.signalbox.core.routing.Router;
import dev.signalbox.core.routing.RouterProvider;
import dev.signalbox.core.routing.Routers;
import dev.signalbox.core.routing.Trace;
import dev.signalbox.core.signal.Signals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decision rules over cheap signals, after the decision engine of the vLLM Semantic Router
 * (priority selection: the highest priority first, ties in configuration order). The first rule
 * whose condition holds and whose model can take the request (it serves the operation, and the
 * prompt plus the caller's output limit fit its context window) wins. A rule that matches but
 * whose model cannot take the request is skipped, with a note in the trace. When no rule wins,
 * the {@code default} model answers; if even the default cannot take the request, the cheapest
 * model that can does, and if none can, the default still does.
 *
 * <p>The trace lists every rule, in the order tried, with its priority as the score and a note
 * ({@code matched}, {@code no match}, {@code matched but …}, {@code not evaluated}), then the
 * default, scored one below the lowest priority.
 */
public final class RuleRouter implements Router {
  /** The policy's name in configuration. */
  public static final String POLICY = "rules";
  /** The name of the default in traces. */
  public static final String DEFAULT = "default";

  private final Rule[] rules;
  private final ModelSpec[] ruleModels;
  private final Trace.Alternative[] matched;
  private final Trace.Alternative[] noMatch;
  private final Trace.Alternative[] notEvaluated;
  private final ModelSpec defaultModel;
  private final double defaultScore;
  private final Trace.Alternative defaultNotNeeded;
  private final Trace.Alternative defaultUsed;
  private final Catalog catalog;

  /**
   * A router over rules (in any order: they are sorted by priority, keeping the given order for
   * ties) whose models, like the default, are in the catalog.
   */
  public RuleRouter(List<Rule> rules, String defaultModel, Catalog catalog) {
    List<Rule> sorted = new ArrayList<>(rules);
    sorted.sort(Comparator.comparingInt(Rule::priority).reversed());
    int n = sorted.size();
    this.rules = sorted.toArray(new Rule[0]);
    this.ruleModels = new ModelSpec[n];
    this.matched = new Trace.Alternative[n];
    this.noMatch = new Trace.Alternative[n];
    this.notEvaluated = new Trace.Alternative[n];
    double lowest = 0;
    for (int k = 0; k < n; k++) {
      Rule r = this.rules[k];
      ruleModels[k] = catalog.get(r.model());
      matched[k] = new Trace.Alternative(r.name(), r.model(), r.priority(), "matched");
      noMatch[k] = new Trace.Alternative(r.name(), r.model(), r.priority(), "no match");
      notEvaluated[k] = new Trace.Alternative(r.name(), r.model(), r.priority(), "not evaluated");
      lowest = k == 0 ? r.priority() : Math.min(lowest, r.priority());
    }
    this.defaultModel = catalog.get(defaultModel);
    this.defaultScore = lowest - 1;
    this.defaultNotNeeded = new Trace.Alternative(DEFAULT, defaultModel, defaultScore, "not needed");
    this.defaultUsed = new Trace.Alternative(DEFAULT, defaultModel, defaultScore, "used");
    this.catalog = catalog;
  }

  /** The rules in the order they are tried. */
  public List<Rule> rules() {
    return List.of(rules);
  }

  /** The model used when no rule wins. */
  public String defaultModel() {
    return defaultModel.name();
  }

  @Override
  public Decision route(RouteRequest request, Signals signals) {
    int prompt = signals.promptTokens();
    int output = signals.maxOutputTokens();
    Operation operation = request.operation();
    Trace.Alternative[] alternatives = new Trace.Alternative[rules.length + 1];
    int winner = -1;
    boolean skipped = false;
    for (int k = 0; k < rules.length; k++) {
      Rule rule = rules[k];
      if (winner >= 0) {
        alternatives[k] = notEvaluated[k];
      } else if (!rule.when().test(signals)) {
        alternatives[k] = noMatch[k];
      } else {
        String unfit = cannotTake(ruleModels[k], prompt, output, operation);
        if (unfit == null) {
          winner = k;
          alternatives[k] = matched[k];
        } else {
          skipped = true;
          alternatives[k] =
              new Trace.Alternative(rule.name(), rule.model(), rule.priority(), "matched but " + unfit);
        }
      }
    }
    if (winner >= 0) {
      Rule rule = rules[winner];
      alternatives[rules.length] = defaultNotNeeded;
      String reason = "rule '" + rule.name() + "' matched: " + rule.when().explain(signals);
      return decision(rule.model(), reason, alternatives);
    }
    return byDefault(prompt, output, operation, skipped, alternatives);
  }

  private Decision byDefault(
      int prompt, int output, Operation operation, boolean skipped, Trace.Alternative[] alternatives) {
    int last = rules.length;
    String why = rules.length == 0 ? "no rules"
        : skipped ? "no matching rule's model could take the request" : "no rule matched";
    String unfit = cannotTake(defaultModel, prompt, output, operation);
    if (unfit == null) {
      alternatives[last] = defaultUsed;
      return decision(defaultModel.name(), why + "; default model " + defaultModel.name(), alternatives);
    }
    ModelSpec fallback = cheapestThatTakes(prompt, output, operation);
    if (fallback != null) {
      alternatives[last] = new Trace.Alternative(
          DEFAULT, defaultModel.name(), defaultScore, unfit + "; used " + fallback.name() + " instead");
      return decision(fallback.name(), why + " and the default " + unfit
          + "; using the cheapest model that can: " + fallback.name(), alternatives);
    }
    alternatives[last] = new Trace.Alternative(
        DEFAULT, defaultModel.name(), defaultScore, "used although " + unfit);
    return decision(defaultModel.name(), why + " and no model can take the request (the default "
        + unfit + "); using default model " + defaultModel.name() + " anyway", alternatives);
  }

  private static Decision decision(String model, String reason, Trace.Alternative[] alternatives) {
    return new Decision(model, new Trace(POLICY, reason, Arrays.asList(alternatives)));
  }

  /** Why a model cannot take the request, or null when it can. */
  static String cannotTake(ModelSpec model, int prompt, int output, Operation operation) {
    ModelSpec.Refusal refusal = model.refusal(operation, prompt, output);
    return refusal == null ? null : refusal.reason();
  }

  /** The model that takes the request at the lowest list cost, or null when none can. */
  private ModelSpec cheapestThatTakes(int prompt, int output, Operation operation) {
    ModelSpec best = null;
    double bestCost = Double.POSITIVE_INFINITY;
    for (ModelSpec m : catalog.all()) {
      if (cannotTake(m, prompt, output, operation) != null) {
        continue;
      }
      // with no output limit the prompt's cost decides; list prices break ties
      double cost = m.cost(prompt, Math.max(output, 0));
      if (cost < bestCost || (cost == bestCost && listPrice(m) < listPrice(best))) {
        best = m;
        bestCost = cost;
      }
    }
    return best;
  }

  private static double listPrice(ModelSpec m) {
    return m.inputPricePerMillion() + m.outputPricePerMillion();
  }

  /**
   * Reads a rules route:
   *
   * <pre>
   * - name: auto
   *   policy: rules
   *   default: MODEL                 # required
   *   rules:
   *     - name: long-context         # required, unique in the route
   *       priority: 100              # optional, default 0; higher first
   *       when: {prompt_tokens: {min: 24000}}
   *       model: MODEL
   * </pre>
   *
   * The condition grammar is described at {@link Conditions}.
   */
  public static final class Provider implements RouterProvider {
    private static final Keys RULE = Keys.of("a rule: when its condition holds and its model can take the request, "
        + "that model answers")
        .required("name", "string", "the rule's name, unique in the route (shown in traces)")
        .key("priority", "integer", 0, "higher first; ties in configuration order")
        .requiredMapping("when", "condition", Conditions.KEYS.doc(), Conditions.KEYS)
        .required("model", "model name", "the model that answers when the rule wins");

    @Override
    public String policy() {
      return POLICY;
    }

    @Override
    public Keys keys() {
      return Keys.of("decision rules over cheap signals, highest priority first")
          .required(DEFAULT, "model name", "the model used when no rule wins")
          .list("rules", false, RULE.doc(), RULE);
    }

    @Override
    public Router create(RouteConfig route, Catalog catalog) {
      ConfigNode n = route.settings();
      String defaultModel = n.attempt(() -> Routers.knownModel(n.get(DEFAULT), catalog), null);
      ConfigNode list = n.get("rules");
      if (!list.isMissing() && !list.isArray()) {
        throw list.problem("expected a list of rules");
      }
      List<Rule> rules = new ArrayList<>();
      Map<String, String> names = new HashMap<>();
      for (ConfigNode r : list.asList()) {
        Rule rule = r.attempt(() -> rule(r, catalog), null);
        String previous = rule == null ? null : names.putIfAbsent(rule.name(), r.path());
        if (previous != null) {
          r.get("name").report("duplicate rule name '" + rule.name() + "' (first at " + previous + ")");
        } else if (rule != null) {
          rules.add(rule);
        }
      }
      if (defaultModel == null) {
        throw ConfigNode.abandoned();
      }
      return new RuleRouter(rules, defaultModel, catalog);
    }

    private static Rule rule(ConfigNode r, Catalog catalog) {
      r.allowOnly(RULE);
      String name = r.string("name");
      int priority = r.integer("priority", 0);
      ConfigNode when = r.get("when");
      Condition condition = when.attempt(() -> Conditions.parse(when), null);
      String model = Routers.knownModel(r.get("model"), catalog);
      if (condition == null) {
        throw ConfigNode.abandoned();
      }
      return new Rule(name, priority, condition, model);
    }
  }
}
