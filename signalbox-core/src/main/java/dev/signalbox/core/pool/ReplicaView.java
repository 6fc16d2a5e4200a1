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
  private final CompletionRate completions = new CompletionRate();
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
    completions.observe(e, nanoClock.getAsLong());
    ReplicaLoad reported = e.reportedLoad();
    int own = e.inFlight();
    return reported.freshAt(nanoClock.getAsLong(), reportMaxAgeNanos) ? Math.max(own, reported.requests()) : own;
  }

  /** Requests on each candidate, by {@link #requests}. */
  int[] requests(List<Endpoint> candidates) {
    int[] load = new int[candidates.size()];
    for (int i = 0; i < load.length; i++) {
      load[i] = requests(candidates.get(i));
    }
    return load;
  }

  /** Requests beyond which a replica is hot: {@code 1.25 ×} the mean, plus 2. */
  static double hotThreshold(int[] load) {
    double mean = 0;
    for (int l : load) {
      mean += l / (double) load.length;
    }
    return SloAffinity.BALANCE * mean + SloAffinity.SLACK;
  }

  /**
   * The most requests a replica may hold, this one included, under consistent hashing with
   * bounded loads: {@code ⌈c · (total + 1) / n⌉}.
   */
  static double loadBound(int[] load, double c) {
    long total = 0;
    for (int l : load) {
      total += l;
    }
    return Math.ceil(c * (total + 1) / load.length);
  }

  /** Whether the replica's last fresh report says requests are already waiting there for a batch slot. */
  boolean queueing(Endpoint e) {
    ReplicaLoad reported = e.reportedLoad();
    return reported.waiting() > 0 && reported.freshAt(nanoClock.getAsLong(), reportMaxAgeNanos);
  }

  /**
   * The replica's KV usage projected to now: the last fresh report scaled by the requests sent
   * there since (each is assumed to take the average share); 0 when nothing fresh was reported.
   */
  double projectedKvUsage(Endpoint e) {
    ReplicaLoad reported = e.reportedLoad();
    if (!reported.freshAt(nanoClock.getAsLong(), reportMaxAgeNanos) || reported.requests() == 0) {
      return 0;
    }
    return reported.kvUsage() * Math.max(1.0, e.inFlight() / (double) reported.requests());
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

  /**
   * Estimated time to first token on {@code e} for a prompt with {@code uncached} tokens to
   * prefill: the wait for a batch slot, then the prefill queue and the prompt's own prefill.
   */
  double ttftMs(Endpoint e, int uncached) {
    return admissionWaitMs(e) + backlog.ttftMs(e, uncached);
  }

  /** The prefill part of {@link #ttftMs}: the prefill queue sent to {@code e} and the prompt's own. */
  double prefillMs(Endpoint e, int uncached) {
    return backlog.ttftMs(e, uncached);
  }

  /** Estimated queue on {@code e} before a new request's own prefill, in milliseconds. */
  double queueMs(Endpoint e) {
    return ttftMs(e, 0);
  }

  /**
   * The wait for a batch slot, by Little's law: requests the replica last reported waiting, plus
   * those sent since, over the rate at which it finishes requests. 0 without a fresh report.
   */
  double admissionWaitMs(Endpoint e) {
    long now = nanoClock.getAsLong();
    completions.observe(e, now);
    ReplicaLoad reported = e.reportedLoad();
    if (!reported.freshAt(now, reportMaxAgeNanos)) {
      return 0;
    }
    int waiting = reported.waiting() + Math.max(0, e.inFlight() - reported.requests());
    if (reported.waiting() == 0 || waiting == 0) {
      return 0;
    }
    double rate = completions.perSecond(e);
    return rate > 0 ? 1000 * waiting / rate : 10 * settings.ttftSloMs();
  }

  /** Blocks the gateway believes {@code e} caches. */
  int cachedBlocks(Endpoint e) {
    return index.size(e);
  }

  /** Records a placement: the prompt's blocks are cached on {@code e}, its uncached tokens queue there. */
  void sent(PrefixBlocks prompt, Endpoint e, int uncached) {
    index.insert(prompt, e);
    backlog.add(e, uncached);
    completions.sent(e, nanoClock.getAsLong());
  }
}
