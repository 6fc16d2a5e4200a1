package dev.signalbox.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.core.api.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;

/**
 * An OpenAI-like upstream that misbehaves on request, in the style of the security probe's
 * mock.py: raw sockets on loopback, one thread per connection, the behaviour picked by the
 * request's {@code model} (the endpoint's {@code upstream_model}). {@code echo} answers with the
 * last user message, so a test can tell whose answer a client received.
 */
final class MisbehavingUpstream implements AutoCloseable {
  /** A request as it arrived: its head lines and body. */
  record Received(String requestLine, Map<String, String> headers, String body) {}

  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  MisbehavingUpstream() throws IOException {
    server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "misbehaving-upstream");
    accept.setDaemon(true);
    accept.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** A config model that reaches this upstream with {@code mode} as its upstream model. */
  String model(String name, String mode) {
    return "  - name: " + name + "\n    input_price: 1\n    output_price: 1\n    endpoints:\n      - url: " + url()
        + "\n        upstream_model: \"" + mode + "\"\n        api_key: sk-gateway-SECRET-0123456789\n";
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        sockets.add(s);
        Thread t = new Thread(() -> serve(s), "misbehaving-upstream-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      while (!closed) {
        Received r = read(in);
        if (r == null) {
          return;
        }
        received.add(r);
        if (r.requestLine.startsWith("GET")) {
          write(out, "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}");
          continue;
        }
        JsonNode body = Json.MAPPER.readTree(r.body);
        if (!answer(body.path("model").asText(), body, r, out)) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // the gateway went away
    }
  }

  /** Answers one request; false closes the connection. */
  private boolean answer(String mode, JsonNode body, Received r, OutputStream out)
      throws IOException, InterruptedException {
    String auth = r.headers.getOrDefault("authorization", "");
    switch (mode) {
      case "echo" -> write(out, json(200, completion(lastUserText(body))));
      case "early103" -> {
        write(out, "HTTP/1.1 103 Early Hints\r\nlink: </style.css>; rel=preload\r\n\r\n");
        Thread.sleep(150);
        write(out, json(200, completion("final-200")));
      }
      case "continue100" -> {
        write(out, "HTTP/1.1 100 Continue\r\n\r\n");
        Thread.sleep(50);
        write(out, json(200, completion("after-100")));
      }
      case "upgrade101" -> {
        write(out, "HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: upgrade\r\n\r\n"
            + "\u0081\u0005hello garbage after the switch");
        Thread.sleep(300);
        return false;
      }
      case "extra" -> {
        String injected = completion("INJECTED ANSWER FROM EXTRA BYTES");
        write(out, json(200, completion("extra-owner")) + "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
            + "content-length: " + injected.length() + "\r\n\r\n" + injected);
      }
      case "sse_late_end" -> { // the last event, then the end of the body only 300 ms later
        write(out, "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n");
        for (String event : new String[] {
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n",
            "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}\n\n",
            "data: [DONE]\n\n"}) {
          write(out, Integer.toHexString(event.length()) + "\r\n" + event + "\r\n");
        }
        Thread.sleep(300);
        write(out, "0\r\n\r\n");
      }
      case "extra_partial" -> write(out, json(200, completion("partial-owner")) + "HTTP/1.1 200 OK\r\ncont");
      case "unsolicited" -> {
        write(out, json(200, completion("unsolicited-owner")));
        Thread.sleep(100);
        write(out, json(200, completion("UNSOLICITED ANSWER")));
      }
      case "gzip" -> {
        byte[] zipped = gzip(completion("compressed"));
        out.write(("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: gzip\r\ncontent-length: "
            + zipped.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(zipped);
        out.flush();
      }
      case "redirect" -> write(out, "HTTP/1.1 302 Found\r\nlocation: http://elsewhere.example/v1/chat/completions\r\n"
          + "content-type: application/json\r\ncontent-length: 14\r\n\r\n{\"moved\":true}");
      case "401", "403" -> write(out, json(Integer.parseInt(mode),
          "{\"error\":{\"message\":\"Incorrect API key provided: " + auth + "\",\"type\":\"invalid_request_error\"}}"));
      case "html" -> {
        String page = "<html><body>Please log in to the captive portal</body></html>";
        write(out, "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: " + page.length() + "\r\n\r\n" + page);
      }
      case "err500_echo_auth" -> write(out, json(500,
          "{\"error\":{\"message\":\"internal error; request had " + auth + "\"}}"));
      case "err400_echo_auth" -> write(out, json(400,
          "{\"error\":{\"message\":\"bad request with " + auth + "\",\"type\":\"invalid_request_error\"}}"));
      default -> {
        if (mode.startsWith("big:")) {
          int size = Integer.parseInt(mode.substring(4));
          write(out, json(200, completion("x".repeat(size))));
        } else {
          write(out, json(400, "{\"error\":{\"message\":\"unknown mode " + mode + "\"}}"));
        }
      }
    }
    return true;
  }

  static String completion(String content) {
    return "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":" + Json.quote(content) + "},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}";
  }

  private static String json(int status, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return "HTTP/1.1 " + status + " X\r\ncontent-type: application/json\r\ncontent-length: " + bytes.length + "\r\n\r\n"
        + body;
  }

  private static String lastUserText(JsonNode body) {
    JsonNode messages = body.path("messages");
    return messages.isEmpty() ? "" : messages.get(messages.size() - 1).path("content").asText();
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
      z.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  /** Reads one request (head and Content-Length body); null at the end of the stream. */
  private static Received read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == '\r' || b == '\n') && (matched % 2 == 0 ? b == '\r' : b == '\n') ? matched + 1 : 0;
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Received(lines[0], headers, new String(body, StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
