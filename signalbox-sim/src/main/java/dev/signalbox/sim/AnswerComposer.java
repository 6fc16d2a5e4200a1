package dev.signalbox.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.hash.StableHash;
import dev.signalbox.core.request.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * Composes a request's answer: function calls when its tools call for them, else content (prose,
 * JSON for its response format, or the echo of what it sent), cut before the first stop sequence
 * and at the caller's limit, with log probabilities when asked for. Every draw is seeded by the
 * replica's content seed and the prompt, so a prompt gets the same answer every time.
 */
final class AnswerComposer {
  private static final long TOOL_CHOICE = 1;
  private static final long TOOL_ARGUMENTS = 2;
  private static final long JSON_CONTENT = 3;
  private static final long LOGPROBS = 4;
  private static final int MOST_PARALLEL_CALLS = 3;
  private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final long seed;
  private final AnswerGenerator prose;

  AnswerComposer(long seed) {
    this.seed = seed;
    this.prose = new AnswerGenerator(seed);
  }

  /** The answer to {@code ask} on a replica of {@code profile}, at most {@code limit} tokens. */
  Answer compose(GenerationRequest ask, ReplicaProfile profile, int limit) {
    String prompt = ask.promptText();
    List<ToolUse.Function> called = chooseCalls(ask.options().tools(), prompt);
    List<String> tokens = new ArrayList<>();
    List<ToolCall> calls = new ArrayList<>();
    if (called.isEmpty()) {
      tokens = cutAtStop(content(ask, profile), ask.options().stop(), limit);
    } else {
      SeededRandom random = random(prompt, TOOL_ARGUMENTS);
      for (ToolUse.Function f : called) {
        List<String> arguments = TextTokens.split(f.parameters() == null ? "{}" : json(f.parameters(), random));
        calls.add(new ToolCall(callId(random), f.name(), tokens.size(), tokens.size() + arguments.size()));
        tokens.addAll(arguments);
      }
    }
    boolean cut = tokens.size() > limit;
    if (cut) {
      tokens = tokens.subList(0, limit);
      calls = keptCalls(calls, limit);
    }
    String finish = cut ? "length" : calls.isEmpty() ? "stop" : "tool_calls";
    int top = ask.options().topLogprobs();
    // the legacy completions format always lists the chosen token among the alternatives
    int alternatives = ask.operation() == Operation.COMPLETIONS ? Math.max(1, top) : top;
    List<TokenLogprob> logprobs =
        top < 0 ? null : TokenLogprob.draw(tokens, alternatives, random(prompt, LOGPROBS));
    return new Answer(List.copyOf(tokens), finish, List.copyOf(calls), logprobs);
  }

  /** The functions an answer calls: none, the forced one, or (seeded) some of them. */
  private List<ToolUse.Function> chooseCalls(ToolUse tools, String prompt) {
    if (tools == null || tools.choice() == ToolUse.Choice.NONE) {
      return List.of();
    }
    if (tools.choice() == ToolUse.Choice.FUNCTION) {
      return tools.functions().stream().filter(f -> f.name().equals(tools.forced())).limit(1).toList();
    }
    SeededRandom random = random(prompt, TOOL_CHOICE);
    if (tools.choice() == ToolUse.Choice.AUTO && random.nextInt(2) == 0) {
      return List.of(); // auto: half of the prompts are answered in prose
    }
    List<ToolUse.Function> pool = new ArrayList<>(tools.functions());
    int n = tools.parallel() ? 1 + random.nextInt(Math.min(MOST_PARALLEL_CALLS, pool.size())) : 1;
    List<ToolUse.Function> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(pool.remove(random.nextInt(pool.size())));
    }
    return out;
  }

  private List<String> content(GenerationRequest ask, ReplicaProfile profile) {
    if (profile.answer() == ReplicaProfile.AnswerMode.ECHO) {
      return TextTokens.split(ask.echoText());
    }
    ResponseFormat format = ask.options().format();
    if (format.json()) {
      return TextTokens.split(json(format.schema(), random(ask.promptText(), JSON_CONTENT)));
    }
    return prose.words(ask.promptText(), profile.outputTokens());
  }

  /**
   * The tokens before the stop sequence that is complete first, the token it starts in cut to
   * where it starts; all of them when none is complete within {@code limit} tokens (the limit
   * ends the answer first).
   */
  static List<String> cutAtStop(List<String> tokens, List<String> stops, int limit) {
    if (stops.isEmpty()) {
      return tokens;
    }
    String text = String.join("", tokens);
    int start = -1;
    int end = Integer.MAX_VALUE;
    for (String stop : stops) {
      int at = text.indexOf(stop);
      if (at >= 0 && (at + stop.length() < end || (at + stop.length() == end && at < start))) {
        start = at;
        end = at + stop.length();
      }
    }
    int withinLimit = String.join("", tokens.subList(0, Math.min(limit, tokens.size()))).length();
    if (start < 0 || end > withinLimit) {
      return tokens;
    }
    List<String> kept = new ArrayList<>();
    int chars = 0;
    for (String token : tokens) {
      if (chars + token.length() > start) {
        if (start > chars) {
          kept.add(token.substring(0, start - chars));
        }
        break;
      }
      kept.add(token);
      chars += token.length();
    }
    return kept;
  }

  /** The calls whose arguments begin within the first {@code limit} tokens, the last one cut there. */
  private static List<ToolCall> keptCalls(List<ToolCall> calls, int limit) {
    List<ToolCall> kept = new ArrayList<>();
    for (ToolCall c : calls) {
      if (c.from() < limit) {
        kept.add(new ToolCall(c.id(), c.name(), c.from(), Math.min(c.to(), limit)));
      }
    }
    return kept;
  }

  private SeededRandom random(String prompt, long purpose) {
    return new SeededRandom(StableHash.of(seed, prompt, purpose));
  }

  private static String json(JsonNode schema, SeededRandom random) {
    try {
      return Json.MAPPER.writeValueAsString(SchemaSampler.sample(schema, random));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  private static String callId(SeededRandom random) {
    StringBuilder id = new StringBuilder("call_");
    for (int i = 0; i < 24; i++) {
      id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
    }
    return id.toString();
  }
}
