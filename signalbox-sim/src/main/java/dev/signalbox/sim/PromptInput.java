package dev.signalbox.sim;

import dev.signalbox.core.signal.TokenEstimator;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/**
 * One text or tokenised input (a completion prompt or an embedding input).
 *
 * @param key the text, or for token ids a canonical text of them; what answers are derived from
 * @param tokens its token count: estimated for text, exact for token ids
 */
record PromptInput(String key, int tokens) {

  static PromptInput text(String text) {
    return new PromptInput(text, TokenEstimator.count(text));
  }

  /**
   * Reads the inputs OpenAI accepts: a string, an array of strings, an array of token ids or an
   * array of arrays of token ids.
   */
  static List<PromptInput> list(Object value, String param) {
    List<PromptInput> inputs = new ArrayList<>();
    if (value instanceof String s) {
      inputs.add(text(s));
      return inputs;
    }
    if (!(value instanceof JsonArray array)) {
      throw JsonFields.wrongType(param, "a string or an array", value);
    }
    if (array.isEmpty()) {
      throw ApiError.invalid(param, "Invalid '" + param + "': empty array.").asException();
    }
    if (array.getValue(0) instanceof Number) {
      inputs.add(tokenIds(array, param));
      return inputs;
    }
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      String itemParam = param + "[" + i + "]";
      if (item instanceof String s) {
        inputs.add(text(s));
      } else if (item instanceof JsonArray ids && !ids.isEmpty()) {
        inputs.add(tokenIds(ids, itemParam));
      } else {
        throw JsonFields.wrongType(itemParam, "a string or a non-empty array of token ids", item);
      }
    }
    return inputs;
  }

  /** Like {@link #list} but for a single prompt. */
  static PromptInput single(Object value, String param) {
    List<PromptInput> inputs = list(value, param);
    if (inputs.size() != 1) {
      throw ApiError.invalid(param, "The simulator answers one prompt per request; send '" + param
          + "' as one string or one array of token ids.").asException();
    }
    return inputs.get(0);
  }

  private static PromptInput tokenIds(JsonArray ids, String param) {
    StringBuilder key = new StringBuilder("tokens:");
    for (int i = 0; i < ids.size(); i++) {
      Object id = ids.getValue(i);
      if (!(id instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0) {
        throw JsonFields.wrongType(param + "[" + i + "]", "a non-negative integer token id", id);
      }
      key.append(n.longValue()).append(',');
    }
    return new PromptInput(key.toString(), ids.size());
  }
}
