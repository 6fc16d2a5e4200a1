package dev.signalbox.bench.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One system under test and how a request to it looks. Every target gets the same request but
 * for what it needs to reach the mock: Signalbox gets {@code "model":"auto"} (its rules route
 * decides), Portkey its provider headers (sent to all, so requests are the same size).
 *
 * @param name as in {@code results.json}: direct, nginx, portkey, signalbox
 * @param port where it listens on 127.0.0.1
 * @param mockPort where the mock upstream listens
 */
record Target(String name, int port, int mockPort) {
  static final String DIRECT = "direct";
  static final String NGINX = "nginx";
  static final String PORTKEY = "portkey";
  static final String SIGNALBOX = "signalbox";

  private static final String PROMPT = "Say hello";

  /** The request path for a load. */
  String path(Load load) {
    boolean prefixed = load.paced && (name.equals(DIRECT) || name.equals(NGINX));
    return (prefixed ? MockUpstream.PACED_PREFIX : "") + "/v1/chat/completions";
  }

  /** The JSON body for a load. */
  String body(Load load) {
    String model = name.equals(SIGNALBOX) ? (load.paced ? "paced" : "auto") : "mock-model";
    return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]"
        + (load.stream ? ",\"stream\":true" : "") + "}";
  }

  /** The headers besides Host and Content-Length. */
  Map<String, String> headers(Load load) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json");
    h.put("Authorization", "Bearer sk-dummy");
    h.put("x-portkey-provider", "openai");
    h.put("x-portkey-custom-host",
        "http://127.0.0.1:" + mockPort + (load.paced ? MockUpstream.PACED_PREFIX : "") + "/v1");
    return h;
  }

  String url(Load load) {
    return "http://127.0.0.1:" + port + path(load);
  }
}
