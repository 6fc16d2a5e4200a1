package dev.signalbox.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.request.Operation;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
  private final ModelSpec small = new ModelSpec("small", 1, 2, 1000, EnumSet.of(Operation.CHAT));

  @Test
  void admits_aPromptThatFits_withTheCallersOutputLimit() {
    assertThat(small.admits(Operation.CHAT, 600, 400)).isTrue();
    assertThat(small.admits(Operation.CHAT, 1000, 0)).as("no limit given").isTrue();
    assertThat(small.refusal(Operation.CHAT, 600, 400)).isNull();
  }

  @Test
  void refuses_whenThePromptAndTheOutputLimitOverflowTheWindow() {
    assertThat(small.admits(Operation.CHAT, 600, 401)).isFalse();
    ModelSpec.Refusal refusal = small.refusal(Operation.CHAT, 600, 401);
    assertThat(refusal.operation()).isFalse();
    assertThat(refusal.reason()).isEqualTo("model small cannot fit 600 prompt tokens + 401 output tokens (window 1000)");
  }

  @Test
  void refuses_anOperationItDoesNotServe_beforeLookingAtTheWindow() {
    ModelSpec.Refusal refusal = small.refusal(Operation.EMBEDDINGS, 5000, 0);
    assertThat(refusal.operation()).isTrue();
    assertThat(refusal.reason()).isEqualTo("model small does not serve embeddings");
    assertThat(small.admits(Operation.EMBEDDINGS, 1, 0)).isFalse();
  }
}
