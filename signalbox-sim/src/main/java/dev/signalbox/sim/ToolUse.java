package dev.signalbox.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A chat request's {@code tools}, {@code tool_choice} and {@code parallel_tool_calls}, checked as
 * OpenAI checks them.
 *
 * @param functions the callable functions, in the request's order
 * @param choice whether the model may, must or must not call one
 * @param forced the function {@code tool_choice} names, or null
 * @param parallel whether one answer may call several functions
 */
record ToolUse(List<Function> functions, Choice choice, String forced, boolean parallel) {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  /** What {@code tool_choice} allows. */
  enum Choice { NONE, AUTO, REQUIRED, FUNCTION }

  /**
   * A function tool.
   *
   * @param name its name
   * @param parameters the JSON Schema of its arguments, or null when it takes none
   */
  record Function(String name, JsonNode parameters) {}

  /** The tool use of a chat body's fields, or null when it offers no tools. */
  static ToolUse read(JsonNode tools, JsonNode toolChoice, JsonNode parallelToolCalls) {
    if (!Params.present(tools)) {
      if (Params.present(toolChoice)) {
        throw Params.invalidValue("tool_choice", "Invalid value for 'tool_choice': 'tool_choice' is only allowed "
            + "when 'tools' are specified.");
      }
      if (Params.present(parallelToolCalls)) {
        throw Params.invalidValue("parallel_tool_calls", "Invalid value for 'parallel_tool_calls': "
            + "'parallel_tool_calls' is only allowed when 'tools' are specified.");
      }
      return null;
    }
    List<Function> functions = functions(tools);
    boolean parallel = Params.bool(parallelToolCalls, "parallel_tool_calls", true);
    if (!Params.present(toolChoice)) {
      return new ToolUse(functions, Choice.AUTO, null, parallel);
    }
    if (toolChoice.isTextual()) {
      Choice choice = switch (toolChoice.textValue()) {
        case "none" -> Choice.NONE;
        case "auto" -> Choice.AUTO;
        case "required" -> Choice.REQUIRED;
        default -> throw Params.invalidValue("tool_choice", "Invalid value for 'tool_choice': '"
            + toolChoice.textValue() + "'. Supported values are: 'none', 'auto', 'required' or "
            + "{\"type\": \"function\", \"function\": {\"name\": ...}}.");
      };
      return new ToolUse(functions, choice, null, parallel);
    }
    if (!toolChoice.isObject()) {
      throw Params.invalidType("tool_choice", "a string or an object", toolChoice);
    }
    String type = Params.string(toolChoice, "type", "tool_choice.type");
    if (!type.equals("function")) {
      throw unsupportedType("tool_choice.type", type, "allowed_tools", "custom");
    }
    JsonNode function = toolChoice.get("function");
    if (!Params.present(function)) {
      throw Params.missing("tool_choice.function");
    }
    if (!function.isObject()) {
      throw Params.invalidType("tool_choice.function", "an object", function);
    }
    String name = Params.string(function, "name", "tool_choice.function.name");
    if (functions.stream().noneMatch(f -> f.name().equals(name))) {
      throw Params.invalidValue("tool_choice", "Invalid value for 'tool_choice': no function named '" + name
          + "' was specified in the 'tools' parameter.");
    }
    return new ToolUse(functions, Choice.FUNCTION, name, parallel);
  }

  private static List<Function> functions(JsonNode tools) {
    if (!tools.isArray()) {
      throw Params.invalidType("tools", "an array of tools", tools);
    }
    if (tools.isEmpty()) {
      throw Params.invalidValue("tools", "Invalid 'tools': empty array. Expected an array with minimum length 1, "
          + "but got an empty array instead.");
    }
    List<Function> out = new ArrayList<>(tools.size());
    for (int i = 0; i < tools.size(); i++) {
      String at = "tools[" + i + "]";
      JsonNode tool = tools.get(i);
      if (!tool.isObject()) {
        throw Params.invalidType(at, "an object", tool);
      }
      String type = Params.string(tool, "type", at + ".type");
      if (!type.equals("function")) {
        throw unsupportedType(at + ".type", type, "custom");
      }
      JsonNode function = tool.get("function");
      if (!Params.present(function)) {
        throw Params.missing(at + ".function");
      }
      if (!function.isObject()) {
        throw Params.invalidType(at + ".function", "an object", function);
      }
      String name = Params.string(function, "name", at + ".function.name");
      if (!NAME.matcher(name).matches()) {
        throw Params.invalidValue(at + ".function.name", "Invalid '" + at + ".function.name': string does not "
            + "match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.");
      }
      JsonNode parameters = function.get("parameters");
      if (Params.present(parameters) && !parameters.isObject()) {
        throw Params.invalidType(at + ".function.parameters", "an object", parameters);
      }
      Params.bool(function.get("strict"), at + ".function.strict", false);
      out.add(new Function(name, Params.present(parameters) ? parameters : null));
    }
    return out;
  }

  /** {@code known} are types OpenAI has that the simulator does not synthesise; others are wrong. */
  private static RuntimeException unsupportedType(String param, String type, String... known) {
    if (List.of(known).contains(type)) {
      return Params.unsupported(param, "Unsupported value for '" + param + "': the simulator synthesises calls of "
          + "'function' tools only, not '" + type + "'.");
    }
    return Params.invalidValue(param, "Invalid value for '" + param + "': '" + type + "'. Supported values are: "
        + "'function', '" + String.join("', '", known) + "'.");
  }
}
