package dev.signalbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.BiConsumer;

/** Token usage (and error messages) read from OpenAI answers. */
final class Usage {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long[] NONE = {-1, -1};

  private Usage() {}

  /** {prompt tokens, completion tokens} of a JSON answer; -1 each when it has no usage. */
  static long[] ofJson(byte[] body) {
    try {
      return of(JSON.readTree(body));
    } catch (IOException e) {
      return NONE;
    }
  }

  /** The {@code error.message} of an error answer, or null. */
  static String errorMessage(byte[] body) {
    try {
      JsonNode message = JSON.readTree(body).path("error").path("message");
      return message.isTextual() ? message.asText() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static long[] of(JsonNode answer) {
    JsonNode usage = answer == null ? null : answer.get("usage");
    if (usage == null || !usage.isObject()) {
      return NONE;
    }
    return new long[] {usage.path("prompt_tokens").asLong(-1), usage.path("completion_tokens").asLong(0)};
  }

  /**
   * A server-sent event stream passed through as read, noting the last {@code usage} its {@code
   * data:} lines carry; at its end (or a break, or close) {@code onEnd} hears the usage and, for a
   * break, why.
   */
  static final class EventReader extends FilterInputStream {
    private static final int MAX_LINE = 1 << 20;
    private final BiConsumer<long[], String> onEnd;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long[] usage = NONE;
    private boolean ended;

    EventReader(InputStream in, BiConsumer<long[], String> onEnd) {
      super(in);
      this.onEnd = onEnd;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = super.read(b, off, len);
      } catch (IOException e) {
        end("the stream broke: " + e.getMessage());
        throw e;
      }
      if (n < 0) {
        end(null);
        return n;
      }
      for (int i = off; i < off + n; i++) {
        if (b[i] == '\n') {
          lineEnded();
        } else if (line.size() < MAX_LINE) {
          line.write(b[i]);
        }
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        end(null);
      }
    }

    private void lineEnded() {
      byte[] bytes = line.toByteArray();
      line.reset();
      String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      if (text.startsWith("data:") && text.contains("\"usage\"")) {
        try {
          long[] found = of(JSON.readTree(text.substring(5).trim()));
          if (!Arrays.equals(found, NONE)) {
            usage = found;
          }
        } catch (IOException e) {
          // not JSON: no usage in it
        }
      }
    }

    private void end(String broken) {
      if (!ended) {
        ended = true;
        onEnd.accept(usage, broken);
      }
    }
  }
}
