package dev.signalbox.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class OverheadClockTest {

  @Test
  void waitsForTheUpstreamAreNotCounted() {
    OverheadClock clock = new OverheadClock(System.nanoTime());
    clock.awaitUpstream();
    LockSupport.parkNanos(50_000_000);
    clock.resume();
    clock.awaitUpstream();
    clock.awaitUpstream(); // a second call does not restart the wait
    LockSupport.parkNanos(50_000_000);
    // still waiting: the running wait is left out too
    assertThat(clock.ownNanos()).isLessThan(40_000_000);
    clock.resume();
    clock.resume();
    assertThat(clock.ownMicros()).isLessThan(40_000).isGreaterThanOrEqualTo(0);
  }

  @Test
  void workIsCounted() {
    long start = System.nanoTime();
    OverheadClock clock = new OverheadClock(start);
    LockSupport.parkNanos(20_000_000);
    assertThat(clock.ownNanos()).isGreaterThanOrEqualTo(20_000_000);
    assertThat(clock.startNanos()).isEqualTo(start);
  }
}
