package dev.signalbox.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a YAML configuration: parses it, replaces {@code ${NAME}} and {@code ${NAME:-default}}
 * with environment variables in string values, and validates it into a {@link SignalboxConfig}.
 */
public final class ConfigLoader {
  /** The built-in configuration: an embedded simulated pool of three chat models and one embedder. */
  public static final String DEFAULT_RESOURCE = "/dev/signalbox/core/config/default.yaml";

  private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
  private static final YAMLMapper YAML =
      YAMLMapper.builder(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private ConfigLoader() {}

  /** Reads a configuration file, substituting from the process environment. */
  public static SignalboxConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("", "configuration file not found: " + file);
    } catch (IOException e) {
      throw new ConfigException("", "cannot read configuration file " + file + ": " + e.getMessage());
    }
    return parse(text, System.getenv()::get);
  }

  /** The built-in default configuration. */
  public static SignalboxConfig loadDefault() {
    return parse(defaultYaml(), System.getenv()::get);
  }

  /** The text of the built-in default configuration, as a starting point for users. */
  public static String defaultYaml() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses YAML text, substituting variables through {@code env} (null: not set). */
  public static SignalboxConfig parse(String yaml, Function<String, String> env) {
    return SignalboxConfig.parse(new ConfigNode(tree(yaml, env), ""));
  }

  /** Parses YAML text into a substituted tree without validating it. */
  public static JsonNode tree(String yaml, Function<String, String> env) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr();
      throw new ConfigException("", "not valid YAML" + where + ": " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new ConfigException("", "the configuration is empty");
    }
    if (!root.isObject()) {
      throw new ConfigException("", "the configuration must be a mapping of keys at the top level");
    }
    substitute(root, "", env);
    return root;
  }

  private static void substitute(JsonNode node, String path, Function<String, String> env) {
    if (node instanceof ObjectNode obj) {
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        JsonNode child = field.getValue();
        if (child.isTextual()) {
          field.setValue(new TextNode(expand(child.asText(), childPath, env)));
        } else {
          substitute(child, childPath, env);
        }
      }
    } else if (node instanceof ArrayNode arr) {
      for (int i = 0; i < arr.size(); i++) {
        String childPath = path + "[" + i + "]";
        JsonNode child = arr.get(i);
        if (child.isTextual()) {
          arr.set(i, new TextNode(expand(child.asText(), childPath, env)));
        } else {
          substitute(child, childPath, env);
        }
      }
    }
  }

  static String expand(String value, String path, Function<String, String> env) {
    if (value.indexOf("${") < 0) {
      return value;
    }
    Matcher m = ENV.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement = env.apply(name);
      if (replacement == null) {
        replacement = m.group(2);
      }
      if (replacement == null) {
        throw new ConfigException(path, "environment variable " + name + " is not set (write ${"
            + name + ":-default} to give a default)");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
