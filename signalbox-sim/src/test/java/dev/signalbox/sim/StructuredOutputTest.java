package dev.signalbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.StructuredChatCompletion;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** response_format: JSON objects and JSON that satisfies a schema, read by the official SDK. */
class StructuredOutputTest {
  private static final String ORDER = """
      {"type": "object", "properties": {
         "id": {"type": "string", "format": "uuid"},
         "placed": {"type": "string", "format": "date-time"},
         "items": {"type": "array", "minItems": 1, "items": {"type": "object", "properties": {
            "sku": {"type": "string", "minLength": 3, "maxLength": 12},
            "quantity": {"type": "integer", "minimum": 1, "maximum": 9},
            "price": {"type": "number", "minimum": 0.5, "multipleOf": 0.01}},
            "required": ["sku", "quantity", "price"], "additionalProperties": false}},
         "status": {"enum": ["open", "paid", "shipped"]},
         "note": {"type": ["string", "null"]}},
       "required": ["id", "placed", "items", "status", "note"], "additionalProperties": false}""";

  private static final SimSdk sims = new SimSdk();
  // a token per millisecond, so that a stream carries the JSON over several chunks
  private static final SimulatedReplica replica = sims.start("sim-json", SimSdk.profile(1, 12));
  private static final OpenAIClient client = sims.client(replica);

  @AfterAll
  static void stop() {
    sims.close();
  }

  @Test
  void jsonObjectModeAnswersAJsonObject() {
    for (int i = 0; i < 10; i++) {
      ChatCompletion.Choice choice = client.chat().completions().create(ChatCompletionCreateParams.builder()
          .model("sim-json").addUserMessage("Reply in JSON, please " + i)
          .responseFormat(ResponseFormatJsonObject.builder().build()).build()).validate().choices().get(0);

      assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
      JsonNode content = Schemas.parse(choice.message().content().orElseThrow());
      assertThat(content.isObject()).isTrue();
      assertThat(content.size()).isPositive();
    }
  }

  @Test
  void jsonSchemaModeAnswersJsonTheSchemaAllows() {
    JsonNode schema = Schemas.parse(ORDER);
    for (int i = 0; i < 12; i++) {
      ChatCompletion completion = client.chat().completions().create(orderParams("Order " + i)).validate();

      String content = completion.choices().get(0).message().content().orElseThrow();
      assertThat(Schemas.violations(schema, Schemas.parse(content))).as(content).isEmpty();
      assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(TextTokens.split(content).size());
    }
  }

  /** A class the SDK turns into a strict schema and reads the answer back into. */
  record Invoice(@JsonProperty(required = true) String customer, @JsonProperty(required = true) List<Line> lines,
      @JsonProperty(required = true) boolean paid) {}

  record Line(@JsonProperty(required = true) String item, @JsonProperty(required = true) long cents) {}

  @Test
  void theSdksClassDerivedSchemasReadTheAnswerBack() {
    for (int i = 0; i < 10; i++) {
      StructuredChatCompletion<Invoice> completion = client.chat().completions().create(
          ChatCompletionCreateParams.builder().model("sim-json").addUserMessage("Invoice " + i)
              .responseFormat(Invoice.class).build());

      Invoice invoice = completion.choices().get(0).message().content().orElseThrow();
      assertThat(invoice.customer()).isNotNull();
      assertThat(invoice.lines()).isNotNull().allSatisfy(l -> assertThat(l.item()).isNotNull());
    }
  }

  @Test
  void aStreamSplitsTheJsonOverChunksThatJoinIntoTheWholeAnswer() {
    ChatCompletionCreateParams params = orderParams("Stream an order");
    String whole = client.chat().completions().create(params).choices().get(0).message().content().orElseThrow();
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    int[] contentChunks = {0};
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      stream.stream().forEach(c -> {
        accumulator.accumulate(c.validate());
        c.choices().forEach(ch -> ch.delta().content().filter(t -> !t.isEmpty()).ifPresent(t -> contentChunks[0]++));
      });
    }

    assertThat(accumulator.chatCompletion().choices().get(0).message().content()).hasValue(whole);
    assertThat(contentChunks[0]).isGreaterThan(1);
  }

  @Test
  void jsonObjectModeWithoutTheWordJsonInTheMessagesIsA400AsOpenAiAnswersIt() throws IOException {
    var response = SimHttp.post(replica.url(), "/v1/chat/completions",
        SimHttp.chat("sim-json", "Reply please", "{\"response_format\": {\"type\": \"json_object\"}}"));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject error = SimHttp.json(response).getJsonObject("error");
    assertThat(error.getString("param")).isEqualTo("messages");
    assertThat(error.getString("message")).contains("json");
  }

  @Test
  void textFormatIsProse() throws IOException {
    JsonObject body = SimHttp.json(SimHttp.post(replica.url(), "/v1/chat/completions",
        SimHttp.chat("sim-json", "Plain", "{\"response_format\": {\"type\": \"text\"}}")));
    assertThat(body.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"))
        .endsWith(".");
  }

  private static ChatCompletionCreateParams orderParams(String prompt) {
    return ChatCompletionCreateParams.builder().model("sim-json").addUserMessage(prompt)
        .responseFormat(ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
            .name("order").strict(true)
            .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                .additionalProperties(SimSdk.fields(ORDER)).build())
            .build()).build())
        .build();
  }
}
