package dev.signalbox.bench.gateway;

import java.nio.file.Path;

/**
 * Where and how one benchmark run happens.
 *
 * @param home the repository root (holds {@code signalbox} and {@code bench/gateway/})
 * @param out where results and logs go
 * @param peersDir scratch folder outside the repository for npm-installed peers
 * @param loadCpu the CPU of the load generator and the mock (null: not pinned)
 * @param targetCpu the CPU every target is pinned to (null: not pinned)
 * @param netns whether it runs inside a loopback-only network namespace
 * @param cli the command line's main class, which runs {@code bench mock-upstream} for the mock
 */
record BenchSetup(Path home, Path out, Path peersDir, Integer loadCpu, Integer targetCpu, boolean netns,
    Class<?> cli) {
  Path benchFiles() {
    return home.resolve("bench").resolve("gateway");
  }

  Path launcher() {
    return home.resolve("signalbox");
  }

  Path work() {
    return out.resolve("work");
  }
}
