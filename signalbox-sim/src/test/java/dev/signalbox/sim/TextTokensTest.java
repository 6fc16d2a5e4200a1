package dev.signalbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTokensTest {

  @Test
  void piecesAreWordsAndPunctuationWithTheirLeadingSpaceAndJoinBackExactly() {
    assertThat(TextTokens.split("{\"city\": \"Paris\", \"days\": 3}"))
        .containsExactly("{\"", "city", "\":", " \"", "Paris", "\",", " \"", "days", "\":", " 3", "}");
    for (String text : List.of("", "  lead and trail  ", "line\n\nbreaks\ttabs", "ünïcode 🚦 emoji!", "a")) {
      assertThat(String.join("", TextTokens.split(text))).isEqualTo(text);
    }
    assertThat(TextTokens.split("")).isEmpty();
  }

  @Test
  void aStopCutsBeforeItsStartEvenInsideATokenOrAcrossTokens() {
    List<String> tokens = List.of("The", " model", " answer", " is", " here.");
    assertThat(AnswerComposer.cutAtStop(tokens, List.of("swer"), 100)).containsExactly("The", " model", " an");
    assertThat(AnswerComposer.cutAtStop(tokens, List.of("model answer"), 100)).containsExactly("The", " ");
    assertThat(AnswerComposer.cutAtStop(tokens, List.of("The"), 100)).isEmpty();
    assertThat(AnswerComposer.cutAtStop(tokens, List.of("zebra"), 100)).isEqualTo(tokens);
    // the stop that is complete first wins: " is" ends before "answer is here" does
    assertThat(AnswerComposer.cutAtStop(tokens, List.of("answer is here", " is"), 100))
        .containsExactly("The", " model", " answer");
    // a stop not complete within the limit does not fire: the limit cuts first
    assertThat(AnswerComposer.cutAtStop(tokens, List.of("is"), 3)).isEqualTo(tokens);
    assertThat(AnswerComposer.cutAtStop(tokens, List.of("is"), 4)).containsExactly("The", " model", " answer", " ");
  }
}
