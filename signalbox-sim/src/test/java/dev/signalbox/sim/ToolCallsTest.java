package dev.signalbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionNamedToolChoice;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Synthesised tool calls, read by the official SDK and checked against their schemas. */
class ToolCallsTest {
  static final String WEATHER = """
      {"type": "object", "properties": {
         "city": {"type": "string"},
         "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
         "days": {"type": "integer", "minimum": 1, "maximum": 14}},
       "required": ["city", "unit"], "additionalProperties": false}""";
  static final String TRIP = """
      {"type": "object", "properties": {
         "traveller": {"type": "object", "properties": {
            "name": {"type": "string", "minLength": 2},
            "email": {"type": "string", "format": "email"}}, "required": ["name", "email"]},
         "legs": {"type": "array", "minItems": 1, "maxItems": 4, "items": {"$ref": "#/$defs/leg"}},
         "budget": {"type": "number", "exclusiveMinimum": 0, "maximum": 5000},
         "class": {"anyOf": [{"type": "string", "enum": ["economy", "business"]}, {"type": "null"}]},
         "refundable": {"type": "boolean"}},
       "required": ["traveller", "legs", "refundable", "class"],
       "$defs": {"leg": {"type": "object", "properties": {
          "from": {"type": "string"}, "to": {"type": "string"}, "date": {"type": "string", "format": "date"}},
          "required": ["from", "to", "date"], "additionalProperties": false}}}""";
  static final Map<String, String> SCHEMAS = Map.of("get_weather", WEATHER, "book_trip", TRIP);

  private static final SimSdk sims = new SimSdk();
  private static final SimulatedReplica replica = sims.start("sim-tools", SimSdk.profile(0, 12));
  // a token per millisecond, so that a stream carries arguments over several chunks
  private static final SimulatedReplica paced = sims.start("sim-tools", SimSdk.profile(1, 12));
  private static final OpenAIClient client = sims.client(replica);

  @AfterAll
  static void stop() {
    sims.close();
  }

  @Test
  void requiredCallsToolsWhoseArgumentsSatisfyTheirSchemas() {
    Set<String> called = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      ChatCompletion.Choice choice = ask("Plan trip " + i, b -> b.toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED));

      assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
      assertThat(choice.message().content()).isEmpty();
      List<ChatCompletionMessageFunctionToolCall> calls = functionCalls(choice);
      assertThat(calls).isNotEmpty();
      for (ChatCompletionMessageFunctionToolCall call : calls) {
        assertThat(call.id()).startsWith("call_").hasSize(29);
        String name = call.function().name();
        assertThat(SCHEMAS).containsKey(name);
        assertThat(Schemas.violations(Schemas.parse(SCHEMAS.get(name)), Schemas.parse(call.function().arguments())))
            .as(call.function().arguments()).isEmpty();
        called.add(name);
      }
    }
    assertThat(called).containsExactlyInAnyOrder("get_weather", "book_trip");
  }

  @Test
  void aNamedFunctionIsTheOneCall() {
    for (int i = 0; i < 10; i++) {
      ChatCompletion.Choice choice = ask("Go somewhere " + i, b -> b.toolChoice(ChatCompletionNamedToolChoice.builder()
          .function(ChatCompletionNamedToolChoice.Function.builder().name("book_trip").build()).build()));

      List<ChatCompletionMessageFunctionToolCall> calls = functionCalls(choice);
      assertThat(calls).singleElement().satisfies(c -> assertThat(c.function().name()).isEqualTo("book_trip"));
      assertThat(Schemas.violations(Schemas.parse(TRIP), Schemas.parse(calls.get(0).function().arguments()))).isEmpty();
    }
  }

  @Test
  void noneAnswersInProse() {
    ChatCompletion.Choice choice = ask("Just talk", b -> b.toolChoice(ChatCompletionToolChoiceOption.Auto.NONE));

    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(choice.message().toolCalls()).isEmpty();
    assertThat(choice.message().content()).hasValueSatisfying(c -> assertThat(c).isNotBlank().endsWith("."));
  }

  @Test
  void autoCallsForSomePromptsAndAnswersOthersInProseTheSameWayEachTime() {
    int calls = 0;
    int prose = 0;
    for (int i = 0; i < 40; i++) {
      ChatCompletion.Choice first = ask("Maybe a tool " + i, b -> {});
      ChatCompletion.Choice again = ask("Maybe a tool " + i, b -> b.toolChoice(ChatCompletionToolChoiceOption.Auto.AUTO));
      assertThat(again.message()).isEqualTo(first.message());
      if (first.message().toolCalls().isPresent()) {
        assertThat(first.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        calls++;
      } else {
        assertThat(first.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(first.message().content()).isPresent();
        prose++;
      }
    }
    assertThat(calls).isBetween(8, 32);
    assertThat(prose).isBetween(8, 32);
  }

  @Test
  void parallelCallsCanBeSeveralAndParallelFalseMakesOne() {
    int most = 0;
    for (int i = 0; i < 20; i++) {
      List<ChatCompletionMessageFunctionToolCall> parallel = functionCalls(
          ask("Do things " + i, b -> b.toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED)));
      assertThat(parallel.stream().map(ChatCompletionMessageFunctionToolCall::id).distinct()).hasSize(parallel.size());
      most = Math.max(most, parallel.size());
      List<ChatCompletionMessageFunctionToolCall> single = functionCalls(ask("Do things " + i,
          b -> b.toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED).parallelToolCalls(false)));
      assertThat(single).hasSize(1);
    }
    assertThat(most).isEqualTo(2);
  }

  /** A tool the SDK derives from a class, and arguments it reads back into one. */
  record GetForecast(@JsonProperty(required = true) String city, @JsonProperty(required = true) int days,
      @JsonProperty(required = true) Unit unit) {}

  enum Unit { CELSIUS, FAHRENHEIT }

  @Test
  void theSdksClassDerivedToolsReadTheirArgumentsBack() {
    for (int i = 0; i < 10; i++) {
      ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
          .model("sim-tools").addUserMessage("Forecast " + i).addTool(GetForecast.class)
          .toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED).build()).validate();

      ChatCompletionMessageFunctionToolCall call = functionCalls(completion.choices().get(0)).get(0);
      assertThat(call.function().name()).isEqualTo("GetForecast");
      GetForecast forecast = call.function().arguments(GetForecast.class);
      assertThat(forecast.city()).isNotNull();
      assertThat(forecast.unit()).isNotNull();
    }
  }

  @Test
  void streamedCallsAccumulateInTheSdkToTheCallsOfTheWholeAnswer() {
    for (int i = 0; i < 6; i++) {
      String prompt = "Stream tools " + i;
      Consumer<ChatCompletionCreateParams.Builder> required =
          b -> b.toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED);
      ChatCompletion.Choice whole = ask(prompt, required);
      ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
      try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params(prompt, required))) {
        stream.stream().forEach(c -> accumulator.accumulate(c.validate()));
      }
      ChatCompletion.Choice streamed = accumulator.chatCompletion().choices().get(0);

      assertThat(streamed.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
      assertThat(functionCalls(streamed)).isEqualTo(functionCalls(whole));
    }
  }

  @Test
  void streamedCallsOpenWithIdTypeAndNameThenSendArgumentFragments() throws IOException {
    String extra = "{\"stream\": true, \"tool_choice\": \"required\", \"tools\": " + toolsJson() + "}";
    List<JsonObject> events = SimHttp.stream(paced.url(), "/v1/chat/completions",
        SimHttp.chat("sim-tools", "Raw stream", extra)).events();

    JsonObject role = events.get(0).getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
    assertThat(role.getString("role")).isEqualTo("assistant");
    assertThat(role.containsKey("content")).isTrue();
    assertThat(role.getValue("content")).isNull();
    StringBuilder arguments = new StringBuilder();
    int fragments = 0;
    JsonObject opening = null;
    for (JsonObject e : events.subList(1, events.size() - 1)) {
      JsonArray calls = e.getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getJsonArray("tool_calls");
      JsonObject call = calls.getJsonObject(0);
      if (call.getInteger("index") != 0) {
        break;
      }
      if (call.containsKey("id")) {
        assertThat(opening).as("one opening per call").isNull();
        opening = call;
      } else {
        assertThat(call.fieldNames()).containsExactlyInAnyOrder("index", "function");
        arguments.append(call.getJsonObject("function").getString("arguments"));
        fragments++;
      }
    }
    assertThat(opening.getString("id")).startsWith("call_");
    assertThat(opening.getString("type")).isEqualTo("function");
    assertThat(opening.getJsonObject("function").getString("arguments")).isEmpty();
    String name = opening.getJsonObject("function").getString("name");
    assertThat(fragments).isGreaterThan(1);
    assertThat(Schemas.violations(Schemas.parse(SCHEMAS.get(name)), Schemas.parse(arguments.toString()))).isEmpty();
    JsonObject last = events.get(events.size() - 1).getJsonArray("choices").getJsonObject(0);
    assertThat(last.getString("finish_reason")).isEqualTo("tool_calls");
  }

  @Test
  void maxTokensCutsTheArgumentsWithFinishReasonLength() {
    ChatCompletion.Choice choice = ask("Cut my call", b -> b.maxCompletionTokens(3)
        .toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED).parallelToolCalls(false));

    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
    assertThat(functionCalls(choice)).singleElement()
        .satisfies(c -> assertThat(c.function().arguments()).startsWith("{\""));
  }

  @Test
  void toolDefinitionsCountAsPromptTokens() throws IOException {
    JsonObject plain = SimHttp.json(SimHttp.post(replica.url(), "/v1/chat/completions",
        SimHttp.chat("sim-tools", "Count me", null)));
    JsonObject withTools = SimHttp.json(SimHttp.post(replica.url(), "/v1/chat/completions",
        SimHttp.chat("sim-tools", "Count me", "{\"tools\": " + toolsJson() + "}")));

    assertThat(withTools.getJsonObject("usage").getInteger("prompt_tokens"))
        .isGreaterThan(plain.getJsonObject("usage").getInteger("prompt_tokens") + 50);
  }

  static String toolsJson() {
    JsonArray tools = new JsonArray();
    SCHEMAS.forEach((name, schema) -> tools.add(new JsonObject().put("type", "function").put("function",
        new JsonObject().put("name", name).put("parameters", new JsonObject(schema)))));
    return tools.encode();
  }

  private static ChatCompletion.Choice ask(String prompt, Consumer<ChatCompletionCreateParams.Builder> options) {
    return client.chat().completions().create(params(prompt, options)).validate().choices().get(0);
  }

  private static ChatCompletionCreateParams params(String prompt, Consumer<ChatCompletionCreateParams.Builder> options) {
    ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().model("sim-tools").addUserMessage(prompt);
    SCHEMAS.forEach((name, schema) -> b.addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
        .name(name).parameters(FunctionParameters.builder().additionalProperties(SimSdk.fields(schema)).build())
        .build()).build()));
    options.accept(b);
    return b.build();
  }

  private static List<ChatCompletionMessageFunctionToolCall> functionCalls(ChatCompletion.Choice choice) {
    return choice.message().toolCalls().orElse(List.of()).stream().map(ChatCompletionMessageToolCall::asFunction).toList();
  }
}
