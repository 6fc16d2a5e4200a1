package dev.signalbox.gateway.proxy;

import io.vertx.core.buffer.Buffer;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Text that came from an upstream on its way into client errors, decision records, events and
 * logs: cut short, and scrubbed of the gateway's own credentials (an upstream may echo the key it
 * was sent) and of anything that looks like a bearer token or an API key.
 */
public final class UpstreamText {
  /** The longest upstream text copied anywhere. */
  static final int MAX_CHARS = 200;
  private static final Pattern TOKENS = Pattern.compile(
      "(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{6,}|\\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}|\\b(api[_-]?key[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',}]{6,}");

  private final List<String> secrets;

  /** Scrubs these secrets (the endpoints' API keys) wherever they appear. */
  public UpstreamText(List<String> secrets) {
    this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).distinct().toList();
  }

  /** The error message an upstream answer body carries (its JSON {@code message}, else its text), safe to copy. */
  String errorMessage(Buffer body) {
    String s = body.toString(StandardCharsets.UTF_8).trim();
    int m = s.indexOf("\"message\"");
    if (m >= 0) {
      int q1 = s.indexOf('"', s.indexOf(':', m) + 1);
      int q2 = q1 < 0 ? -1 : s.indexOf('"', q1 + 1);
      if (q1 >= 0 && q2 > q1) {
        s = s.substring(q1 + 1, q2);
      }
    }
    return safe(s);
  }

  /** Any upstream text, cut to {@link #MAX_CHARS} and scrubbed. */
  public String safe(String text) {
    String s = scrubbed(text);
    s = TOKENS.matcher(s).replaceAll(r -> r.group(1) != null ? "$1[redacted]"
        : r.group(2) != null ? r.group(2) + "-[redacted]" : "$3[redacted]");
    s = s.replaceAll("[\\p{Cntrl}&&[^\\t]]+", " ");
    return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) + "…" : s;
  }

  /** A body relayed to the client with the gateway's own secrets replaced (the same body when it has none). */
  Buffer relayed(Buffer body) {
    if (secrets.isEmpty()) {
      return body;
    }
    String s = body.toString(StandardCharsets.UTF_8);
    String out = scrubbed(s);
    return out == s ? body : Buffer.buffer(out);
  }

  private String scrubbed(String s) {
    String out = s;
    for (String secret : secrets) {
      if (out.contains(secret)) {
        out = out.replace(secret, "[redacted]");
      }
    }
    return out;
  }

  /** What went wrong with a connection, in a few words. */
  static String describe(Throwable t) {
    if (t instanceof ConnectException) {
      return "connection refused";
    }
    if (t instanceof TimeoutException) {
      return "timed out: " + t.getMessage();
    }
    String msg = t.getMessage();
    return msg == null ? t.getClass().getSimpleName() : msg;
  }
}
