package dev.signalbox.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class UsageSnifferTest {

  @Test
  void usage_foundAtTheEndOfAJsonBody() {
    UsageSniffer s = new UsageSniffer();
    s.accept(Buffer.buffer("{\"id\":\"x\",\"choices\":[{\"message\":{\"content\":\"" + "w ".repeat(5000) + "\"}}],"));
    s.accept(Buffer.buffer("\"usage\": {\"prompt_tokens\": 12, \"completion_tokens\": 34, \"total_tokens\": 46}}"));
    assertThat(s.usage()).containsExactly(12, 34);
  }

  @Test
  void usage_takesTheLastRealUsageOfAStream() {
    UsageSniffer s = new UsageSniffer();
    for (int i = 0; i < 50; i++) {
      s.accept(Buffer.buffer("data: {\"choices\":[{\"delta\":{\"content\":\"w\"}}],\"usage\":null}\n\n"));
    }
    s.accept(Buffer.buffer("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":50,\"total_tokens\":57}}\n\n"));
    s.accept(Buffer.buffer("data: [DONE]\n\n"));
    assertThat(s.usage()).containsExactly(7, 50);
  }

  @Test
  void usage_ofEmbeddingsHasNoCompletionTokens() {
    UsageSniffer s = new UsageSniffer();
    s.accept(Buffer.buffer("{\"data\":[],\"usage\":{\"prompt_tokens\":9,\"total_tokens\":9}}"));
    assertThat(s.usage()).containsExactly(9, 0);
  }

  @Test
  void usage_absentWhenNotReported() {
    UsageSniffer s = new UsageSniffer();
    s.accept(Buffer.buffer("data: {\"choices\":[{\"delta\":{\"content\":\"w\"}}],\"usage\":null}\n\ndata: [DONE]\n\n"));
    assertThat(s.usage()).isNull();
  }

  @Test
  void usage_inABigChunkFollowedByASmallOne() {
    UsageSniffer s = new UsageSniffer();
    s.accept(Buffer.buffer("data: {\"choices\":[{\"delta\":{\"content\":\"" + "w".repeat(9000) + "\"}}],"
        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}\n\n"));
    s.accept(Buffer.buffer("data: [DONE]\n\n"));
    assertThat(s.usage()).containsExactly(3, 4);
  }

  @Test
  void usage_splitAcrossChunks() {
    UsageSniffer s = new UsageSniffer();
    s.accept(Buffer.buffer("{\"choices\":[],\"usa"));
    s.accept(Buffer.buffer("ge\":{\"prompt_tok"));
    s.accept(Buffer.buffer("ens\":5,\"completion_tokens\":6}}"));
    assertThat(s.usage()).containsExactly(5, 6);
  }

  @Test
  void usage_nothingSeen() {
    assertThat(new UsageSniffer().usage()).isNull();
  }
}
