package dev.signalbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionCreateParams;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code answer: echo}: the reply is the last user message, or the prompt, as the replica got it. */
class EchoModeTest {
  private static final SimSdk sims = new SimSdk();
  private static final OpenAIClient client = sims.client(
      sims.start("sim-echo", SimSdk.profile(1, 8).withAnswer(ReplicaProfile.AnswerMode.ECHO)));

  @AfterAll
  static void stop() {
    sims.close();
  }

  @Test
  void chatEchoesTheLastUserMessageExactly() {
    String last = "Second question: does {\"json\": [1, 2]} survive,\n  with   spaces and ünïcode? 🚦";
    ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("sim-echo").addSystemMessage("Be terse.").addUserMessage("First question")
        .addAssistantMessage("First answer").addUserMessage(last).build()).validate();

    assertThat(completion.choices().get(0).message().content()).hasValue(last);
    assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(TextTokens.split(last).size());
  }

  @Test
  void contentPartsEchoAsTheirTextsJoinedByNewlines() {
    ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("sim-echo").addUserMessageOfArrayOfContentParts(List.of(
            ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("part one").build()),
            ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("part two").build())))
        .build());

    assertThat(completion.choices().get(0).message().content()).hasValue("part one\npart two");
  }

  @Test
  void aStreamedEchoJoinsIntoTheMessage() {
    String text = "Echo me back over several chunks, please.";
    StringBuilder streamed = new StringBuilder();
    int[] chunks = {0};
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        ChatCompletionCreateParams.builder().model("sim-echo").addUserMessage(text).build())) {
      stream.stream().forEach(c -> c.validate().choices().forEach(ch -> ch.delta().content()
          .filter(t -> !t.isEmpty()).ifPresent(t -> {
            streamed.append(t);
            chunks[0]++;
          })));
    }
    assertThat(streamed.toString()).isEqualTo(text);
    assertThat(chunks[0]).isGreaterThan(1);
  }

  @Test
  void completionsEchoThePromptAndLimitsStillCut() {
    String prompt = "Once upon a time there was a router";
    assertThat(client.completions().create(CompletionCreateParams.builder().model("sim-echo").prompt(prompt).build())
        .choices().get(0).text()).isEqualTo(prompt);

    ChatCompletion.Choice cut = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("sim-echo").addUserMessage(prompt).maxCompletionTokens(3).build()).choices().get(0);
    assertThat(cut.message().content()).hasValue("Once upon a");
    assertThat(cut.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
  }
}
