package dev.signalbox.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.signalbox.core.RoutedRequest;
import dev.signalbox.core.Signalbox;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.upstream.AttemptFailure;
import dev.signalbox.sim.SimulatedPool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's two Java examples, run as written against simulated replicas; the README must
 * show exactly the lines between the {@code README} markers below.
 */
class ReadmeExamplesIT {
  private static final Pattern EXAMPLE = Pattern.compile("(?s)// README: (\\w+)\n(.*?)\n\\s*// END");

  private SimulatedPool sims;
  private Path configFile;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private PrintStream stdout;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    sims = SimulatedPool.start(ConfigLoader.parse(SignalboxOpenAiIT.CONFIG, name -> null), "127.0.0.1", 0);
    String yaml = SignalboxOpenAiIT.CONFIG;
    for (String model : List.of("small", "large", "embed")) {
      for (var replica : sims.replicas(model)) {
        yaml = yaml.replaceFirst("- simulated: \\{[^}]*}", "- url: " + replica.url());
      }
    }
    configFile = Files.writeString(dir.resolve("signalbox.yaml"), yaml);
    stdout = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    System.setOut(stdout);
    sims.close();
  }

  @Test
  void theLibraryExample() throws Exception {
    // README: library
    Signalbox signalbox = Signalbox.fromYaml(configFile);
    try (RoutedRequest call = signalbox.route(RouteRequest.chat("req-1", "auto", "Prove that 2^10 > 1000"))) {
      System.out.println(call.model() + ": " + call.trace().reason());   // which model, and why
      while (call.endpoint() != null) {                                 // where (in flight until the call ends)
        int status = post(call.endpoint(), call.request());             // your own HTTP call
        if (status < 500) { call.answered(status); break; }
        call.failed(AttemptFailure.SERVER_ERROR, "HTTP " + status, 0);  // next: another replica, a fallback
      }
      call.finish(200, 12, 40);                                         // feeds the route's learning
    }
    // END
    assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("large: ").contains("hard");
    assertThat(sims.replica("large", 0).stats().completed()).isEqualTo(1);
    signalbox.close();
  }

  @Test
  void theOpenAiSdkExample() {
    // README: sdk
    Signalbox signalbox = Signalbox.fromYaml(configFile);
    OpenAIClient client = SignalboxOpenAi.client(signalbox);
    ChatCompletion answer = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("auto")
        .addUserMessage("Prove that 2^10 > 1000")
        .build());
    System.out.println(answer.model() + ": " + answer.choices().get(0).message().content().orElse(""));
    // END
    assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("large: ");
    assertThat(answer.choices().get(0).message().content()).hasValueSatisfying(t -> assertThat(t).isNotBlank());
    client.close();
    signalbox.close();
  }

  @Test
  void theReadmeShowsBothExamplesAsWritten() throws Exception {
    String source = Files.readString(Path.of("src/test/java/dev/signalbox/openai/ReadmeExamplesIT.java"));
    String readme = Files.readString(Path.of("../README.md"));
    List<String> names = new ArrayList<>();
    Matcher m = EXAMPLE.matcher(source);
    while (m.find()) {
      names.add(m.group(1));
      String example = m.group(2).stripIndent().strip();
      assertThat(readme).as("README shows the '" + m.group(1) + "' example as the test runs it").contains(example);
      assertThat(example.lines().count()).as("ten lines or so").isLessThanOrEqualTo(11);
    }
    assertThat(names).containsExactly("library", "sdk");
  }

  /** The example's "own HTTP call": the request as OpenAI chat JSON to the endpoint. */
  private static int post(Endpoint endpoint, RouteRequest request) throws Exception {
    String body = "{\"model\":\"" + endpoint.upstreamModel() + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + request.messages().get(0).text() + "\"}]}";
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(endpoint.url() + "/v1/chat/completions"))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.statusCode();
  }
}
