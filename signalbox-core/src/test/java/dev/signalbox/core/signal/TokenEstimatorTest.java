package dev.signalbox.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.request.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {

  @Test
  void count_shortWords_oneTokenEach() {
    assertThat(TokenEstimator.count("hello big world")).isEqualTo(3);
  }

  @Test
  void count_longWord_oneMorePerSixLetters() {
    assertThat(TokenEstimator.count("internationalization")).isEqualTo(4); // 20 letters
  }

  @Test
  void count_digitsAndSymbols() {
    assertThat(TokenEstimator.count("123456")).isEqualTo(2);
    assertThat(TokenEstimator.count("a+b=c;")).isEqualTo(6);
  }

  @Test
  void count_chinese_oneTokenPerCharacter() {
    assertThat(TokenEstimator.count("请把这段话翻译成英文")).isEqualTo(10);
  }

  @Test
  void count_japaneseAndKorean_oneTokenPerCharacter() {
    assertThat(TokenEstimator.count("こんにちは世界")).isEqualTo(7);
    assertThat(TokenEstimator.count("안녕하세요")).isEqualTo(5);
  }

  @Test
  void count_mixedLatinAndChinese_countsEachScriptItsWay() {
    assertThat(TokenEstimator.count("GPT模型")).isEqualTo(3);
  }

  @Test
  void count_cyrillic_oneTokenPerThreeLetters() {
    assertThat(TokenEstimator.count("Привет мир")).isEqualTo(3);
  }

  @Test
  void count_messages_addTemplateOverheadOnlyForConversations() {
    assertThat(TokenEstimator.count(List.of(Message.user("hi")))).isEqualTo(1);
    List<Message> chat = List.of(new Message("system", "be brief"), Message.user("hi"));
    assertThat(TokenEstimator.count(chat)).isEqualTo(3 + (2 + 3) + (1 + 3));
  }

  @Test
  void count_empty_isZero() {
    assertThat(TokenEstimator.count("")).isZero();
    assertThat(TokenEstimator.count(" \n\t")).isZero();
  }
}
