package dev.signalbox.core.pool;

import dev.signalbox.core.request.PrefixBlocks;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What the cache- and load-aware strategies know of a pool's replicas: the approximate prefix
 * cache of each ({@link PrefixIndex}), the prefill backlog sent to each ({@link PrefillBacklog}),
 * and how many requests each holds, the larger of the gateway's own count in flight and the
 * replica's last fresh {@code /metrics} report (which also counts other gateways' requests). Not
 * thread-safe; its strategy guards it.
 */
final class ReplicaView {
  private final PoolSettings settings;
  private final LongSupplier nanoClock;
  private final PrefixIndex index;
  private final PrefillBacklog backlog;
  private final long reportMaxAgeNanos;

  ReplicaView(PoolSettings settings, LongSupplier nanoClock) {
    this.settings = settings;
    this.nanoClock = nanoClock;
    this.index = new PrefixIndex(settings.cacheBlocks());
    this.backlog = new PrefillBacklog(settings.prefillTokensPerSecond(), nanoClock);
    this.reportMaxAgeNanos = settings.metricsIntervalMs() * 3_000_000L;
  }

  PoolSettings settings() {
    return settings;
  }

  long now() {
    return nanoClock.getAsLong();
  }

  /** Requests on a replica: in flight from here, or reported by it, whichever is more. */
  int requests(Endpoint e) {
    ReplicaLoad reported = e.reportedLoad();
    int own = e.inFlight();
    return reported.freshAt(nanoClock.getAsLong(), reportMaxAgeNanos) ? Math.max(own, reported.requests()) : own;
  }

  /** The leading blocks of {@code prompt} each candidate holds. */
  int[] matched(PrefixBlocks prompt, List<Endpoint> candidates) {
    int[] matched = new int[candidates.size()];
    index.match(prompt, candidates, matched);
    return matched;
  }

  /** Prompt tokens a replica holding {@code matchedBlocks} leading blocks must still prefill. */
  static int uncached(PrefixBlocks prompt, int matchedBlocks) {
    return Math.max(1, prompt.promptTokens() - prompt.tokensIn(matchedBlocks));
  }

  /** Estimated time to first token on {@code e} for a prompt with {@code uncached} tokens to prefill. */
  double ttftMs(Endpoint e, int uncached) {
    return backlog.ttftMs(e, uncached);
  }

  /** Estimated prefill queue on {@code e}, in milliseconds. */
  double queueMs(Endpoint e) {
    return backlog.ttftMs(e, 0);
  }

  /** Blocks the gateway believes {@code e} caches. */
  int cachedBlocks(Endpoint e) {
    return index.size(e);
  }

  /** Records a placement: the prompt's blocks are cached on {@code e}, its uncached tokens queue there. */
  void sent(PrefixBlocks prompt, Endpoint e, int uncached) {
    index.insert(prompt, e);
    backlog.add(e, uncached);
  }
}
