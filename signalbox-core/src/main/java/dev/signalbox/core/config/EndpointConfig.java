package dev.signalbox.core.config;

import java.net.URI;
import java.util.Locale;

/**
 * One replica of a model: a URL of an OpenAI-compatible server, or a simulated replica that the
 * launcher starts in-process and then gives a URL.
 *
 * @param url base URL, e.g. {@code http://10.0.0.5:8000} (null until a simulated one is started)
 * @param upstreamModel the model name the server expects, when it differs from ours (or null)
 * @param apiKey sent as a bearer token (or null)
 * @param simulated the simulated replica's settings, which the simulator reads (or null for a real server)
 */
public record EndpointConfig(String url, String upstreamModel, Secret apiKey, SettingsNode simulated) {

  private static final Keys SIMULATED = SettingsProviders.keys("simulated",
      "a replica the launcher runs in-process; its keys are the simulator's (signalbox-sim, not on the class path)");

  static final Keys KEYS = Keys.of("one replica of the model: a real server (url) or a simulated one (simulated)")
      .key("url", "http:// or https:// URL", null,
          "base URL of an OpenAI-compatible server, e.g. https://api.openai.com (a trailing /v1 is dropped)")
      .key("upstream_model", "string", "(the model's name)", "the model name sent to the server, where it differs")
      .key("api_key", "printable ASCII", null,
          "sent as \"Authorization: Bearer KEY\"; write ${ENV_VAR} to read it from the environment")
      .mapping("simulated", "mapping", null, SIMULATED.doc(), SIMULATED);

  static EndpointConfig parse(ConfigNode n) {
    n.allowOnly(KEYS);
    boolean hasUrl = n.has("url");
    boolean isSimulated = n.has("simulated");
    if (hasUrl == isSimulated) {
      throw n.problem("give exactly one of 'url' (a real server) or 'simulated' (a simulated replica)");
    }
    String url = null;
    if (hasUrl) {
      String written = n.string("url");
      String problem = urlProblem(written);
      if (problem != null) {
        n.get("url").report(problem);
      }
      url = stripSlash(written);
    }
    ConfigNode sim = n.get("simulated");
    SettingsNode simulated = isSimulated ? sim.attempt(() -> SettingsProviders.read("simulated", sim), null) : null;
    String key = n.string("api_key", null);
    if (key != null) {
      n.get("api_key").check(key, k -> !k.isEmpty() && k.chars().allMatch(c -> c > ' ' && c < 127),
          "must be printable ASCII without spaces (it is sent in the authorization header)");
    }
    return new EndpointConfig(
        url, n.string("upstream_model", null), key == null ? null : new Secret(key), simulated);
  }

  /** The same endpoint at a URL (for a simulated replica once it listens). */
  public EndpointConfig withUrl(String newUrl) {
    return new EndpointConfig(stripSlash(newUrl), upstreamModel, apiKey, simulated);
  }

  public boolean isSimulated() {
    return simulated != null;
  }

  /** What is wrong with an endpoint URL, or null. */
  private static String urlProblem(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return "not a valid URL: " + url;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "URL must start with http:// or https://, got " + url;
    }
    if (uri.getHost() == null) {
      return "URL has no host: " + url;
    }
    if (uri.getRawUserInfo() != null) {
      return "URL must not carry credentials (user:password@); give the key as api_key: ${ENV_VAR}";
    }
    return null;
  }

  private static String stripSlash(String url) {
    String u = url;
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    if (u.endsWith("/v1")) {
      u = u.substring(0, u.length() - 3);
    }
    return u;
  }
}
