package dev.signalbox.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.api.Json;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WrkAndReportTest {

  @Test
  void script_sendsTheTargetsRequestAndPrintsOneJsonLine() {
    Target sbx = new Target(Target.SIGNALBOX, 9001, 9000);
    String lua = Wrk.script(sbx, Load.STREAM_C1);
    assertThat(lua).contains("wrk.method = \"POST\"")
        .contains("wrk.body = '{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}],\"stream\":true}'")
        .contains("wrk.headers[\"x-portkey-custom-host\"] = \"http://127.0.0.1:9000/v1\"")
        .contains("latency:percentile(99)");
    assertThat(new Target(Target.NGINX, 9002, 9000).path(Load.PACED_C64)).isEqualTo("/paced/v1/chat/completions");
    assertThat(new Target(Target.PORTKEY, 9003, 9000).headers(Load.PACED_C64))
        .containsEntry("x-portkey-custom-host", "http://127.0.0.1:9000/paced/v1");
    assertThat(sbx.body(Load.PACED_C64)).contains("\"model\":\"paced\"");
  }

  @Test
  void parse_readsTheMarkedLine() throws Exception {
    String out = "Running 5s test @ http://127.0.0.1:1/v1/chat/completions\n"
        + "WRKJSON {\"requests\":5000,\"duration_us\":5000000,\"socket_errors\":1,\"non2xx\":2,\"p50\":95,\"p99\":410}\n";
    Wrk.Result r = Wrk.parse(out, Path.of("x"));
    assertThat(r.rps()).isEqualTo(1000.0);
    assertThat(r.errors()).isEqualTo(3);
    assertThat(r.p50Us()).isEqualTo(95);
    assertThat(r.p99Us()).isEqualTo(410);
  }

  @Test
  void results_haveTheIssuesShapeAndTheTableHasRatios() throws Exception {
    Map<String, Map<Load, LoadStats>> stats = new LinkedHashMap<>();
    stats.put(Target.DIRECT, loads(20_000, 20, 100, 25));
    stats.put(Target.NGINX, loads(10_000, 70, 300, 80));
    stats.put(Target.PORTKEY, loads(600, 1_100, 9_000, 28_000));
    stats.put(Target.SIGNALBOX, loads(9_000, 90, 400, 100));
    BenchReport report = new BenchReport(stats, Map.of(Target.NGINX, 10_240L, Target.SIGNALBOX, 174_080L));

    String json = Json.MAPPER.writeValueAsString(report.results());
    @SuppressWarnings("unchecked")
    Map<String, Object> parsed = Json.MAPPER.readValue(json, Map.class);
    assertThat(parsed.keySet()).containsExactly("targets");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Map<String, Object>>> targets = (Map<String, Map<String, Map<String, Object>>>) parsed.get("targets");
    Map<String, Map<String, Object>> sbx = targets.get(Target.SIGNALBOX);
    assertThat(sbx.keySet()).containsExactly("c1", "c64", "stream_c1");
    assertThat(sbx.get("c1").keySet()).containsExactly("rps", "p50_us", "p99_us", "ttfc_us", "rss_mb");
    assertThat(sbx.get("stream_c1").get("ttfc_us")).isEqualTo(100);
    assertThat(sbx.get("c1").get("ttfc_us")).isNull();

    assertThat(report.added(Target.SIGNALBOX, Load.C1, LoadStats::p50Us)).isEqualTo(70);
    String table = report.table();
    assertThat(table).contains("sbx ÷ nginx").contains("sbx ÷ portkey");
    assertThat(row(table, "c64 requests/s")).contains("0.900×").contains("15×");
    assertThat(row(table, "c1 added p50 µs")).contains("+70").contains("1.40×");
    assertThat(row(table, "peak RSS MB")).contains("170").contains("17×");
    assertThat(report.targets()).anySatisfy(l -> assertThat(l).startsWith("c64 requests/s >= 0.9x nginx").endsWith(" met"))
        .anySatisfy(l -> assertThat(l).startsWith("c1 added p50 <= 60 us").endsWith("NOT met"))
        .anySatisfy(l -> assertThat(l).startsWith("added first chunk p50 <= 100 us").contains("75 us").endsWith(" met"));
  }

  @Test
  void stats_preferQuietRuns() {
    LoadStats s = new LoadStats();
    s.addWrk(new Wrk.Result(5_000, 1, 0, 900, 9_000), 100, 0, 60);   // busy
    s.addWrk(new Wrk.Result(40_000, 1, 0, 100, 400), 100, 0, 2);     // quiet
    s.addWrk(new Wrk.Result(6_000, 1, 0, 800, 8_000), 100, 0, 45);   // busy
    assertThat(s.rps()).isEqualTo(40_000.0);
    assertThat(s.p50Us()).isEqualTo(100);
    assertThat(s.quiet()).isTrue();

    LoadStats busy = new LoadStats();
    busy.addWrk(new Wrk.Result(5_000, 1, 0, 900, 9_000), 100, 0, 60);
    busy.addWrk(new Wrk.Result(7_000, 1, 0, 700, 7_000), 100, 0, 30);
    busy.addWrk(new Wrk.Result(6_000, 1, 0, 800, 8_000), 100, 0, 45);
    assertThat(busy.rps()).isEqualTo(6_000.0);
    assertThat(busy.quiet()).isFalse();
  }

  private static String row(String table, String label) {
    return table.lines().filter(l -> l.startsWith("| " + label)).findFirst().orElseThrow();
  }

  private static Map<Load, LoadStats> loads(double rps, long p50, long p99, long ttfc) {
    Map<Load, LoadStats> m = new EnumMap<>(Load.class);
    for (Load load : List.of(Load.C1, Load.C64, Load.STREAM_C1, Load.PACED_C64)) {
      LoadStats s = new LoadStats();
      s.addWrk(new Wrk.Result((long) rps * 5, 5, 0, p50, p99), 100, 100 * 1024, 1.0);
      if (load.probe) {
        s.addProbe(new FirstChunkProbe.Result(ttfc, ttfc * 2, p50, p99, -1, 0), 100 * 1024, 1.0);
      }
      m.put(load, s);
    }
    return m;
  }
}
