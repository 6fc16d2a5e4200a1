package dev.signalbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionTokenLogprob;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionCreateParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Stop sequences and log probabilities, for chat and text completions, read by the official SDK. */
class StopAndLogprobsTest {
  private static final SimSdk sims = new SimSdk();
  // answers of 15 to 45 words from a vocabulary of 64: "the" is in about half of them
  private static final SimulatedReplica replica = sims.start("sim-stop", SimSdk.profile(0, 30));
  private static final SimulatedReplica paced = sims.start("sim-stop", SimSdk.profile(1, 30));
  private static final OpenAIClient client = sims.client(replica);

  @AfterAll
  static void stop() {
    sims.close();
  }

  @Test
  void aStopWordTheGeneratorEmitsCutsTheAnswerJustBeforeIt() {
    int cut = 0;
    for (int i = 0; i < 20; i++) {
      String prompt = "Stop me " + i;
      String full = content(chat(prompt, b -> {}));
      ChatCompletion.Choice stopped = chat(prompt, b -> b.stop("the").logprobs(true));

      int at = full.indexOf("the");
      String text = content(stopped);
      assertThat(text).isEqualTo(at < 0 ? full : full.substring(0, at)).doesNotContain("the");
      assertThat(stopped.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
      cut += at < 0 ? 0 : 1;
      // what was generated, what is counted and what has log probabilities agree
      List<ChatCompletionTokenLogprob> logprobs = stopped.logprobs().orElseThrow().content().orElseThrow();
      assertThat(logprobs.stream().map(ChatCompletionTokenLogprob::token)).containsExactlyElementsOf(tokensOf(stopped));
      assertThat(String.join("", tokensOf(stopped))).isEqualTo(text);
    }
    assertThat(cut).isBetween(4, 18);
  }

  @Test
  void theStopSequenceThatOccursFirstEndsTheAnswer() {
    String full = content(chat("Two stops", b -> {}));
    List<String> stops = List.of("model", "answer", "it", "to");
    int first = stops.stream().mapToInt(full::indexOf).filter(i -> i >= 0).min().orElse(full.length());

    ChatCompletion.Choice stopped = chat("Two stops", b -> b.stop(ChatCompletionCreateParams.Stop.ofStrings(stops)));
    assertThat(first).isLessThan(full.length());
    assertThat(content(stopped)).isEqualTo(full.substring(0, first));
  }

  @Test
  void aStopBeyondMaxTokensLeavesTheCutToTheLimit() {
    for (int i = 0; i < 40; i++) {
      String prompt = "Limit or stop " + i;
      List<String> words = Arrays.asList(content(chat(prompt, b -> {})).split("(?= )"));
      int stopWord = indexOfFirst(words, "the");
      if (stopWord < 2) {
        continue;
      }
      ChatCompletion.Choice limited = chat(prompt, b -> b.stop("the").maxCompletionTokens(stopWord));
      ChatCompletion.Choice stopped = chat(prompt, b -> b.stop("the").maxCompletionTokens(stopWord + 1));

      assertThat(limited.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
      assertThat(content(limited)).isEqualTo(String.join("", words.subList(0, stopWord)));
      assertThat(stopped.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
      return;
    }
    throw new AssertionError("no answer had 'the' after its second word");
  }

  @Test
  void aStreamStopsWhereTheWholeAnswerStops() {
    Consumer<ChatCompletionCreateParams.Builder> stop = b -> b.stop("the").logprobs(true).topLogprobs(2);
    for (int i = 0; i < 5; i++) {
      ChatCompletion.Choice whole = chat("Stream stop " + i, stop);
      ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
      try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(params("Stream stop " + i, stop))) {
        s.stream().forEach(c -> accumulator.accumulate(c.validate()));
      }
      ChatCompletion.Choice streamed = accumulator.chatCompletion().choices().get(0);

      assertThat(streamed.message().content()).isEqualTo(whole.message().content());
      assertThat(streamed.finishReason()).isEqualTo(whole.finishReason());
      // (the SDK's accumulator turns a null refusal into an empty list, so the content lists are compared)
      assertThat(streamed.logprobs().orElseThrow().content()).isEqualTo(whole.logprobs().orElseThrow().content());
    }
  }

  @Test
  void textCompletionsStopToo() {
    String full = client.completions().create(completion("Once upon a time").build()).choices().get(0).text();
    String stopped = client.completions().create(completion("Once upon a time").stop("a").build())
        .validate().choices().get(0).text();

    assertThat(full).contains("a");
    assertThat(stopped).isEqualTo(full.substring(0, full.indexOf("a")));
  }

  @Test
  void chatLogprobsListEveryTokenWithItsMostLikelyAlternatives() {
    ChatCompletion completion = client.chat().completions()
        .create(params("Log my probabilities", b -> b.logprobs(true).topLogprobs(3))).validate();
    ChatCompletion.Choice choice = completion.choices().get(0);
    List<ChatCompletionTokenLogprob> logprobs = choice.logprobs().orElseThrow().content().orElseThrow();

    assertThat(logprobs).hasSize((int) completion.usage().orElseThrow().completionTokens());
    assertThat(String.join("", tokensOf(choice))).isEqualTo(content(choice));
    for (ChatCompletionTokenLogprob t : logprobs) {
      assertThat(t.logprob()).isLessThanOrEqualTo(0);
      assertThat(t.bytes().orElseThrow()).containsExactlyElementsOf(bytes(t.token()));
      assertThat(t.topLogprobs()).hasSize(3);
      assertThat(t.topLogprobs().get(0).token()).isEqualTo(t.token());
      assertThat(t.topLogprobs().get(0).logprob()).isEqualTo(t.logprob());
      assertThat(t.topLogprobs().stream().map(ChatCompletionTokenLogprob.TopLogprob::token).distinct()).hasSize(3);
      double[] values = t.topLogprobs().stream().mapToDouble(ChatCompletionTokenLogprob.TopLogprob::logprob).toArray();
      assertThat(values).isSortedAccordingTo((a, b) -> Double.compare(b, a));
      assertThat(Arrays.stream(values).map(Math::exp).sum()).isLessThan(1.0);
    }
    ChatCompletion again = client.chat().completions()
        .create(params("Log my probabilities", b -> b.logprobs(true).topLogprobs(3)));
    assertThat(again.choices().get(0).logprobs()).isEqualTo(choice.logprobs());
    ChatCompletion.Choice plain = chat("Log my probabilities", b -> b.logprobs(true));
    assertThat(plain.logprobs().orElseThrow().content().orElseThrow()).allSatisfy(t -> assertThat(t.topLogprobs()).isEmpty());
    assertThat(chat("Log my probabilities", b -> {}).logprobs()).isEmpty();
  }

  @Test
  void streamedChunksCarryTheLogprobsOfTheirOwnTokens() throws IOException {
    SimHttp.Stream stream = SimHttp.stream(paced.url(), "/v1/chat/completions",
        SimHttp.chat("sim-stop", "Paced logprobs", "{\"stream\": true, \"logprobs\": true, \"top_logprobs\": 1}"));

    List<JsonObject> events = stream.events();
    int contentChunks = 0;
    for (JsonObject e : events.subList(1, events.size() - 1)) {
      JsonObject choice = e.getJsonArray("choices").getJsonObject(0);
      JsonArray entries = choice.getJsonObject("logprobs").getJsonArray("content");
      StringBuilder tokens = new StringBuilder();
      entries.forEach(t -> tokens.append(((JsonObject) t).getString("token")));
      assertThat(tokens.toString()).isEqualTo(choice.getJsonObject("delta").getString("content"));
      contentChunks++;
    }
    assertThat(contentChunks).isGreaterThan(1);
    assertThat(events.get(0).getJsonArray("choices").getJsonObject(0).getValue("logprobs")).isNull();
  }

  @Test
  void textCompletionLogprobsAreTheLegacyParallelLists() {
    Completion completion = client.completions().create(completion("Legacy logprobs").logprobs(2).build()).validate();
    CompletionChoice choice = completion.choices().get(0);
    CompletionChoice.Logprobs logprobs = choice.logprobs().orElseThrow();

    List<String> tokens = logprobs.tokens().orElseThrow();
    assertThat(String.join("", tokens)).isEqualTo(choice.text());
    assertThat(tokens).hasSize((int) completion.usage().orElseThrow().completionTokens());
    assertThat(logprobs.tokenLogprobs().orElseThrow()).hasSize(tokens.size()).allSatisfy(l -> assertThat(l).isNotPositive());
    assertThat(logprobs.topLogprobs().orElseThrow()).hasSize(tokens.size())
        .allSatisfy(top -> assertThat(top._additionalProperties()).hasSize(2));
    List<Long> offsets = logprobs.textOffset().orElseThrow();
    for (int i = 0; i < tokens.size(); i++) {
      assertThat(choice.text().substring(offsets.get(i).intValue())).startsWith(tokens.get(i));
    }
  }

  private static ChatCompletion.Choice chat(String prompt, Consumer<ChatCompletionCreateParams.Builder> options) {
    return client.chat().completions().create(params(prompt, options)).validate().choices().get(0);
  }

  private static ChatCompletionCreateParams params(String prompt, Consumer<ChatCompletionCreateParams.Builder> options) {
    ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().model("sim-stop").addUserMessage(prompt);
    options.accept(b);
    return b.build();
  }

  private static CompletionCreateParams.Builder completion(String prompt) {
    return CompletionCreateParams.builder().model("sim-stop").prompt(prompt);
  }

  private static String content(ChatCompletion.Choice choice) {
    return choice.message().content().orElseThrow();
  }

  private static List<String> tokensOf(ChatCompletion.Choice choice) {
    return choice.logprobs().orElseThrow().content().orElseThrow().stream().map(ChatCompletionTokenLogprob::token).toList();
  }

  private static int indexOfFirst(List<String> words, String stop) {
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).contains(stop)) {
        return i;
      }
    }
    return -1;
  }

  private static List<Long> bytes(String token) {
    List<Long> out = new ArrayList<>();
    for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
      out.add((long) (b & 0xff));
    }
    return out;
  }
}
