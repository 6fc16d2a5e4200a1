package dev.signalbox.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongLongMapTest {

  @Test
  void randomOperations_agreeWithHashMap() {
    SplittableRandom random = new SplittableRandom(1);
    LongLongMap map = new LongLongMap();
    Map<Long, Long> reference = new HashMap<>();
    for (int i = 0; i < 200_000; i++) {
      long key = random.nextInt(5_000) * 0x100000000L; // keys that collide in the low bits
      switch (random.nextInt(3)) {
        case 0 -> assertThat(map.put(key, i)).isEqualTo(orMissing(reference.put(key, (long) i)));
        case 1 -> assertThat(map.remove(key)).isEqualTo(orMissing(reference.remove(key)));
        default -> assertThat(map.get(key)).isEqualTo(orMissing(reference.get(key)));
      }
      assertThat(map.size()).isEqualTo(reference.size());
    }
    for (Map.Entry<Long, Long> e : reference.entrySet()) {
      assertThat(map.get(e.getKey())).isEqualTo(e.getValue());
    }
  }

  @Test
  void get_missingKey_isMissing() {
    LongLongMap map = new LongLongMap();
    map.put(0, 7);
    assertThat(map.get(0)).isEqualTo(7);
    assertThat(map.get(1)).isEqualTo(LongLongMap.MISSING);
    assertThat(map.containsKey(1)).isFalse();
  }

  private static long orMissing(Long v) {
    return v == null ? LongLongMap.MISSING : v;
  }
}
