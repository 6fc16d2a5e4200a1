package dev.signalbox.learn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LexicalTest {

  @Test
  void formatFeatures() {
    float[] mc = Lexical.of("Which is a metal?\nA. iron\nB. wood\nC. glass\nD. air\nAnswer:");
    assertThat(mc[6]).as("options").isEqualTo(1f);
    assertThat(mc[9]).as("ends with a colon").isEqualTo(1f);
    assertThat(mc[1]).as("CJK share").isZero();
    float[] zh = Lexical.of("运行中变压器温度最高的部分是");
    assertThat(zh[1]).isEqualTo(1f);
    float[] code = Lexical.of("def add(a, b):\n    return a + b");
    assertThat(code[7]).as("code").isEqualTo(1f);
    assertThat(Lexical.of("")).containsOnly(0f).hasSize(Lexical.SIZE);
    assertThat(Lexical.of("What is 2 + 2?")[10]).as("ends with a question mark").isEqualTo(1f);
  }
}
