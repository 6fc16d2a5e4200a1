package dev.signalbox.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.routing.Outcome;
import org.junit.jupiter.api.Test;

class MeasuredFeedbackTest {
  private static RequestOutcome outcome(int status, String served, String error) {
    return new RequestOutcome(status, 120, 10, 20, 0.001, served, error);
  }

  @Test
  void anAnswerOfTheRoutedModel_isItsSuccess_withWhatItCost() {
    Outcome o = MeasuredFeedback.of("small", outcome(200, "small", null));
    assertThat(o.failed()).isFalse();
    assertThat(o.costUsd()).isEqualTo(0.001);
    assertThat(o.completionTokens()).isEqualTo(20);
  }

  @Test
  void aFallbackAnswering_oraFailure_countsAgainstTheRoutedModel() {
    assertThat(MeasuredFeedback.of("small", outcome(200, "large", null)).error()).isEqualTo("fallback large answered");
    assertThat(MeasuredFeedback.of("small", outcome(502, null, "every path failed")).error())
        .isEqualTo("every path failed");
    assertThat(MeasuredFeedback.of("small", outcome(400, "small", null)).error()).isEqualTo("HTTP 400");
  }

  @Test
  void aClientThatLeft_tellsNothing() {
    assertThat(MeasuredFeedback.of("small", outcome(499, null, "the client closed the connection"))).isNull();
  }
}
