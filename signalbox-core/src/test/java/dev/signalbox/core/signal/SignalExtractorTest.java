package dev.signalbox.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.request.Message;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.RouteRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalExtractorTest {

  @Test
  void extract_chat_readsTokensTaskAndOutputLimit() {
    RouteRequest request = new RouteRequest("r", Operation.CHAT, "auto",
        List.of(Message.user("Write a python function that sorts a list.")), 256, false, Map.of());
    Signals s = SignalExtractor.extract(request);
    assertThat(s.promptTokens()).isEqualTo(TokenEstimator.count(request.messages()));
    assertThat(s.maxOutputTokens()).isEqualTo(256);
    assertThat(s.task()).isEqualTo("code");
    assertThat(s.taskConfidence()).isPositive();
  }

  @Test
  void extract_conversation_textIsTheUserMessagesOnly() {
    RouteRequest request = new RouteRequest("r", Operation.CHAT, "auto", List.of(
        new Message("system", "You are a translator."),
        Message.user("first question"),
        new Message("assistant", "an answer"),
        Message.user("second question")), -1, false, Map.of());
    assertThat(SignalExtractor.extract(request).text()).isEqualTo("first question\nsecond question");
  }

  @Test
  void asMap_leavesOutTheTextAndAnAbsentOutputLimit() {
    Map<String, Object> map = new Signals(12, -1, "secret text", "math", 0.12345, null).asMap();
    assertThat(map).containsEntry("prompt_tokens", 12).containsEntry("task", "math")
        .containsEntry("task_confidence", 0.123).containsEntry("text_chars", 11)
        .doesNotContainKey("max_output_tokens");
    assertThat(map.values()).doesNotContain("secret text");
  }
}
