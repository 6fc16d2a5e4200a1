package dev.signalbox.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.request.Message;
import dev.signalbox.core.request.Operation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestParserTest {

  private static ParsedRequest chat(String json) {
    return RequestParser.parse(Operation.CHAT, json.getBytes(StandardCharsets.UTF_8));
  }

  private static ApiException chatError(String json) {
    try {
      chat(json);
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("expected an ApiException for " + json);
  }

  @Test
  void parse_readsTheFieldsTheGatewayNeeds() {
    ParsedRequest p = chat("{\"model\":\"auto\",\"temperature\":0.2,\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
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
    ParsedRequest p = chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"http://x\"}},{\"type\":\"text\",\"text\":\"b\"}]},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[]}]}");
    assertThat(p.messages()).containsExactly(new Message("user", "a\nb"), new Message("assistant", ""));
  }

  @Test
  void bodyFor_swapsOnlyTheModelValue() {
    String json = "{ \"messages\": [{\"role\":\"user\",\"content\":\"x\"}], \"model\" : \"auto\", \"n\": 1 }";
    ParsedRequest p = chat(json);
    String swapped = new String(p.bodyFor("sim-\"large\""), StandardCharsets.UTF_8);
    assertThat(swapped).isEqualTo(json.replace("\"auto\"", "\"sim-\\\"large\\\"\""));
    assertThat(p.bodyFor("auto")).isSameAs(p.body());
  }

  @Test
  void bodyFor_handlesMultiByteCharactersBeforeTheModel() {
    String json = "{\"messages\":[{\"role\":\"user\",\"content\":\"héllo 日本語 😀\"}],\"model\":\"auto\"}";
    ParsedRequest p = chat(json);
    assertThat(new String(p.bodyFor("m2"), StandardCharsets.UTF_8)).isEqualTo(json.replace("auto", "m2"));
  }

  @Test
  void parse_completionPromptForms() {
    assertThat(RequestParser.parse(Operation.COMPLETIONS, "{\"model\":\"m\",\"prompt\":\"once\"}".getBytes())
        .messages()).containsExactly(Message.user("once"));
    assertThat(RequestParser.parse(Operation.COMPLETIONS, "{\"model\":\"m\",\"prompt\":[\"a\",\"b\"]}".getBytes())
        .messages()).hasSize(2);
    assertThat(RequestParser.parse(Operation.COMPLETIONS, "{\"model\":\"m\",\"prompt\":[1,2,3]}".getBytes())
        .messages()).hasSize(1);
    assertThat(RequestParser.parse(Operation.EMBEDDINGS, "{\"model\":\"m\",\"input\":[[1,2],[3]]}".getBytes())
        .messages()).hasSize(2);
  }

  @Test
  void parse_rejectsMalformedJson() {
    ApiException e = chatError("{\"model\":\"auto\",\"messages\":[");
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("invalid_json");
    assertThat(chatError("[1,2]").getMessage()).contains("must be a JSON object");
    assertThat(chatError("{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} trailing").code())
        .isEqualTo("invalid_json");
    assertThat(chatError("").code()).isEqualTo("invalid_json");
  }

  @Test
  void parse_rejectsWrongTypesNamingTheParameter() {
    ApiException e = chatError("{\"model\":42,\"messages\":[]}");
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
    assertThatThrownBy(() -> RequestParser.parse(Operation.EMBEDDINGS, "{\"model\":\"m\"}".getBytes()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.param()).isEqualTo("input"));
  }

  @Test
  void errorJson_isTheOpenAiShape() {
    ApiException e = ApiException.invalid("messages", "invalid_type", "bad \"quote\"\n");
    assertThat(e.json()).isEqualTo(
        "{\"error\":{\"message\":\"bad \\\"quote\\\"\\n\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"invalid_type\"}}");
  }
}
