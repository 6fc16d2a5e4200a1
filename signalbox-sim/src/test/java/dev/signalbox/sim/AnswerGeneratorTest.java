package dev.signalbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnswerGeneratorTest {
  private final AnswerGenerator answers = new AnswerGenerator(42);

  @Test
  void lengthsSpreadOverHalfToOneAndAHalfTimesTheTypicalLength() {
    Set<Integer> lengths = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      Answer a = answers.answer("prompt " + i, 40, -1);
      assertThat(a.size()).isBetween(20, 60);
      assertThat(a.finishReason()).isEqualTo("stop");
      lengths.add(a.size());
    }
    assertThat(lengths).contains(20, 60).hasSizeGreaterThan(30);
  }

  @Test
  void aLimitCutsThePrefixOfTheSameAnswer() {
    Answer full = answers.answer("limit me", 40, -1);
    Answer cut = answers.answer("limit me", 40, 7);

    assertThat(cut.size()).isEqualTo(7);
    assertThat(cut.finishReason()).isEqualTo("length");
    assertThat(cut.tokens()).isEqualTo(full.tokens().subList(0, 7));
    assertThat(answers.answer("limit me", 40, full.size())).isEqualTo(full);
  }

  @Test
  void oneWordPerTokenJoinedBySpaces() {
    Answer a = answers.answer("words", 10, -1);
    assertThat(a.text().split(" ")).hasSize(a.size());
    assertThat(a.text(1, 3)).isEqualTo(a.tokens().get(1) + a.tokens().get(2));
    assertThat(a.tokens().subList(1, a.size())).allSatisfy(t -> assertThat(t).startsWith(" "));
  }
}
