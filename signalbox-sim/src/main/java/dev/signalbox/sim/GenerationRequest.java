package dev.signalbox.sim;

import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.api.OpenAiRequest;
import dev.signalbox.core.request.Message;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.PrefixBlocks;
import dev.signalbox.core.signal.TokenEstimator;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A chat or text completion request, reduced to what the simulator needs.
 *
 * @param operation chat or completions
 * @param model the model name the caller asked for
 * @param promptText the prompt as one text, the seed of the answer
 * @param echoText what an echoing replica answers: the last user message's text, or the prompt
 * @param promptTokens estimated prompt tokens, tool definitions and response schema included
 * @param maxTokens the caller's output limit, or -1 when none was given
 * @param stream whether to answer with server-sent events
 * @param includeUsage whether a stream ends with a usage chunk
 * @param prefix the prompt as hashed blocks, cut as the gateway cuts it, for engines with a prefix cache
 * @param options tools, response format, stop sequences and log probabilities
 */
record GenerationRequest(
    Operation operation,
    String model,
    String promptText,
    String echoText,
    int promptTokens,
    int maxTokens,
    boolean stream,
    boolean includeUsage,
    Supplier<PrefixBlocks> prefix,
    GenerationOptions options) {

  /** The simulator's view of a chat or completions request; it answers one choice of one prompt. */
  static GenerationRequest of(OpenAiRequest request) {
    if (request.n() != 1) {
      throw OpenAiError.invalid("n", "unsupported_value", "The simulator answers one choice per request; 'n' must be 1.");
    }
    GenerationOptions options = GenerationOptions.read(request.operation(), request.body());
    String prompt;
    String echo = "";
    int tokens;
    if (request.operation() == Operation.CHAT) {
      StringBuilder sb = new StringBuilder();
      for (Message m : request.messages()) {
        sb.append(m.role()).append(": ").append(m.text()).append('\n');
        echo = m.role().equals("user") ? m.text() : echo;
      }
      prompt = sb.toString();
      tokens = TokenEstimator.count(request.messages()) + options.promptTokens();
      if (options.format().type() == ResponseFormat.Type.JSON_OBJECT
          && !prompt.toLowerCase(Locale.ROOT).contains("json")) {
        throw OpenAiError.invalid("messages", "invalid_value", "'messages' must contain the word 'json' in some "
            + "form, to use 'response_format' of type 'json_object'.");
      }
    } else {
      if (request.messages().size() != 1) {
        throw OpenAiError.invalid("prompt", "unsupported_value",
            "The simulator answers one prompt per request; send 'prompt' as a single string or token list.");
      }
      PromptInput input = PromptInput.of(request.messages().get(0));
      prompt = input.key();
      echo = input.key();
      tokens = input.tokens();
    }
    return new GenerationRequest(request.operation(), request.model(), prompt, echo, tokens, request.maxTokens(),
        request.stream(), request.stream() && request.includeUsage(), PrefixBlocks.lazy(request.messages()), options);
  }
}
