package dev.signalbox.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.eval.trace.TraceRecord;
import dev.signalbox.eval.trace.Traces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReadersTest {

  @Test
  void jsonl_promptOrMessages_onlyQualityRequired(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("trace.jsonl");
    Files.writeString(file, """
        {"id": "p1", "task": "qa", "prompt": "What is 2+2?", "models": {"a": {"quality": 1, "cost": 0.001, "output_tokens": 3}, "b": {"quality": 0}}, "split": "train"}

        {"id": "p2", "messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hi"}], "models": {"a": {"quality": 0.5}, "b": {"quality": 1}}}
        """);
    List<TraceRecord> records = Traces.load(List.of(dir.toString()));
    assertThat(records).hasSize(2);
    assertThat(records.get(0).models().get("a").cost()).isEqualTo(0.001);
    assertThat(records.get(0).models().get("b").cost()).isNaN();
    assertThat(records.get(0).split()).isEqualTo("train");
    assertThat(records.get(1).task()).isEqualTo("all");
    assertThat(records.get(1).messages()).hasSize(2);
  }

  @Test
  void jsonl_errorsNameTheLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"id\": \"x\", \"prompt\": \"p\", \"models\": {\"a\": {\"quality\": 2}}}\n");
    assertThatThrownBy(() -> Traces.load(List.of(file.toString())))
        .hasMessageContaining("bad.jsonl:1").hasMessageContaining("models.a.quality must be in [0, 1]");
  }

  @Test
  void routerBenchCsv_quotedListPromptsResponseTokensAndDroppedIncompleteRows(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mbpp_test.csv");
    Files.writeString(file, ",sample_id,prompt,eval_name,m1,m2,m1|model_response,m2|model_response,m1|total_cost,m2|total_cost,oracle_model_to_route_to\n"
        + "0,mbpp.dev.1,\"['Write a \"\"fn\"\", please.\\nThanks']\",mbpp,1.0,0.0,['def f(): return 1'],y,0.002,0.0001,m1\n"
        + "1,mbpp.dev.2,['short'],mbpp,,1.0,x,y,0.002,0.0001,m2\n");
    List<TraceRecord> records = Traces.load(List.of(file.toString()));
    assertThat(records).hasSize(1);
    TraceRecord r = records.get(0);
    assertThat(r.messages().get(0).text()).isEqualTo("Write a \"fn\", please.\nThanks");
    assertThat(r.task()).isEqualTo("mbpp");
    assertThat(r.split()).isEqualTo("test");
    assertThat(r.models().get("m2").cost()).isEqualTo(0.0001);
    assertThat(r.models().get("m1").outputTokens()).isEqualTo(7); // def, f, (, ), :, return, 1
    assertThat(r.models().get("m2").outputTokens()).isEqualTo(1);
  }

  @Test
  void routerDcJson_accuracyReadingRules(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("mmlu_train.json"),
        "[{\"question\": \"Q1\", \"scores\": {\"a\": 0.73, \"b\": 0}, \"cluster_id\": 3}]");
    Files.writeString(dir.resolve("gsm8k-test.json"), "[{\"question\": \"Q2\", \"scores\": {\"a\": 0.3, \"b\": 1.0}}]");
    List<TraceRecord> records = Traces.load(List.of(dir + "/*.json"));
    TraceRecord gsm = records.get(0);
    TraceRecord mmlu = records.get(1);
    assertThat(gsm.task()).isEqualTo("gsm8k");
    assertThat(gsm.split()).isEqualTo("test");
    assertThat(gsm.models().get("a").quality()).isEqualTo(0.3);
    assertThat(mmlu.models().get("a").quality()).isEqualTo(1.0);
    assertThat(mmlu.models().get("b").quality()).isEqualTo(0.0);
    assertThat(mmlu.split()).isEqualTo("train");
  }
}
