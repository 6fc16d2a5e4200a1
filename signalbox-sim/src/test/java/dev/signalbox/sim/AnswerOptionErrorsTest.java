package dev.signalbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed or unsupported tools, formats, stops and logprobs get OpenAI's 400 naming the parameter. */
class AnswerOptionErrorsTest {
  private static final String WEATHER =
      "[{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"parameters\": {\"type\": \"object\"}}}]";

  private static final SimSdk sims = new SimSdk();
  private static final SimulatedReplica replica = sims.start("sim-errors", SimSdk.profile(0, 8));

  @AfterAll
  static void stop() {
    sims.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"tools\": {\"type\": \"function\"}}                                   | tools | invalid_type",
      "{\"tools\": []}                                                         | tools | invalid_value",
      "{\"tools\": [\"get_weather\"]}                                          | tools[0] | invalid_type",
      "{\"tools\": [{\"function\": {\"name\": \"f\"}}]}                        | tools[0].type | missing_required_parameter",
      "{\"tools\": [{\"type\": \"function\"}]}                                 | tools[0].function | missing_required_parameter",
      "{\"tools\": [{\"type\": \"function\", \"function\": {}}]}               | tools[0].function.name | missing_required_parameter",
      "{\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"a b\"}}]} | tools[0].function.name | invalid_value",
      "{\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\", \"parameters\": []}}]} | tools[0].function.parameters | invalid_type",
      "{\"tools\": [{\"type\": \"custom\", \"custom\": {\"name\": \"f\"}}]}    | tools[0].type | unsupported_value",
      "{\"tools\": [{\"type\": \"browser\"}]}                                  | tools[0].type | invalid_value",
      "{\"tool_choice\": \"required\"}                                         | tool_choice | invalid_value",
      "{\"parallel_tool_calls\": false}                                        | parallel_tool_calls | invalid_value",
      "{\"tools\": TOOLS, \"tool_choice\": \"always\"}                         | tool_choice | invalid_value",
      "{\"tools\": TOOLS, \"tool_choice\": 1}                                  | tool_choice | invalid_type",
      "{\"tools\": TOOLS, \"tool_choice\": {\"type\": \"function\", \"function\": {\"name\": \"get_time\"}}} | tool_choice | invalid_value",
      "{\"tools\": TOOLS, \"tool_choice\": {\"type\": \"function\"}}           | tool_choice.function | missing_required_parameter",
      "{\"tools\": TOOLS, \"tool_choice\": {\"type\": \"allowed_tools\"}}      | tool_choice.type | unsupported_value",
      "{\"tools\": TOOLS, \"parallel_tool_calls\": \"no\"}                     | parallel_tool_calls | invalid_type",
      "{\"functions\": [{\"name\": \"f\"}]}                                    | functions | unsupported_value",
      "{\"function_call\": \"auto\"}                                           | function_call | unsupported_value",
      "{\"response_format\": \"json\"}                                         | response_format | invalid_type",
      "{\"response_format\": {}}                                               | response_format.type | missing_required_parameter",
      "{\"response_format\": {\"type\": \"xml\"}}                              | response_format.type | invalid_value",
      "{\"response_format\": {\"type\": \"json_schema\"}}                      | response_format.json_schema | missing_required_parameter",
      "{\"response_format\": {\"type\": \"json_schema\", \"json_schema\": {\"schema\": {}}}} | response_format.json_schema.name | missing_required_parameter",
      "{\"response_format\": {\"type\": \"json_schema\", \"json_schema\": {\"name\": \"x\", \"schema\": 3}}} | response_format.json_schema.schema | invalid_type",
      "{\"stop\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}                         | stop | invalid_value",
      "{\"stop\": 3}                                                           | stop | invalid_type",
      "{\"stop\": [\"a\", 1]}                                                  | stop[1] | invalid_type",
      "{\"logprobs\": \"yes\"}                                                 | logprobs | invalid_type",
      "{\"logprobs\": true, \"top_logprobs\": 21}                              | top_logprobs | invalid_value",
      "{\"logprobs\": true, \"top_logprobs\": -1}                              | top_logprobs | invalid_value",
      "{\"logprobs\": true, \"top_logprobs\": 1.5}                             | top_logprobs | invalid_type",
      "{\"top_logprobs\": 2}                                                   | top_logprobs | invalid_value",
  })
  void chatOptionErrors(String extra, String param, String code) throws IOException {
    assertError(SimHttp.post(replica.url(), "/v1/chat/completions",
        SimHttp.chat("sim-errors", "Hi", extra.replace("TOOLS", WEATHER))), param, code);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"logprobs\": 6}     | logprobs | invalid_value",
      "{\"logprobs\": true}  | logprobs | invalid_type",
      "{\"stop\": {}}        | stop | invalid_type",
  })
  void completionOptionErrors(String extra, String param, String code) throws IOException {
    JsonObject body = new JsonObject().put("model", "sim-errors").put("prompt", "Hi").mergeIn(new JsonObject(extra));
    assertError(SimHttp.post(replica.url(), "/v1/completions", body.encode()), param, code);
  }

  private static void assertError(HttpResponse<String> response, String param, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonObject error = SimHttp.json(response).getJsonObject("error");
    assertThat(error.getString("type")).isEqualTo("invalid_request_error");
    assertThat(error.getString("param")).isEqualTo(param);
    assertThat(error.getString("code")).isEqualTo(code);
    assertThat(error.getString("message")).contains(param.replaceAll("\\[.*", ""));
  }
}
