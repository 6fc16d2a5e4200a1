package dev.signalbox.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PrefixBlocksTest {

  static PrefixBlocks tokens(int... ids) {
    return PrefixBlocks.ofTokens(ids, ids.length);
  }

  @Test
  void ofTokens_sharedPrefix_sharesLeadingHashesOnly() {
    int[] a = IntStream.range(0, 100).toArray();
    int[] b = IntStream.range(0, 100).map(i -> i < 40 ? i : -i).toArray();
    PrefixBlocks pa = PrefixBlocks.ofTokens(a, a.length);
    PrefixBlocks pb = PrefixBlocks.ofTokens(b, b.length);
    assertThat(pa.size()).isEqualTo(6); // 100 tokens: 6 full blocks of 16, 4 left over
    assertThat(pa.hash(0)).isEqualTo(pb.hash(0));
    assertThat(pa.hash(1)).isEqualTo(pb.hash(1)); // tokens 0..31 alike
    assertThat(pa.hash(2)).isNotEqualTo(pb.hash(2)); // they differ from token 40
    assertThat(pa.hash(5)).isNotEqualTo(pb.hash(5));
    assertThat(pa.tokensIn(2)).isEqualTo(32);
    assertThat(pa.promptTokens()).isEqualTo(100);
  }

  @Test
  void hash_coversTheWholePrefix_notJustItsBlock() {
    int[] a = IntStream.range(0, 32).toArray();
    int[] b = IntStream.range(0, 32).map(i -> i < 16 ? -1 : i).toArray();
    assertThat(PrefixBlocks.ofTokens(a, 32).hash(1)).isNotEqualTo(PrefixBlocks.ofTokens(b, 32).hash(1));
  }

  @Test
  void key_isTheHashOfTheFirstBlocks_orOfAShortPromptWhole() {
    PrefixBlocks p = PrefixBlocks.ofTokens(IntStream.range(0, 80).toArray(), 80);
    assertThat(p.key(2)).isEqualTo(p.hash(1));
    assertThat(p.key(50)).isEqualTo(p.hash(4));
    assertThat(tokens(1, 2, 3).key(8)).isEqualTo(tokens(1, 2, 3).key(8)).isNotEqualTo(tokens(1, 2, 4).key(8));
  }

  @Test
  void ofMessages_sameSystemPrompt_sharesItsBlocks() {
    String system = "You are the support assistant of an airline. ".repeat(20);
    PrefixBlocks a = PrefixBlocks.ofMessages(List.of(new Message("system", system), Message.user("Where is my bag?")));
    PrefixBlocks b = PrefixBlocks.ofMessages(List.of(new Message("system", system), Message.user("Can I change my seat?")));
    PrefixBlocks c = PrefixBlocks.ofMessages(List.of(new Message("system", "Other. " + system), Message.user("x")));
    int shared = (system.length() + "system".length() + 1) / PrefixBlocks.BLOCK_CHARS;
    for (int i = 0; i < shared; i++) {
      assertThat(a.hash(i)).isEqualTo(b.hash(i));
    }
    assertThat(a.hash(0)).isNotEqualTo(c.hash(0));
    assertThat(a.tokensIn(a.size())).isLessThanOrEqualTo(a.promptTokens());
    assertThat(a.tokensIn(shared)).isBetween(shared * 8, shared * 20);
  }

  @Test
  void routeRequest_computesItsBlocksOnce_andOnlyWhenAsked() {
    RouteRequest r = RouteRequest.chat("r", "m", "hello ".repeat(50));
    PrefixBlocks first = r.prefixBlocks();
    assertThat(r.prefixBlocks()).isSameAs(first);
    PrefixBlocks given = tokens(1, 2, 3);
    RouteRequest withTokens = new RouteRequest("t", Operation.CHAT, "m", List.of(), -1, false, Map.of())
        .withPrefix(given);
    assertThat(withTokens.prefixBlocks()).isSameAs(given);
  }
}
