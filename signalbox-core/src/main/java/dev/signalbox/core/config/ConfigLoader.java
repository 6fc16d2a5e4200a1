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
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a YAML configuration: parses it, replaces {@code ${NAME}} and {@code ${NAME:-default}}
 * with environment variables in string values, and validates it into a {@link SignalboxConfig}.
 * {@link #parse} stops at the first problem; {@link #check} and {@link #load} find them all.
 */
public final class ConfigLoader {
  /** The built-in configuration: an embedded simulated pool of three chat models and one embedder. */
  public static final String DEFAULT_RESOURCE = "/dev/signalbox/core/config/default.yaml";

  private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
  private static final YAMLMapper YAML =
      YAMLMapper.builder(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private ConfigLoader() {}

  /**
   * A configuration read in full.
   *
   * @param config the configuration, with placeholders where parts are broken (null when the text is
   *     not a configuration at all); use it only when there are no problems
   * @param problems every problem, in the order their keys appear in the file
   */
  public record Checked(SignalboxConfig config, List<ConfigException> problems) {
    public Checked {
      problems = List.copyOf(problems);
    }

    /** The configuration, or one exception listing every problem of {@code source}. */
    public SignalboxConfig orThrow(String source) {
      if (!problems.isEmpty()) {
        throw ConfigException.all(source, problems);
      }
      return config;
    }
  }

  /** Reads a configuration file, substituting from the process environment; fails listing every problem. */
  public static SignalboxConfig load(Path file) {
    return load(file, config -> {});
  }

  /**
   * Reads a configuration file and runs {@code verify} on it (building its routes, say, whose
   * problems are collected too); fails listing every problem.
   */
  public static SignalboxConfig load(Path file, Consumer<SignalboxConfig> verify) {
    return check(file, verify).orThrow(file.toString());
  }

  /** Reads a configuration file and {@code verify}s it, collecting every problem. */
  public static Checked check(Path file, Consumer<SignalboxConfig> verify) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return failed(new ConfigException("", "configuration file not found: " + file));
    } catch (IOException e) {
      return failed(new ConfigException("", "cannot read configuration file " + file + ": " + e.getMessage()));
    }
    return check(text, System.getenv()::get, verify);
  }

  /** Parses YAML text and {@code verify}s the result, collecting every problem. */
  public static Checked check(String yaml, Function<String, String> env, Consumer<SignalboxConfig> verify) {
    JsonNode tree;
    try {
      tree = yamlTree(yaml);
    } catch (ConfigException e) {
      return failed(e);
    }
    Problems problems = new Problems(tree);
    ConfigNode root = new ConfigNode(tree, "", problems, null);
    substitute(tree, "", env, root);
    SignalboxConfig config = SignalboxConfig.parse(root);
    if (!config.models().isEmpty()) { // routes cannot be checked without models
      root.attempt(() -> {
        verify.accept(config);
        return null;
      }, null);
    }
    return new Checked(config, problems.inFileOrder());
  }

  private static Checked failed(ConfigException problem) {
    return new Checked(null, List.of(problem));
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
    JsonNode root = yamlTree(yaml);
    substitute(root, "", env, new ConfigNode(root, ""));
    return root;
  }

  private static JsonNode yamlTree(String yaml) {
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
    return root;
  }

  /** Expands variables in every string of the tree; a variable that is not set is reported at {@code at}. */
  private static void substitute(JsonNode node, String path, Function<String, String> env, ConfigNode at) {
    if (node instanceof ObjectNode obj) {
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        JsonNode child = field.getValue();
        if (child.isTextual()) {
          field.setValue(new TextNode(expanded(child.asText(), childPath, env, at)));
        } else {
          substitute(child, childPath, env, at);
        }
      }
    } else if (node instanceof ArrayNode arr) {
      for (int i = 0; i < arr.size(); i++) {
        String childPath = path + "[" + i + "]";
        JsonNode child = arr.get(i);
        if (child.isTextual()) {
          arr.set(i, new TextNode(expanded(child.asText(), childPath, env, at)));
        } else {
          substitute(child, childPath, env, at);
        }
      }
    }
  }

  private static String expanded(String value, String path, Function<String, String> env, ConfigNode at) {
    try {
      return expand(value, path, env);
    } catch (ConfigException e) {
      at.report(e);
      return value;
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
