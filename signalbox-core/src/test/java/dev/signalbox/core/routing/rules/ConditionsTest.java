package dev.signalbox.core.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.config.ConfigException;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.signal.Signals;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  /** Parses {@code when: <yaml>} at the path {@code when}. */
  static Condition when(String yaml) {
    return Conditions.parse(new ConfigNode(ConfigLoader.tree("when: " + yaml, name -> null).get("when"), "when"));
  }

  static Signals text(String text) {
    return new Signals(10, -1, text, "general", 0.5, null);
  }

  static Signals tokens(int prompt, int output) {
    return new Signals(prompt, output, "", "general", 0.5, null);
  }

  static Signals task(String task) {
    return new Signals(10, -1, "", task, 0.9, null);
  }

  static AbstractThrowableAssert<?, ? extends Throwable> assertProblem(String yaml, String path) {
    return assertThatThrownBy(() -> when(yaml))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo(path))
        .hasMessageStartingWith(path + ": ");
  }

  @Test
  void promptTokens_minOnly_matchesFromMinInclusive() {
    Condition c = when("{prompt_tokens: {min: 100}}");
    assertThat(c.test(tokens(99, -1))).isFalse();
    assertThat(c.test(tokens(100, -1))).isTrue();
    assertThat(c.test(tokens(100_000, -1))).isTrue();
  }

  @Test
  void promptTokens_maxOnly_matchesUpToMaxInclusive() {
    Condition c = when("{prompt_tokens: {max: 300}}");
    assertThat(c.test(tokens(0, -1))).isTrue();
    assertThat(c.test(tokens(300, -1))).isTrue();
    assertThat(c.test(tokens(301, -1))).isFalse();
  }

  @Test
  void promptTokens_bothBounds_matchesInterval() {
    Condition c = when("{prompt_tokens: {min: 10, max: 20}}");
    assertThat(c.test(tokens(9, -1))).isFalse();
    assertThat(c.test(tokens(10, -1))).isTrue();
    assertThat(c.test(tokens(20, -1))).isTrue();
    assertThat(c.test(tokens(21, -1))).isFalse();
    assertThat(c.describe()).isEqualTo("prompt_tokens in [10, 20]");
    assertThat(c.explain(tokens(15, -1))).isEqualTo("prompt_tokens 15 in [10, 20]");
  }

  @Test
  void promptTokens_explain_namesValueAndBound() {
    assertThat(when("{prompt_tokens: {min: 24000}}").explain(tokens(31000, -1)))
        .isEqualTo("prompt_tokens 31000 >= 24000");
    assertThat(when("{prompt_tokens: {max: 300}}").explain(tokens(12, -1)))
        .isEqualTo("prompt_tokens 12 <= 300");
  }

  @Test
  void outputTokens_readsCallersMaxTokens() {
    Condition c = when("{output_tokens: {min: 1000}}");
    assertThat(c.test(tokens(10, 4000))).isTrue();
    assertThat(c.test(tokens(10_000, 999))).isFalse();
  }

  @Test
  void outputTokens_notGiven_failsMinAndPassesMax() {
    assertThat(when("{output_tokens: {min: 0}}").test(tokens(10, -1))).isFalse();
    assertThat(when("{output_tokens: {max: 256}}").test(tokens(10, -1))).isTrue();
  }

  @Test
  void keywordsAny_matchesWholeWordsByDefault() {
    Condition c = when("{keywords: {any: [debug, prove]}}");
    assertThat(c.test(text("Please debug this"))).isTrue();
    assertThat(c.test(text("the debugger crashed"))).isFalse();
    assertThat(c.test(text("improve it"))).isFalse();
    assertThat(c.test(text("(debug)"))).isTrue();
    assertThat(c.test(text("prove"))).isTrue();
  }

  @Test
  void keywordsAny_matchContains_matchesInsideWords() {
    Condition c = when("{keywords: {any: [debug], match: contains}}");
    assertThat(c.test(text("the debugger crashed"))).isTrue();
    assertThat(c.test(text("nothing here"))).isFalse();
  }

  @Test
  void keywords_ignoreCaseByDefault_caseSensitiveOnRequest() {
    assertThat(when("{keywords: {any: [Debug]}}").test(text("DEBUG it"))).isTrue();
    Condition sensitive = when("{keywords: {any: [Debug], case_sensitive: true}}");
    assertThat(sensitive.test(text("DEBUG it"))).isFalse();
    assertThat(sensitive.test(text("Debug it"))).isTrue();
  }

  @Test
  void keywords_phrase_matchesAnyWhitespaceBetweenWords() {
    Condition c = when("{keywords: {any: [step by step]}}");
    assertThat(c.test(text("Think Step  by\nstep, please"))).isTrue();
    assertThat(c.test(text("step by steps"))).isFalse();
    assertThat(c.test(text("stepbystep"))).isFalse();
  }

  @Test
  void keywords_withSymbols_matchAtTheirWordEdges() {
    Condition c = when("{keywords: {any: [\"c++\", \"tl;dr\"]}}");
    assertThat(c.test(text("I write C++ daily"))).isTrue();
    assertThat(c.test(text("tl;dr: fine"))).isTrue();
    assertThat(c.test(text("abc++"))).isFalse();
  }

  @Test
  void keywordsAll_requiresEveryKeyword() {
    Condition c = when("{keywords: {all: [invoice, total]}}");
    assertThat(c.test(text("the total of the invoice"))).isTrue();
    assertThat(c.test(text("the invoice"))).isFalse();
    assertThat(c.explain(text("the total of the invoice"))).isEqualTo("keywords 'invoice', 'total'");
  }

  @Test
  void keywordsNone_matchesWhenNoKeywordOccurs() {
    Condition c = when("{keywords: {none: [password, secret]}}");
    assertThat(c.test(text("an ordinary question"))).isTrue();
    assertThat(c.test(text("my password is"))).isFalse();
    assertThat(c.explain(text("fine"))).isEqualTo("no keyword of ['password', 'secret']");
  }

  @Test
  void keywordsAny_explain_namesTheKeywordFound() {
    Condition c = when("{keywords: {any: [prove, debug, analyze]}}");
    assertThat(c.explain(text("please DEBUG my code"))).isEqualTo("keyword 'debug'");
    assertThat(c.describe()).isEqualTo("any keyword of ['prove', 'debug', 'analyze']");
  }

  @Test
  void keywords_singleStringInsteadOfList_isOneKeyword() {
    assertThat(when("{keywords: {any: urgent}}").test(text("this is urgent"))).isTrue();
  }

  @Test
  void keywords_nullText_doesNotMatchAny() {
    assertThat(when("{keywords: {any: [x]}}").test(new Signals(1, -1, null, "general", 0, null))).isFalse();
  }

  @Test
  void regex_single_matchesWhenFound() {
    Condition c = when("{regex: '\\d{3}-\\d{4}'}");
    assertThat(c.test(text("call 555-1234 now"))).isTrue();
    assertThat(c.test(text("call me"))).isFalse();
    assertThat(c.explain(text("555-1234"))).isEqualTo("regex '\\d{3}-\\d{4}'");
  }

  @Test
  void regex_list_matchesWhenAnyIsFound() {
    Condition c = when("{regex: ['^SELECT ', '(?i)drop table']}");
    assertThat(c.test(text("SELECT * FROM t"))).isTrue();
    assertThat(c.test(text("please Drop Table users"))).isTrue();
    assertThat(c.test(text("select lower case"))).isFalse();
    assertThat(c.explain(text("please drop table x"))).isEqualTo("regex '(?i)drop table'");
  }

  @Test
  void task_list_matchesAnyLabel() {
    Condition c = when("{task: [code, math]}");
    assertThat(c.test(task("code"))).isTrue();
    assertThat(c.test(task("math"))).isTrue();
    assertThat(c.test(task("general"))).isFalse();
    assertThat(c.explain(task("math"))).isEqualTo("task=math");
    assertThat(c.describe()).isEqualTo("task in [code, math]");
  }

  @Test
  void task_minConfidence_refusesAnUnsureGuess() {
    // "What is 17*23?" is labelled math at confidence 0.273: not enough for the dearest model
    Condition c = when("{task: {labels: [math, code], min_confidence: 0.5}}");
    assertThat(c.test(new Signals(10, -1, "What is 17*23?", "math", 0.273, null))).isFalse();
    assertThat(c.test(new Signals(10, -1, "", "math", 0.8, null))).isTrue();
    assertThat(c.describe()).isEqualTo("task in [math, code] (confidence >= 0.5)");
    assertThat(c.explain(new Signals(10, -1, "", "math", 0.8, null))).isEqualTo("task=math (confidence 0.8)");
    assertProblem("{task: {labels: [math], min_confidence: 2}}", "when.task.min_confidence")
        .hasMessageContaining("[0, 1]");
    assertProblem("{task: {min_confidence: 0.5}}", "when.task.labels").hasMessageContaining("required");
  }

  @Test
  void task_singleLabel_matches() {
    assertThat(when("{task: reasoning}").test(task("reasoning"))).isTrue();
    assertThat(when("{task: reasoning}").describe()).isEqualTo("task=reasoning");
  }

  @Test
  void task_chat_isAnotherNameForGeneral() {
    Condition c = when("{task: chat}");
    assertThat(c.test(task("general"))).isTrue();
    assertThat(c.test(task("code"))).isFalse();
  }

  @Test
  void severalKeys_areAnded() {
    Condition c = when("{task: [code], prompt_tokens: {max: 100}}");
    assertThat(c.test(new Signals(50, -1, "", "code", 1, null))).isTrue();
    assertThat(c.test(new Signals(150, -1, "", "code", 1, null))).isFalse();
    assertThat(c.test(new Signals(50, -1, "", "math", 1, null))).isFalse();
    assertThat(c.explain(new Signals(50, -1, "", "code", 1, null))).isEqualTo("task=code and prompt_tokens 50 <= 100");
  }

  @Test
  void all_requiresEveryPart() {
    Condition c = when("{all: [{task: code}, {keywords: {any: [rust]}}]}");
    assertThat(c.test(new Signals(1, -1, "in rust", "code", 1, null))).isTrue();
    assertThat(c.test(new Signals(1, -1, "in go", "code", 1, null))).isFalse();
    assertThat(c.test(new Signals(1, -1, "in rust", "general", 1, null))).isFalse();
  }

  @Test
  void any_requiresOnePart_andExplainsByTheFirstThatHolds() {
    Condition c = when("{any: [{task: [code, math]}, {keywords: {any: [debug]}}]}");
    Signals keywordOnly = new Signals(1, -1, "debug this", "general", 1, null);
    assertThat(c.test(keywordOnly)).isTrue();
    assertThat(c.explain(keywordOnly)).isEqualTo("keyword 'debug'");
    assertThat(c.explain(new Signals(1, -1, "debug this", "code", 1, null))).isEqualTo("task=code");
    assertThat(c.test(new Signals(1, -1, "hello", "general", 1, null))).isFalse();
  }

  @Test
  void not_negates() {
    Condition c = when("{not: {task: code}}");
    assertThat(c.test(task("code"))).isFalse();
    assertThat(c.test(task("math"))).isTrue();
    assertThat(c.describe()).isEqualTo("not (task=code)");
  }

  @Test
  void nested_describe_bracketsGroups() {
    Condition c = when("{any: [{all: [{task: code}, {prompt_tokens: {min: 5}}]}, {not: {task: math}}]}");
    assertThat(c.describe()).isEqualTo("(task=code and prompt_tokens >= 5) or not (task=math)");
  }

  @Test
  void parse_unknownKey_namesItWithHint() {
    assertProblem("{promt_tokens: {min: 1}}", "when.promt_tokens").hasMessageContaining("did you mean 'prompt_tokens'");
  }

  @Test
  void parse_emptyMapping_isAProblem() {
    assertProblem("{}", "when").hasMessageContaining("at least one of");
  }

  @Test
  void parse_notAMapping_isAProblem() {
    assertProblem("task=code", "when").hasMessageContaining("expected a mapping");
  }

  @Test
  void parse_tokensWithoutBounds_isAProblem() {
    assertProblem("{prompt_tokens: {}}", "when.prompt_tokens").hasMessageContaining("min, max or both");
  }

  @Test
  void parse_tokensUnknownBound_isAProblem() {
    assertProblem("{prompt_tokens: {mim: 3}}", "when.prompt_tokens.mim").hasMessageContaining("did you mean 'min'");
  }

  @Test
  void parse_tokensWrongType_namesTheBound() {
    assertProblem("{prompt_tokens: {min: lots}}", "when.prompt_tokens.min").hasMessageContaining("expected an integer");
  }

  @Test
  void parse_tokensNegative_isAProblem() {
    assertProblem("{output_tokens: {max: -1}}", "when.output_tokens.max").hasMessageContaining("negative");
  }

  @Test
  void parse_tokensMaxBelowMin_namesMax() {
    assertProblem("{prompt_tokens: {min: 10, max: 5}}", "when.prompt_tokens.max").hasMessageContaining("below min");
  }

  @Test
  void parse_keywordsWithoutMode_isAProblem() {
    assertProblem("{keywords: {match: word}}", "when.keywords").hasMessageContaining("any, all or none");
  }

  @Test
  void parse_keywordsTwoModes_namesTheSecond() {
    assertProblem("{keywords: {any: [a], all: [b]}}", "when.keywords.all").hasMessageContaining("only one of");
  }

  @Test
  void parse_keywordsEmptyList_namesTheList() {
    assertProblem("{keywords: {any: []}}", "when.keywords.any").hasMessageContaining("at least one keyword");
  }

  @Test
  void parse_keywordEmpty_namesTheElement() {
    assertProblem("{keywords: {any: [a, '  ']}}", "when.keywords.any[1]").hasMessageContaining("empty");
  }

  @Test
  void parse_keywordNotAString_namesTheElement() {
    assertProblem("{keywords: {any: [a, {b: c}]}}", "when.keywords.any[1]").hasMessageContaining("expected a string");
  }

  @Test
  void parse_keywordsBadMatch_namesMatch() {
    assertProblem("{keywords: {any: [a], match: fuzzy}}", "when.keywords.match").hasMessageContaining("word or contains");
  }

  @Test
  void parse_keywordsCaseSensitiveNotBoolean_namesIt() {
    assertProblem("{keywords: {any: [a], case_sensitive: maybe}}", "when.keywords.case_sensitive")
        .hasMessageContaining("true or false");
  }

  @Test
  void parse_tooManyKeywords_isAProblem() {
    StringBuilder list = new StringBuilder("[k0");
    for (int i = 1; i <= KeywordSet.MAX_KEYWORDS; i++) {
      list.append(", k").append(i);
    }
    assertProblem("{keywords: {any: " + list + "]}}", "when.keywords.any").hasMessageContaining("at most 64");
  }

  @Test
  void parse_invalidRegex_namesThePattern() {
    assertProblem("{regex: '(unclosed'}", "when.regex").hasMessageContaining("invalid regular expression");
    assertProblem("{regex: [ok, '[bad']}", "when.regex[1]").hasMessageContaining("invalid regular expression");
  }

  @Test
  void parse_unknownTask_namesTheLabel() {
    assertProblem("{task: [code, cooking]}", "when.task[1]").hasMessageContaining("unknown task 'cooking'");
  }

  @Test
  void parse_emptyLists_areProblems() {
    assertProblem("{task: []}", "when.task").hasMessageContaining("at least one task");
    assertProblem("{regex: []}", "when.regex").hasMessageContaining("at least one pattern");
    assertProblem("{all: []}", "when.all").hasMessageContaining("at least one condition");
  }

  @Test
  void parse_nestedProblem_namesTheFullPath() {
    assertProblem("{any: [{task: code}, {keywords: {any: []}}]}", "when.any[1].keywords.any");
    assertProblem("{not: {all: [{regex: '*'}]}}", "when.not.all[0].regex");
  }

  @Test
  void parse_missingValue_isAProblem() {
    assertProblem("{task: }", "when.task").hasMessageContaining("no value");
  }
}
