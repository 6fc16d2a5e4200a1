package dev.signalbox.openai;

import com.openai.core.http.Headers;
import com.openai.core.http.HttpResponse;
import dev.signalbox.core.RoutedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The answers {@link SignalboxHttpClient} gives the SDK. */
abstract sealed class LocalResponse implements HttpResponse {
  private final int status;
  private final Headers headers;

  private LocalResponse(int status, Map<String, List<String>> upstreamHeaders, Map<String, String> signalboxHeaders) {
    this.status = status;
    this.headers = headers(upstreamHeaders, signalboxHeaders);
  }

  @Override
  public int statusCode() {
    return status;
  }

  @Override
  public Headers headers() {
    return headers;
  }

  /** An answer made here (an error in OpenAI's format, the model list). */
  static LocalResponse error(int status, String json, Map<String, String> signalboxHeaders) {
    return json(status, json, signalboxHeaders);
  }

  static LocalResponse json(int status, String json, Map<String, String> signalboxHeaders) {
    return new Whole(status, Map.of("content-type", List.of("application/json")), signalboxHeaders,
        json.getBytes(StandardCharsets.UTF_8));
  }

  private static Headers headers(Map<String, List<String>> upstream, Map<String, String> signalbox) {
    Headers.Builder b = Headers.builder();
    upstream.forEach((name, values) -> {
      if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
          && !name.startsWith(":")) {
        b.put(name, values);
      }
    });
    signalbox.forEach(b::replace);
    return b.build();
  }

  /** A whole answer, held in memory (JSON answers are, to retry one cut short). */
  static final class Whole extends LocalResponse {
    private final byte[] body;

    Whole(int status, Map<String, List<String>> upstreamHeaders, Map<String, String> signalboxHeaders, byte[] body) {
      super(status, upstreamHeaders, signalboxHeaders);
      this.body = body;
    }

    @Override
    public InputStream body() {
      return new ByteArrayInputStream(body);
    }

    @Override
    public void close() {}
  }

  /**
   * A streamed answer, read by the SDK as it comes; its usage is read from the events on the way,
   * and the request is finished (and reported) when the stream ends or is closed.
   */
  static final class Streamed extends LocalResponse {
    private final Usage.EventReader body;

    Streamed(java.net.http.HttpResponse<InputStream> answer, Map<String, String> signalboxHeaders, RoutedRequest call) {
      super(answer.statusCode(), answer.headers().map(), signalboxHeaders);
      this.body = new Usage.EventReader(answer.body(), (usage, broken) -> {
        if (broken != null) {
          call.brokeMidAnswer(broken);
        }
        call.finish(broken == null ? answer.statusCode() : 502, usage[0], usage[1]);
      });
    }

    @Override
    public InputStream body() {
      return body;
    }

    @Override
    public void close() {
      try {
        body.close();
      } catch (IOException e) {
        // the request is finished either way
      }
    }
  }
}
