package dev.signalbox.gateway.proxy;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Finds the token usage in a response as it passes through, without parsing or holding the body:
 * it keeps the last few kilobytes, where OpenAI puts {@code usage} (the end of a JSON body, or the
 * last chunk of a stream with {@code include_usage}), and reads the counts at the end.
 */
final class UsageSniffer {
  private static final int KEEP = 4096;
  private Buffer tail = Buffer.buffer(KEEP);

  void accept(Buffer chunk) {
    if (chunk.length() >= KEEP) {
      tail = chunk.getBuffer(chunk.length() - KEEP, chunk.length());
      return;
    }
    tail.appendBuffer(chunk);
    if (tail.length() > 2 * KEEP) {
      tail = tail.getBuffer(tail.length() - KEEP, tail.length());
    }
  }

  /** The counts {prompt, completion} of the last usage object seen, or null if there was none. */
  long[] usage() {
    String s = tail.toString(StandardCharsets.ISO_8859_1);
    int at = s.length();
    while ((at = s.lastIndexOf("\"usage\"", at - 1)) >= 0) {
      int i = skipSpace(s, at + 7);
      if (i < s.length() && s.charAt(i) == ':') {
        i = skipSpace(s, i + 1);
        if (i < s.length() && s.charAt(i) == '{') {
          int end = s.indexOf('}', i);
          if (end > 0) {
            String obj = s.substring(i, end);
            long prompt = number(obj, "\"prompt_tokens\"");
            long completion = number(obj, "\"completion_tokens\"");
            if (prompt >= 0) {
              return new long[] {prompt, Math.max(completion, 0)};
            }
          }
        }
      }
      if (at == 0) {
        break;
      }
    }
    return null;
  }

  private static long number(String obj, String key) {
    int k = obj.indexOf(key);
    if (k < 0) {
      return -1;
    }
    int i = skipSpace(obj, k + key.length());
    if (i >= obj.length() || obj.charAt(i) != ':') {
      return -1;
    }
    i = skipSpace(obj, i + 1);
    long n = 0;
    int start = i;
    while (i < obj.length() && Character.isDigit(obj.charAt(i))) {
      n = n * 10 + (obj.charAt(i) - '0');
      i++;
    }
    return i == start ? -1 : n;
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
