package dev.signalbox.core.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.signalbox.core.config.ConfigException;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.request.Message;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.Decision;
import dev.signalbox.core.routing.Router;
import dev.signalbox.core.routing.Routers;
import dev.signalbox.core.routing.Trace;
import dev.signalbox.core.signal.Signals;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class RuleRouterTest {
  private static final String MODELS = """
      models:
        - name: small
          input_price: 0.1
          output_price: 0.4
          context_window: 1000
          endpoints: [{simulated: {}}]
        - name: medium
          input_price: 1
          output_price: 4
          context_window: 4000
          endpoints: [{simulated: {}}]
        - name: large
          input_price: 3
          output_price: 12
          context_window: 16000
          endpoints: [{simulated: {}}]
        - name: embed
          input_price: 0.02
          context_window: 512
          operations: [embeddings]
          endpoints: [{simulated: {}}]
      routes:
      """;

  /** The hard/long/small-talk route of the default config, on the test models. */
  private static final String TIERED = """
        - name: auto
          policy: rules
          default: medium
          rules:
            - name: small-talk
              priority: 10
              when: {all: [{prompt_tokens: {max: 300}}, {task: [general]}]}
              model: small
            - name: hard-tasks
              priority: 50
              when:
                any:
                  - task: [code, math]
                  - keywords: {any: [debug, prove]}
              model: large
            - name: long-context
              priority: 100
              when: {prompt_tokens: {min: 3000}}
              model: large
      """;

  static Router router(String routesYaml) {
    SignalboxConfig config = ConfigLoader.parse(MODELS + routesYaml, name -> null);
    return Routers.create(config.routes().get(0), config.catalog());
  }

  static Decision route(Router router, Signals signals) {
    return router.route(RouteRequest.chat("r1", "auto", signals.text()), signals);
  }

  static Signals signals(int promptTokens, int maxOutput, String text, String task) {
    return new Signals(promptTokens, maxOutput, text, task, 0.8, null);
  }

  static AbstractThrowableAssert<?, ? extends Throwable> assertProblem(String routesYaml, String path) {
    return assertThatThrownBy(() -> router(routesYaml))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo(path))
        .hasMessageStartingWith(path + ": ");
  }

  @Test
  void provider_rulesPolicy_createsRuleRouter() {
    assertThat(new RuleRouter.Provider().policy()).isEqualTo("rules");
    assertThat(router(TIERED)).isInstanceOf(RuleRouter.class);
  }

  @Test
  void constructor_rulesOutOfOrder_areTriedByPriority() {
    RuleRouter router = (RuleRouter) router(TIERED);
    assertThat(router.rules()).extracting(Rule::name).containsExactly("long-context", "hard-tasks", "small-talk");
    assertThat(router.defaultModel()).isEqualTo("medium");
  }

  @Test
  void route_highestPriorityMatchingRule_wins() {
    Decision d = route(router(TIERED), signals(3500, -1, "debug this", "code"));
    assertThat(d.model()).isEqualTo("large");
    assertThat(d.trace().reason()).isEqualTo("rule 'long-context' matched: prompt_tokens 3500 >= 3000");
  }

  @Test
  void route_taskCondition_explainsTheTask() {
    Decision d = route(router(TIERED), signals(40, -1, "write a python function", "code"));
    assertThat(d.model()).isEqualTo("large");
    assertThat(d.trace().reason()).isEqualTo("rule 'hard-tasks' matched: task=code");
  }

  @Test
  void route_keywordCondition_explainsTheKeyword() {
    Decision d = route(router(TIERED), signals(40, -1, "Can you Debug my setup?", "general"));
    assertThat(d.model()).isEqualTo("large");
    assertThat(d.trace().reason()).isEqualTo("rule 'hard-tasks' matched: keyword 'debug'");
  }

  @Test
  void route_smallTalk_goesToSmall() {
    Decision d = route(router(TIERED), signals(5, -1, "hi", "general"));
    assertThat(d.model()).isEqualTo("small");
    assertThat(d.trace().reason()).isEqualTo("rule 'small-talk' matched: prompt_tokens 5 <= 300 and task=general");
  }

  @Test
  void route_noRuleMatches_usesDefault() {
    Decision d = route(router(TIERED), signals(800, -1, "tell me about ships", "general"));
    assertThat(d.model()).isEqualTo("medium");
    assertThat(d.trace().reason()).isEqualTo("no rule matched; default model medium");
  }

  @Test
  void trace_listsEveryRuleInOrderWithPriorityAndNote_thenDefault() {
    Trace trace = route(router(TIERED), signals(40, -1, "solve it", "math")).trace();
    assertThat(trace.policy()).isEqualTo("rules");
    assertThat(trace.alternatives())
        .extracting(Trace.Alternative::name, Trace.Alternative::model, Trace.Alternative::score,
            Trace.Alternative::note)
        .containsExactly(
            tuple("long-context", "large", 100.0, "no match"),
            tuple("hard-tasks", "large", 50.0, "matched"),
            tuple("small-talk", "small", 10.0, "not evaluated"),
            tuple("default", "medium", 9.0, "not needed"));
  }

  @Test
  void trace_defaultUsed_isNotedUsed() {
    Trace trace = route(router(TIERED), signals(800, -1, "ships", "general")).trace();
    assertThat(trace.alternatives()).extracting(Trace.Alternative::note)
        .containsExactly("no match", "no match", "no match", "used");
  }

  @Test
  void route_equalPriorities_firstInFileWins() {
    Router router = router("""
          - name: r
            policy: rules
            default: medium
            rules:
              - {name: first, priority: 5, when: {task: code}, model: small}
              - {name: higher, priority: 6, when: {task: math}, model: medium}
              - {name: second, priority: 5, when: {task: code}, model: large}
        """);
    Decision d = route(router, signals(10, -1, "", "code"));
    assertThat(d.model()).isEqualTo("small");
    assertThat(d.trace().alternatives()).extracting(Trace.Alternative::name)
        .containsExactly("higher", "first", "second", "default");
  }

  @Test
  void route_priorityDefaultsToZero() {
    Router router = router("""
          - name: r
            policy: rules
            default: medium
            rules:
              - {name: unset, when: {task: code}, model: small}
              - {name: negative, priority: -1, when: {task: code}, model: large}
        """);
    Trace trace = route(router, signals(10, -1, "", "code")).trace();
    assertThat(trace.alternatives()).extracting(Trace.Alternative::name, Trace.Alternative::score)
        .containsExactly(tuple("unset", 0.0), tuple("negative", -1.0), tuple("default", -2.0));
  }

  @Test
  void route_matchingRuleWhoseModelCannotFitPrompt_isSkippedWithNote() {
    Router router = router("""
          - name: r
            policy: rules
            default: medium
            rules:
              - {name: cheap-code, priority: 20, when: {task: code}, model: small}
              - {name: any-code, priority: 10, when: {task: code}, model: large}
        """);
    Decision d = route(router, signals(1500, -1, "", "code"));
    assertThat(d.model()).isEqualTo("large");
    assertThat(d.trace().reason()).isEqualTo("rule 'any-code' matched: task=code");
    assertThat(d.trace().alternatives().get(0).note())
        .isEqualTo("matched but model small cannot fit 1500 prompt tokens (window 1000)");
    assertThat(d.trace().alternatives().get(1).note()).isEqualTo("matched");
  }

  @Test
  void route_callersOutputLimit_countsTowardTheWindow() {
    Router router = router("""
          - name: r
            policy: rules
            default: medium
            rules:
              - {name: cheap, when: {prompt_tokens: {max: 900}}, model: small}
        """);
    assertThat(route(router, signals(600, 400, "", "general")).model()).isEqualTo("small");
    Decision d = route(router, signals(600, 500, "", "general"));
    assertThat(d.model()).isEqualTo("medium");
    assertThat(d.trace().alternatives().get(0).note())
        .isEqualTo("matched but model small cannot fit 600 prompt tokens + 500 output tokens (window 1000)");
    assertThat(d.trace().reason()).isEqualTo("no matching rule's model could take the request; default model medium");
  }

  @Test
  void route_defaultCannotFit_usesCheapestModelThatFits() {
    Router router = router("""
          - name: r
            policy: rules
            default: small
            rules:
              - {name: never, when: {task: translation}, model: small}
        """);
    Decision d = route(router, signals(3000, -1, "", "general"));
    assertThat(d.model()).isEqualTo("medium");
    assertThat(d.trace().reason()).isEqualTo("no rule matched and the default model small cannot fit 3000 prompt "
        + "tokens (window 1000); using the cheapest model that can: medium");
    assertThat(d.trace().alternatives().get(1))
        .isEqualTo(new Trace.Alternative("default", "small", -1.0,
            "model small cannot fit 3000 prompt tokens (window 1000); used medium instead"));
  }

  @Test
  void route_noModelFits_usesDefaultAnyway() {
    Decision d = route(router(TIERED), signals(50_000, -1, "", "general"));
    // long-context matches but large cannot fit either
    assertThat(d.model()).isEqualTo("medium");
    assertThat(d.trace().reason()).contains("no model can take the request")
        .endsWith("using default model medium anyway");
    assertThat(d.trace().alternatives().get(0).note())
        .isEqualTo("matched but model large cannot fit 50000 prompt tokens (window 16000)");
    assertThat(d.trace().alternatives().get(3).note()).startsWith("used although model medium cannot fit");
  }

  @Test
  void route_operationNoModelOfTheRulesServes_fallsBackToOneThatDoes() {
    RouteRequest embeddings = new RouteRequest(
        "r2", Operation.EMBEDDINGS, "auto", List.of(Message.user("hi")), -1, false, Map.of());
    Decision d = router(TIERED).route(embeddings, signals(5, -1, "hi", "general"));
    assertThat(d.model()).isEqualTo("embed");
    assertThat(d.trace().alternatives().get(2).note())
        .isEqualTo("matched but model small does not serve embeddings");
    assertThat(d.trace().reason()).contains("the default model medium does not serve embeddings")
        .endsWith("cheapest model that can: embed");
  }

  @Test
  void route_noRules_usesDefault() {
    Router router = router("""
          - {name: r, policy: rules, default: large}
        """);
    Decision d = route(router, signals(10, -1, "x", "code"));
    assertThat(d.model()).isEqualTo("large");
    assertThat(d.trace().reason()).isEqualTo("no rules; default model large");
    assertThat(d.trace().alternatives()).containsExactly(new Trace.Alternative("default", "large", -1.0, "used"));
  }

  @Test
  void route_sameSignalsTwice_giveEqualDecisions() {
    Router router = router(TIERED);
    Signals s = signals(40, -1, "prove it", "general");
    assertThat(route(router, s)).isEqualTo(route(router, s));
  }

  @Test
  void create_missingDefault_namesIt() {
    assertProblem("  - {name: r, policy: rules}\n", "routes[0].default").hasMessageContaining("required");
  }

  @Test
  void create_unknownDefaultModel_namesIt() {
    assertProblem("  - {name: r, policy: rules, default: xl}\n", "routes[0].default")
        .hasMessageContaining("unknown model 'xl'").hasMessageContaining("known: small, medium, large, embed");
  }

  @Test
  void create_defaultNotAString_namesIt() {
    assertProblem("  - {name: r, policy: rules, default: [small, large]}\n", "routes[0].default")
        .hasMessageContaining("expected a string");
  }

  @Test
  void create_unknownRouteKey_namesItWithHint() {
    assertProblem("  - {name: r, policy: rules, default: small, rule: []}\n", "routes[0].rule")
        .hasMessageContaining("did you mean 'rules'");
  }

  @Test
  void create_rulesNotAList_isAProblem() {
    assertProblem("  - {name: r, policy: rules, default: small, rules: {name: a}}\n", "routes[0].rules")
        .hasMessageContaining("expected a list of rules");
  }

  @Test
  void create_unknownRuleKey_namesItWithHint() {
    assertProblem("""
          - name: r
            policy: rules
            default: small
            rules:
              - {name: a, wen: {task: code}, model: large}
        """, "routes[0].rules[0].wen").hasMessageContaining("did you mean 'when'");
  }

  @Test
  void create_ruleWithoutNameOrWhen_namesTheKey() {
    assertProblem("""
          - name: r
            policy: rules
            default: small
            rules:
              - {when: {task: code}, model: large}
        """, "routes[0].rules[0].name").hasMessageContaining("required");
    assertProblem("""
          - name: r
            policy: rules
            default: small
            rules:
              - {name: a, model: large}
        """, "routes[0].rules[0].when").hasMessageContaining("required");
  }

  @Test
  void create_unknownRuleModel_namesIt() {
    assertProblem("""
          - name: r
            policy: rules
            default: small
            rules:
              - {name: a, when: {task: code}, model: large}
              - {name: b, when: {task: math}, model: huge}
        """, "routes[0].rules[1].model").hasMessageContaining("unknown model 'huge'");
  }

  @Test
  void create_priorityNotAnInteger_namesIt() {
    assertProblem("""
          - name: r
            policy: rules
            default: small
            rules:
              - {name: a, priority: high, when: {task: code}, model: large}
        """, "routes[0].rules[0].priority").hasMessageContaining("expected an integer, got \"high\"");
  }

  @Test
  void create_duplicateRuleName_namesTheSecond() {
    assertProblem("""
          - name: r
            policy: rules
            default: small
            rules:
              - {name: a, when: {task: code}, model: large}
              - {name: a, when: {task: math}, model: large}
        """, "routes[0].rules[1].name").hasMessageContaining("duplicate rule name 'a' (first at routes[0].rules[0])");
  }

  @Test
  void create_emptyKeywordList_namesTheExactPath() {
    assertProblem("""
          - name: r
            policy: rules
            default: small
            rules:
              - {name: a, when: {task: code}, model: large}
              - {name: b, when: {keywords: {any: []}}, model: large}
        """, "routes[0].rules[1].when.keywords.any");
  }

  @Test
  void create_badRegex_namesTheExactPath() {
    assertProblem("""
          - name: r
            policy: rules
            default: small
            rules:
              - {name: a, when: {task: code}, model: large}
              - {name: b, when: {regex: '(?<name'}, model: large}
        """, "routes[0].rules[1].when.regex").hasMessageContaining("invalid regular expression");
  }

  @Test
  void create_unknownConditionKey_namesTheExactPath() {
    assertProblem("""
          - name: r
            policy: rules
            default: small
            rules:
              - {name: a, when: {any: [{task: code}, {keyword: {any: [x]}}]}, model: large}
        """, "routes[0].rules[0].when.any[1].keyword").hasMessageContaining("did you mean 'keywords'");
  }
}
