package dev.signalbox.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import dev.signalbox.core.Signalbox;

/**
 * An {@link OpenAIClient} whose calls Signalbox routes in-process: {@code
 * client.chat().completions().create(...)} with {@code model("auto")} (or any route or model of
 * the configuration) is decided, placed, retried and failed over as the gateway would do it.
 */
public final class SignalboxOpenAi {
  /** The base URL the SDK is given; nothing listens there, calls never leave the process for it. */
  public static final String BASE_URL = "http://signalbox.in-process/v1";

  private SignalboxOpenAi() {}

  /** A client over {@code signalbox}; the SDK's own retries are off (Signalbox's planner retries). */
  public static OpenAIClient client(Signalbox signalbox) {
    return new OpenAIClientImpl(ClientOptions.builder()
        .httpClient(new SignalboxHttpClient(signalbox))
        .baseUrl(BASE_URL)
        .apiKey("in-process")
        .maxRetries(0)
        .build());
  }
}
