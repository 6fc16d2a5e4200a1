package dev.signalbox.report.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlugsTest {

  @Test
  void modelNamesFromTheData_stayReadable() {
    assertThat(Slugs.of("zero-one-ai/Yi-34B-Chat")).isEqualTo("zero-one-ai-yi-34b-chat");
    assertThat(Slugs.of("gpt-4-1106-preview")).isEqualTo("gpt-4-1106-preview");
    assertThat(Slugs.of("WizardLM/WizardLM-13B-V1.2")).isEqualTo("wizardlm-wizardlm-13b-v1.2");
    assertThat(Slugs.of("meta/code-llama-instruct-34b-chat")).isEqualTo("meta-code-llama-instruct-34b-chat");
    assertThat(Slugs.of("mistralai/Mixtral-8x7B-Instruct-v0.1")).isEqualTo("mistralai-mixtral-8x7b-instruct-v0.1");
  }

  @Test
  void driftSpecsAndTasks_becomeCleanNames() {
    assertThat(Slugs.of("add:best@30%")).isEqualTo("add-best-30pct");
    assertThat(Slugs.of("quality:best=0@30%")).isEqualTo("quality-best-0-30pct");
    assertThat(Slugs.of("price:best*20@30%")).isEqualTo("price-best-x20-30pct");
    assertThat(Slugs.of("add:zero-one-ai/Yi-34B-Chat@300;remove:claude-v1@300"))
        .isEqualTo("add-zero-one-ai-yi-34b-chat-300-remove-claude-v1-300");
    assertThat(Slugs.of("arc_challenge")).isEqualTo("arc-challenge");
    assertThat(Slugs.of("Café au lait")).isEqualTo("cafe-au-lait");
  }

  @Test
  void slugs_haveNoDoubledOrTrailingPunctuation() {
    for (String s : List.of("a__b", "(x) ", "..v1..2..", "--x--", "a/./b", "end.",
        "add:best@30% (best = zero-one-ai/Yi-34B-Chat)")) {
      assertThat(Slugs.of(s)).as(s).matches("[a-z0-9]+([-.][a-z0-9]+)*");
    }
    assertThat(Slugs.of("???")).isEqualTo("unnamed");
  }

  @Test
  void unique_isDeterministic_andSuffixesCollisions() {
    List<String> texts = List.of("a_b", "a-b", "A B", "c");
    assertThat(Slugs.unique(texts)).containsExactly("a-b", "a-b-2", "a-b-3", "c");
    assertThat(Slugs.unique(texts)).isEqualTo(Slugs.unique(texts));
  }
}
