package dev.signalbox.core.request;

import java.util.Locale;

/** The OpenAI API operation a request asks for; each model declares which ones it serves. */
public enum Operation {
  CHAT("chat", "/v1/chat/completions"),
  COMPLETIONS("completions", "/v1/completions"),
  EMBEDDINGS("embeddings", "/v1/embeddings");

  private final String configName;
  private final String path;

  Operation(String configName, String path) {
    this.configName = configName;
    this.path = path;
  }

  /** The name used in configuration files, e.g. {@code chat}. */
  public String configName() {
    return configName;
  }

  /** The OpenAI API path of this operation, e.g. {@code /v1/chat/completions}. */
  public String path() {
    return path;
  }

  /** Parses a configuration name, or returns null if there is no such operation. */
  public static Operation fromConfigName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (Operation op : values()) {
      if (op.configName.equals(n)) {
        return op;
      }
    }
    return null;
  }
}
