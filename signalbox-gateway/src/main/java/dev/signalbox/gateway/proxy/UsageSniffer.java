package dev.signalbox.gateway.proxy;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;

/**
 * Finds the token usage in a response as it passes through, without parsing or copying the body
 * on the way: it keeps references to the last chunks covering a few kilobytes, where OpenAI puts
 * {@code usage} (the end of a JSON body, or the last chunk of a stream with
 * {@code include_usage}), and reads the counts once at the end. A one-chunk JSON answer costs no
 * allocation until then.
 */
final class UsageSniffer {
  private static final int KEEP = 4096;
  private static final byte[] USAGE = "\"usage\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private Buffer last;
  /** Older chunks still within the last KEEP bytes, oldest first; created on a second chunk. */
  private ArrayDeque<Buffer> earlier;
  private int earlierBytes;

  void accept(Buffer chunk) {
    if (last != null) {
      if (earlier == null) {
        earlier = new ArrayDeque<>();
      }
      earlier.addLast(last);
      earlierBytes += last.length();
    }
    last = chunk;
    // drop the oldest chunk while the rest still covers KEEP bytes
    while (earlier != null && !earlier.isEmpty()
        && earlierBytes - earlier.peekFirst().length() + chunk.length() >= KEEP) {
      earlierBytes -= earlier.pollFirst().length();
    }
  }

  /** The counts {prompt, completion} of the last usage object seen, or null if there was none. */
  long[] usage() {
    byte[] s = tail();
    for (int at = lastIndexOf(s, USAGE, s.length - USAGE.length); at >= 0; at = lastIndexOf(s, USAGE, at - 1)) {
      int i = skipSpace(s, at + USAGE.length);
      if (i < s.length && s[i] == ':') {
        i = skipSpace(s, i + 1);
        if (i < s.length && s[i] == '{') {
          int end = indexOf(s, (byte) '}', i);
          if (end > 0) {
            long prompt = number(s, i, end, "\"prompt_tokens\"");
            long completion = number(s, i, end, "\"completion_tokens\"");
            if (prompt >= 0) {
              return new long[] {prompt, Math.max(completion, 0)};
            }
          }
        }
      }
    }
    return null;
  }

  /** The last KEEP bytes seen (fewer if the response was shorter), in order. */
  private byte[] tail() {
    if (last == null) {
      return new byte[0];
    }
    int total = earlierBytes + last.length();
    byte[] out = new byte[Math.min(total, KEEP)];
    int skip = total - out.length;
    int at = 0;
    if (earlier != null) {
      for (Buffer b : earlier) {
        at += copy(b, skip, out, at);
        skip = Math.max(0, skip - b.length());
      }
    }
    copy(last, skip, out, at);
    return out;
  }

  /** Copies {@code b} but its first {@code skip} bytes into {@code out} at {@code at}; returns how many. */
  private static int copy(Buffer b, int skip, byte[] out, int at) {
    if (skip >= b.length()) {
      return 0;
    }
    int n = b.length() - skip;
    b.getBytes(skip, b.length(), out, at);
    return n;
  }

  private static int lastIndexOf(byte[] s, byte[] needle, int from) {
    outer:
    for (int i = Math.min(from, s.length - needle.length); i >= 0; i--) {
      for (int j = 0; j < needle.length; j++) {
        if (s[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static int indexOf(byte[] s, byte b, int from) {
    for (int i = from; i < s.length; i++) {
      if (s[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** The number after {@code key} inside {@code s[from, to)}, or -1. */
  private static long number(byte[] s, int from, int to, String key) {
    byte[] k = key.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int at = -1;
    outer:
    for (int i = from; i + k.length <= to; i++) {
      for (int j = 0; j < k.length; j++) {
        if (s[i + j] != k[j]) {
          continue outer;
        }
      }
      at = i;
      break;
    }
    if (at < 0) {
      return -1;
    }
    int i = skipSpace(s, at + k.length);
    if (i >= to || s[i] != ':') {
      return -1;
    }
    i = skipSpace(s, i + 1);
    long n = 0;
    int start = i;
    while (i < to && s[i] >= '0' && s[i] <= '9') {
      n = n * 10 + (s[i] - '0');
      i++;
    }
    return i == start ? -1 : n;
  }

  private static int skipSpace(byte[] s, int i) {
    while (i < s.length && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static final byte[] DONE = "data: [DONE]".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Whether an SSE chunk ends with the stream's last event, {@code data: [DONE]}. */
  static boolean endsWithDone(Buffer chunk) {
    int end = chunk.length();
    while (end > 0 && (chunk.getByte(end - 1) == '\n' || chunk.getByte(end - 1) == '\r')) {
      end--;
    }
    if (end < DONE.length) {
      return false;
    }
    for (int i = 0; i < DONE.length; i++) {
      if (chunk.getByte(end - DONE.length + i) != DONE[i]) {
        return false;
      }
    }
    return true;
  }
}
