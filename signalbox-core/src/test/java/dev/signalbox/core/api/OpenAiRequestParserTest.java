package dev.signalbox.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.request.Message;
import dev.signalbox.core.request.Operation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenAiRequestParserTest {

  private static OpenAiRequest chat(String json) {
    return OpenAiRequestParser.parse(Operation.CHAT, json.getBytes(StandardCharsets.UTF_8));
  }

  private static OpenAiError chatError(String json) {
    try {
      chat(json);
    } catch (OpenAiError e) {
      return e;
    }
    throw new AssertionError("expected an OpenAiError for " + json);
  }

  @Test
  void parse_readsTheFieldsTheGatewayNeeds() {
    OpenAiRequest p = chat("{\"model\":\"auto\",\"temperature\":0.2,\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
        + "{\"role\":\"user\",\"content\":\"hello there\"}],\"stream\":true,"
        + "\"stream_options\":{\"include_usage\":true},\"max_tokens\":50,\"tools\":[{\"type\":\"function\"}]}");
    assertThat(p.model()).isEqualTo("auto");
    assertThat(p.stream()).isTrue();
    assertThat(p.includeUsage()).isTrue();
    assertThat(p.maxTokens()).isEqualTo(50);
    assertThat(p.messages()).containsExactly(new Message("system", "be brief"), new Message("user", "hello there"));
  }

  @Test
  void parse_readsTextPartsOfArrayContent() {
    OpenAiRequest p = chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"http://x\"}},{\"type\":\"text\",\"text\":\"b\"}]},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[]}]}");
    assertThat(p.messages()).containsExactly(new Message("user", "a\nb"), new Message("assistant", ""));
  }

  @Test
  void bodyFor_swapsOnlyTheModelValue() {
    String json = "{ \"messages\": [{\"role\":\"user\",\"content\":\"x\"}], \"model\" : \"auto\", \"n\": 1 }";
    OpenAiRequest p = chat(json);
    String swapped = new String(p.bodyFor("sim-\"large\""), StandardCharsets.UTF_8);
    assertThat(swapped).isEqualTo(json.replace("\"auto\"", "\"sim-\\\"large\\\"\""));
    assertThat(p.bodyFor("auto")).isSameAs(p.body());
  }

  @Test
  void bodyFor_handlesMultiByteCharactersBeforeTheModel() {
    String json = "{\"messages\":[{\"role\":\"user\",\"content\":\"héllo 日本語 😀\"}],\"model\":\"auto\"}";
    OpenAiRequest p = chat(json);
    assertThat(new String(p.bodyFor("m2"), StandardCharsets.UTF_8)).isEqualTo(json.replace("auto", "m2"));
  }

  @Test
  void parse_completionPromptForms() {
    assertThat(OpenAiRequestParser.parse(Operation.COMPLETIONS, "{\"model\":\"m\",\"prompt\":\"once\"}".getBytes())
        .messages()).containsExactly(Message.user("once"));
    assertThat(OpenAiRequestParser.parse(Operation.COMPLETIONS, "{\"model\":\"m\",\"prompt\":[\"a\",\"b\"]}".getBytes())
        .messages()).hasSize(2);
    assertThat(OpenAiRequestParser.parse(Operation.COMPLETIONS, "{\"model\":\"m\",\"prompt\":[1,2,3]}".getBytes())
        .messages()).hasSize(1);
    assertThat(OpenAiRequestParser.parse(Operation.EMBEDDINGS, "{\"model\":\"m\",\"input\":[[1,2],[3]]}".getBytes())
        .messages()).hasSize(2);
  }

  @Test
  void parse_tokenIdInputsKeepTheirIdsAndExactCounts() {
    OpenAiRequest single = OpenAiRequestParser.parse(Operation.EMBEDDINGS, "{\"model\":\"m\",\"input\":[101,7,99999]}".getBytes());
    assertThat(single.messages()).containsExactly(new Message("user", "101 7 99999", 3));
    OpenAiRequest many = OpenAiRequestParser.parse(Operation.EMBEDDINGS, "{\"model\":\"m\",\"input\":[[1,2],[3]]}".getBytes());
    assertThat(many.messages()).containsExactly(new Message("user", "1 2", 2), new Message("user", "3", 1));
    assertThatThrownBy(() -> OpenAiRequestParser.parse(Operation.EMBEDDINGS, "{\"model\":\"m\",\"input\":[\"a\",1]}".getBytes()))
        .isInstanceOfSatisfying(OpenAiError.class, e -> assertThat(e.param()).isEqualTo("input[1]"));
    assertThatThrownBy(() -> OpenAiRequestParser.parse(Operation.EMBEDDINGS, "{\"model\":\"m\",\"input\":[-1]}".getBytes()))
        .isInstanceOfSatisfying(OpenAiError.class, e -> assertThat(e.code()).isEqualTo("invalid_value"));
  }

  @Test
  void parse_limitsChoicesAndEmbeddingOptions() {
    OpenAiRequest chat = chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"max_completion_tokens\":30,\"max_tokens\":10,\"n\":2}");
    assertThat(chat.maxTokens()).isEqualTo(30);
    assertThat(chat.n()).isEqualTo(2);
    OpenAiRequest emb = OpenAiRequestParser.parse(Operation.EMBEDDINGS,
        "{\"model\":\"m\",\"input\":\"x\",\"dimensions\":8,\"encoding_format\":\"base64\"}".getBytes());
    assertThat(emb.dimensions()).isEqualTo(8);
    assertThat(emb.base64()).isTrue();
    assertThatThrownBy(() -> OpenAiRequestParser.parse(Operation.EMBEDDINGS,
            "{\"model\":\"m\",\"input\":\"x\",\"encoding_format\":\"hex\"}".getBytes()))
        .isInstanceOfSatisfying(OpenAiError.class, e -> assertThat(e.param()).isEqualTo("encoding_format"));
    assertThat(chatError("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":0}").param())
        .isEqualTo("n");
  }

  @Test
  void parse_rejectsMalformedJson() {
    OpenAiError e = chatError("{\"model\":\"auto\",\"messages\":[");
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("invalid_json");
    assertThat(chatError("[1,2]").getMessage()).contains("must be a JSON object");
    assertThat(chatError("{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} trailing").code())
        .isEqualTo("invalid_json");
    assertThat(chatError("").code()).isEqualTo("invalid_json");
  }

  @Test
  void parse_rejectsWrongTypesNamingTheParameter() {
    OpenAiError e = chatError("{\"model\":42,\"messages\":[]}");
    assertThat(e.param()).isEqualTo("model");
    assertThat(e.code()).isEqualTo("invalid_type");
    assertThat(e.getMessage()).contains("expected a string, but got an integer");

    assertThat(chatError("{\"model\":\"m\",\"messages\":\"hi\"}").param()).isEqualTo("messages");
    assertThat(chatError("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":\"yes\"}").param())
        .isEqualTo("stream");
    assertThat(chatError("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":1.5}").param())
        .isEqualTo("max_tokens");
    assertThat(chatError("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":0}").code())
        .isEqualTo("invalid_value");
    assertThat(chatError("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":5}]}").param())
        .isEqualTo("messages[0].content");
    assertThat(chatError("{\"model\":\"m\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}").param())
        .isEqualTo("messages[0].role");
  }

  @Test
  void parse_rejectsMissingFields() {
    assertThat(chatError("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").param()).isEqualTo("model");
    assertThat(chatError("{\"model\":\"m\"}").param()).isEqualTo("messages");
    assertThat(chatError("{\"model\":\"m\",\"messages\":[]}").code()).isEqualTo("invalid_value");
    assertThat(chatError("{\"model\":\"m\",\"messages\":[{\"content\":\"x\"}]}").param()).isEqualTo("messages[0].role");
    assertThatThrownBy(() -> OpenAiRequestParser.parse(Operation.EMBEDDINGS, "{\"model\":\"m\"}".getBytes()))
        .isInstanceOfSatisfying(OpenAiError.class, e -> assertThat(e.param()).isEqualTo("input"));
  }

  @Test
  void errorJson_isTheOpenAiShape() {
    OpenAiError e = OpenAiError.invalid("messages", "invalid_type", "bad \"quote\"\n");
    assertThat(e.json()).isEqualTo(
        "{\"error\":{\"message\":\"bad \\\"quote\\\"\\n\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"invalid_type\"}}");
  }
}
