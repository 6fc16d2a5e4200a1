package dev.signalbox.bench.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.core.api.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs wrk against a target with a generated Lua script that prints exact percentiles as JSON. */
final class Wrk {
  private static final String MARK = "WRKJSON ";

  /**
   * What one wrk run measured.
   *
   * @param requests completed requests
   * @param seconds how long it ran
   * @param errors socket errors (connect, read, write, timeout) plus non-2xx/3xx answers
   * @param p50Us median latency in microseconds
   * @param p99Us 99th percentile latency in microseconds
   */
  record Result(long requests, double seconds, long errors, long p50Us, long p99Us) {
    double rps() {
      return requests / seconds;
    }
  }

  private final Integer cpu;
  private final Path workDir;

  Wrk(Integer cpu, Path workDir) {
    this.cpu = cpu;
    this.workDir = workDir;
  }

  /** Runs one load against one target for {@code seconds}. */
  Result run(Target target, Load load, int connections, int seconds) throws IOException, InterruptedException {
    Path script = workDir.resolve("wrk-" + target.name() + "-" + load.key + ".lua");
    Files.writeString(script, script(target, load), StandardCharsets.UTF_8);
    Path out = workDir.resolve("wrk-" + target.name() + "-" + load.key + ".out");
    List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s",
        "--timeout", "5s", "-s", script.toString(), target.url(load)));
    try (BenchProcess wrk = BenchProcess.start("wrk", cpu, out, Map.of(), command)) {
      if (wrk.waitFor(seconds + 30L).isEmpty()) {
        throw new IOException("wrk did not finish; see " + out);
      }
    }
    return parse(Files.readString(out, StandardCharsets.UTF_8), out);
  }

  static Result parse(String output, Path source) throws IOException {
    for (String line : output.split("\n")) {
      if (line.startsWith(MARK)) {
        JsonNode n = Json.MAPPER.readTree(line.substring(MARK.length()));
        return new Result(n.get("requests").asLong(), n.get("duration_us").asLong() / 1e6,
            n.get("socket_errors").asLong() + n.get("non2xx").asLong(), n.get("p50").asLong(), n.get("p99").asLong());
      }
    }
    throw new IOException("wrk printed no result; see " + source + ":\n" + output);
  }

  /** A Lua script sending the target's request and printing the summary as one JSON line. */
  static String script(Target target, Load load) {
    StringBuilder lua = new StringBuilder();
    lua.append("wrk.method = \"POST\"\n");
    lua.append("wrk.body = '").append(target.body(load)).append("'\n");
    target.headers(load).forEach((k, v) -> lua.append("wrk.headers[\"").append(k).append("\"] = \"").append(v).append("\"\n"));
    lua.append("done = function(summary, latency, requests)\n")
        .append("  local e = summary.errors\n")
        .append("  io.write(string.format('" + MARK + "{\"requests\":%d,\"duration_us\":%d,\"socket_errors\":%d,"
            + "\"non2xx\":%d,\"p50\":%d,\"p99\":%d}\\n',\n")
        .append("    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,\n")
        .append("    latency:percentile(50), latency:percentile(99)))\n")
        .append("end\n");
    return lua.toString();
  }
}
