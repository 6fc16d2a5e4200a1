package dev.signalbox.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.request.Operation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  @Test
  void wellFormedText_passes() {
    assertThat(Utf8.firstInvalid("plain ascii, é, 漢字, 😀".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    assertThat(Utf8.firstInvalid(new byte[0])).isEqualTo(-1);
  }

  @Test
  void overlongForms_surrogatesAndStrayBytes_areFound() {
    assertThat(Utf8.firstInvalid(bytes('a', 0xC0, 0xAF))).isEqualTo(1); // '/' overlong in two bytes
    assertThat(Utf8.firstInvalid(bytes(0xE0, 0x80, 0xAF))).isEqualTo(0); // overlong in three
    assertThat(Utf8.firstInvalid(bytes(0xF0, 0x80, 0x80, 0xAF))).isEqualTo(0); // overlong in four
    assertThat(Utf8.firstInvalid(bytes(0xED, 0xA0, 0x80))).isEqualTo(0); // CESU-8 surrogate U+D800
    assertThat(Utf8.firstInvalid(bytes(0xF4, 0x90, 0x80, 0x80))).isEqualTo(0); // above U+10FFFF
    assertThat(Utf8.firstInvalid(bytes('x', 0x80))).isEqualTo(1); // a lone continuation byte
    assertThat(Utf8.firstInvalid(bytes('x', 0xE2, 0x82))).isEqualTo(1); // cut short
    assertThat(Utf8.firstInvalid(bytes(0xFF))).isEqualTo(0);
  }

  @Test
  void theParser_refusesOverlongUtf8AndDuplicateKeys() {
    byte[] overlong = bytes('{', '"', 'm', 'o', 'd', 'e', 'l', '"', ':', '"', 0xC0, 0xAF, '"', '}');
    assertThatThrownBy(() -> OpenAiRequestParser.parse(Operation.CHAT, overlong))
        .isInstanceOf(OpenAiError.class).hasMessageContaining("not valid UTF-8 (at byte 10");
    byte[] twice = "{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"content\":\"y\"}],\"model\":\"b\"}"
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> OpenAiRequestParser.parse(Operation.CHAT, twice))
        .isInstanceOf(OpenAiError.class).hasMessageContaining("Duplicate field 'content'");
  }
}
