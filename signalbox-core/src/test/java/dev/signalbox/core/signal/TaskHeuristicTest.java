package dev.signalbox.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskHeuristicTest {

  static Stream<Arguments> labelledPrompts() {
    return Stream.of(
        // code (the first is MBPP-style, as in RouterBench)
        Arguments.of("code", "Write a python function to find the shared elements from the given two lists."),
        Arguments.of("code", "Write a function to find the minimum cost path to reach (m, n) from (0, 0) "
            + "for the given cost matrix cost[][] and a position (m, n) in cost[][]."),
        Arguments.of("code", "```python\ndef add(x, y):\n    return x + y\n```\nWhy does this return None?"),
        Arguments.of("code", "Exception in thread \"main\" java.lang.NullPointerException\n"
            + "\tat com.example.App.main(App.java:5)\nwhat is wrong?"),
        Arguments.of("code", "Traceback (most recent call last):\n  File \"app.py\", line 3, in <module>\n"
            + "    print(1/0)\nZeroDivisionError: division by zero"),
        Arguments.of("code", "How do I reverse a linked list in Java?"),
        Arguments.of("code", "const total = items.reduce((sum, item) => sum + item.price, 0);\n"
            + "if (total === 0) { console.log(\"empty\"); }"),
        // math (the first is GSM8K)
        Arguments.of("math", "Natalia sold clips to 48 of her friends in April, and then she sold half as many "
            + "clips in May. How many clips did Natalia sell altogether in April and May?"),
        Arguments.of("math", "Weng earns $12 an hour for babysitting. Yesterday, she just did 50 minutes of "
            + "babysitting. How much did she earn?"),
        Arguments.of("math", "Solve for x: 2x + 3 = 11"),
        Arguments.of("math", "What is the integral of x^2 from 0 to 3?"),
        Arguments.of("math", "Evaluate $\\frac{3}{4} + \\frac{1}{8}$."),
        Arguments.of("math", "Compute 17 * 23 - 5."),
        // reasoning (MMLU / ARC multiple choice, riddles, proofs)
        Arguments.of("reasoning", "Which of the following is the body cavity that contains the pituitary gland?\n"
            + "A) Abdominal\nB) Cranial\nC) Pleural\nD) Spinal"),
        Arguments.of("reasoning", "Which factor will most likely cause a person to develop a fever? (A) a leg "
            + "muscle relaxing after exercise (B) a bacterial population in the bloodstream (C) several viral "
            + "particles on the skin (D) carbon dioxide in the air"),
        Arguments.of("reasoning", "A 0.5 kg ball is dropped from a height of 10 m. Which statement is true?\n"
            + "A. Its kinetic energy is constant\nB. Its potential energy increases\n"
            + "C. Its total mechanical energy is conserved\nD. Its momentum is zero"),
        Arguments.of("reasoning", "Think step by step: if all bloops are razzies and all razzies are lazzies, "
            + "are all bloops lazzies?"),
        Arguments.of("reasoning", "I speak without a mouth and hear without ears. What am I?"),
        Arguments.of("reasoning", "Prove that there are infinitely many primes."),
        // writing
        Arguments.of("writing", "Write a poem about the sea."),
        Arguments.of("writing", "Compose an engaging travel blog post about a recent trip to Hawaii, "
            + "highlighting cultural experiences and must-see attractions."),
        Arguments.of("writing", "Please rewrite this paragraph to sound more professional: hey guys, the "
            + "meeting is moved to friday lol"),
        Arguments.of("writing", "Draft an email to my landlord asking him to fix the heating."),
        Arguments.of("writing", "Write a story about a python that lives in a zoo."),
        // summarization
        Arguments.of("summarization", "Summarize the following article in three sentences: The city council "
            + "met on Tuesday to discuss the new budget, which raises spending on parks."),
        Arguments.of("summarization", "People argued about tabs versus spaces for three hours. TL;DR?"),
        Arguments.of("summarization", "Give me the key points of this meeting transcript: Anna said the "
            + "launch slips a week; Ben will update the customers."),
        // translation
        Arguments.of("translation", "Translate 'Good morning, how are you?' into French."),
        Arguments.of("translation", "How do you say 'thank you' in Japanese?"),
        Arguments.of("translation", "Please translate the following paragraph to Spanish: The weather is "
            + "nice today and we are going to the beach."),
        // extraction
        Arguments.of("extraction", "Extract all the email addresses from the text below and return them as a "
            + "JSON list."),
        Arguments.of("extraction", "List all the countries mentioned in the paragraph."),
        Arguments.of("extraction", "Identify all named entities (people, places, organizations) in this "
            + "sentence: Tim Cook visited Berlin for Apple."),
        // general
        Arguments.of("general", "hi"),
        Arguments.of("general", "Hello! How are you today?"),
        Arguments.of("general", "thanks!"),
        Arguments.of("general", "What is the capital of Australia?"),
        Arguments.of("general", "Can you recommend some good books for a long flight?"),
        Arguments.of("general", "Why is the sky blue?"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("labelledPrompts")
  void classify_representativePrompt_givesItsLabel(String expected, String prompt) {
    assertThat(TaskHeuristic.classify(prompt).task()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("labelledPrompts")
  void classify_anyPrompt_confidenceInUnitRange(String expected, String prompt) {
    assertThat(TaskHeuristic.classify(prompt).confidence()).isBetween(0.0, 1.0);
  }

  @Test
  void classify_emptyOrNullText_isGeneralWithZeroConfidence() {
    assertThat(TaskHeuristic.classify("")).isEqualTo(new TaskHeuristic.Guess("general", 0.0));
    assertThat(TaskHeuristic.classify(null)).isEqualTo(new TaskHeuristic.Guess("general", 0.0));
  }

  @Test
  void classify_textWithoutCues_isGeneralWithLowConfidence() {
    TaskHeuristic.Guess guess = TaskHeuristic.classify("The weather was nice yesterday.");
    assertThat(guess.task()).isEqualTo("general");
    assertThat(guess.confidence()).isLessThan(0.5);
  }

  @Test
  void classify_clearerPrompt_hasHigherConfidence() {
    double vague = TaskHeuristic.classify("Can you look at my function?").confidence();
    double clear = TaskHeuristic.classify(
        "Write a python function that parses a CSV file.\n```python\ndef parse(path):\n    pass\n```").confidence();
    assertThat(clear).isGreaterThan(vague);
  }

  @Test
  void classify_labelsAreDeclared() {
    for (Arguments a : labelledPrompts().toList()) {
      assertThat(TaskHeuristic.LABELS).contains((String) a.get()[0]);
    }
    assertThat(TaskHeuristic.LABELS).hasSize(8).doesNotHaveDuplicates();
  }

  @Test
  void classify_upperCaseCues_matchIgnoringCase() {
    assertThat(TaskHeuristic.classify("SUMMARIZE THIS REPORT FOR ME").task()).isEqualTo("summarization");
    assertThat(TaskHeuristic.classify("TRANSLATE THIS INTO GERMAN: good night").task()).isEqualTo("translation");
  }

  @Test
  void classify_greetingBeforeRequest_requestWins() {
    assertThat(TaskHeuristic.classify("Hi there! Can you write a python script that renames files?").task())
        .isEqualTo("code");
  }

  @Test
  void classify_cueWordRepeated_countsOnce() {
    double[] once = TaskHeuristic.score("function");
    double[] many = TaskHeuristic.score("function function function function function");
    assertThat(many[TaskHeuristic.CODE]).isEqualTo(once[TaskHeuristic.CODE]);
  }

  @Test
  void classify_cueInLeadingWords_countsDouble() {
    String filler = "the the the the the the the the the the the the the the the the the the the the ";
    double early = TaskHeuristic.score("summarize " + filler)[TaskHeuristic.SUMMARIZATION];
    double late = TaskHeuristic.score(filler + "summarize")[TaskHeuristic.SUMMARIZATION];
    assertThat(early).isEqualTo(2 * late);
  }

  @Test
  void classify_multipleChoiceMarkers_addToReasoning() {
    double plain = TaskHeuristic.score("Pick the largest planet: Mars, Jupiter, Venus, Earth")[TaskHeuristic.REASONING];
    double choices = TaskHeuristic.score("Pick the largest planet:\nA) Mars\nB) Jupiter\nC) Venus\nD) Earth")
        [TaskHeuristic.REASONING];
    assertThat(choices).isEqualTo(plain + 4);
  }

  @Test
  void classify_twoChoiceMarkers_areNotMultipleChoice() {
    double plain = TaskHeuristic.score("Plan one or plan two")[TaskHeuristic.REASONING];
    double two = TaskHeuristic.score("A) plan one\nB) plan two")[TaskHeuristic.REASONING];
    assertThat(two).isEqualTo(plain);
  }

  @Test
  void classify_longPrompt_readsItsEnd() {
    String filler = "The committee met again and talked about the garden, the roads and the library. ".repeat(400);
    assertThat(filler.length()).isGreaterThan(TaskScan.HEAD_CHARS + TaskScan.TAIL_CHARS);
    assertThat(TaskHeuristic.classify(filler + "\nSummarize the above.").task()).isEqualTo("summarization");
  }

  @Test
  void classify_longPrompt_skipsItsMiddle() {
    String filler = "The committee met again and talked about the garden, the roads and the library. ".repeat(200);
    String prompt = filler + "Summarize the above. " + filler;
    assertThat(prompt.length()).isGreaterThan(TaskScan.HEAD_CHARS + TaskScan.TAIL_CHARS);
    assertThat(TaskHeuristic.classify(prompt).task()).isEqualTo("general");
  }

  @Test
  void classify_quantityQuestion_isMathOnlyWithANumber() {
    assertThat(TaskHeuristic.classify("How many apples are left if I eat 3 of them?").task()).isEqualTo("math");
    assertThat(TaskHeuristic.classify("I wonder how much my cat loves me.").task()).isEqualTo("general");
  }

  @Test
  void classify_nonLatinText_doesNotFail() {
    TaskHeuristic.Guess guess = TaskHeuristic.classify("请把这段话翻译成英文。Переведите, пожалуйста. ÄÖÜ ß");
    assertThat(TaskHeuristic.LABELS).contains(guess.task());
  }
}
