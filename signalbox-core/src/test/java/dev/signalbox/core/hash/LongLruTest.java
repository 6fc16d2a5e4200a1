package dev.signalbox.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LongLruTest {

  @Test
  void removeOldest_followsTheLastTouch() {
    LongLru lru = new LongLru();
    lru.touch(1);
    lru.touch(2);
    lru.touch(3);
    lru.touch(1);
    assertThat(lru.size()).isEqualTo(3);
    assertThat(lru.removeOldest()).isEqualTo(2);
    assertThat(lru.removeOldest()).isEqualTo(3);
    assertThat(lru.removeOldest()).isEqualTo(1);
    assertThat(lru.size()).isZero();
  }

  @Test
  void remove_takesAKeyOutOfTheOrder() {
    LongLru lru = new LongLru();
    lru.touch(1);
    lru.touch(2);
    assertThat(lru.remove(1)).isTrue();
    assertThat(lru.remove(1)).isFalse();
    assertThat(lru.contains(1)).isFalse();
    assertThat(lru.removeOldest()).isEqualTo(2);
  }

  @Test
  void manyTouches_ofFewKeys_keepTheOrder() {
    LongLru lru = new LongLru();
    for (int i = 0; i < 100_000; i++) {
      lru.touch(i % 10);
    }
    for (long expected = 0; expected < 10; expected++) {
      assertThat(lru.removeOldest()).isEqualTo(expected);
    }
  }
}
