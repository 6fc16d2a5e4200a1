package dev.signalbox.core.pool;

import dev.signalbox.core.request.PrefixBlocks;
import dev.signalbox.core.request.RouteRequest;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the cache- and load-aware strategies know of a pool's replicas: the approximate prefix
 * cache of each ({@link PrefixIndex}), the prefill backlog sent to each ({@link PrefillBacklog}),
 * the rate at which each finishes requests ({@link CompletionRate}), and how many requests each
 * holds: the larger of the gateway's own count in flight and the replica's last fresh
 * {@code /metrics} report (which also counts other gateways' requests). Replicas are numbered in
 * the order first seen, and every per-replica state is an array by that number. A pick works out
 * what it would record ({@link #chose}); {@link #placed} records it once the replica is used. Not
 * thread-safe; its strategy guards it.
 */
final class ReplicaView {
  /** What a pick would record: candidate {@code chosen} of {@code pick}, with {@code uncached} tokens to prefill. */
  record Placement(Pick pick, int chosen, int uncached) {}

  private final SloAwareSettings settings;
  private final LongSupplier nanoClock;
  private final PrefixIndex index;
  private final PrefillBacklog backlog;
  private final CompletionRate completions = new CompletionRate();
  private final long reportMaxAgeNanos;
  private final Map<Endpoint, Integer> memberOf = new IdentityHashMap<>();
  private final List<Endpoint> members = new ArrayList<>();
  private final LastPicks<Placement> picked = new LastPicks<>();
  private Pick last;

  ReplicaView(SloAwareSettings settings, PoolContext context) {
    this.settings = settings;
    this.nanoClock = context.nanoClock();
    this.index = new PrefixIndex(settings.cacheBlocks());
    this.backlog = new PrefillBacklog(settings.prefillTokensPerSecond());
    this.reportMaxAgeNanos = context.metricsIntervalMs() * 3_000_000L;
  }

  SloAwareSettings settings() {
    return settings;
  }

  /** Starts a pick among {@code candidates}: numbers them and reads the clock. */
  Pick begin(List<Endpoint> candidates) {
    long now = nanoClock.getAsLong();
    if (last != null && last.sameCandidates(candidates)) {
      last = last.at(now);
      return last;
    }
    int[] member = new int[candidates.size()];
    for (int i = 0; i < member.length; i++) {
      member[i] = number(candidates.get(i));
    }
    last = new Pick(List.copyOf(candidates), member, Pick.positions(member, members.size()), now);
    return last;
  }

  /** The member number of {@code e}, numbering it if it is new. */
  private int number(Endpoint e) {
    Integer m = memberOf.get(e);
    if (m == null) {
      m = members.size();
      memberOf.put(e, m);
      members.add(e);
    }
    return m;
  }

  /** Every replica seen so far, by member number. */
  List<Endpoint> members() {
    return members;
  }

  /** Requests on candidate {@code i}: in flight from here, or reported by it, whichever is more. */
  int requests(Pick p, int i) {
    Endpoint e = p.endpoint(i);
    ReplicaLoad reported = e.reportedLoad();
    int own = e.inFlight();
    return reported.freshAt(p.now, reportMaxAgeNanos) ? Math.max(own, reported.requests()) : own;
  }

  /** Requests on each candidate, by {@link #requests(Pick, int)}. */
  int[] requests(Pick p) {
    int[] load = new int[p.size()];
    for (int i = 0; i < load.length; i++) {
      load[i] = requests(p, i);
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

  /** The leading blocks of {@code prompt} each candidate holds. */
  int[] matched(Pick p, PrefixBlocks prompt) {
    int[] matched = new int[p.size()];
    index.match(prompt, p.member, matched);
    return matched;
  }

  /** Prompt tokens a replica holding {@code matchedBlocks} leading blocks must still prefill. */
  static int uncached(PrefixBlocks prompt, int matchedBlocks) {
    return Math.max(1, prompt.promptTokens() - prompt.tokensIn(matchedBlocks));
  }

  /**
   * Estimated time to first token on candidate {@code i} for a prompt with {@code uncached}
   * tokens to prefill: the wait for a batch slot, then the prefill queue and its own prefill.
   */
  double ttftMs(Pick p, int i, int uncached) {
    return admissionWaitMs(p, i) + prefillMs(p, i, uncached);
  }

  /** The prefill part of {@link #ttftMs}: the prefill queue sent to the candidate and the prompt's own. */
  double prefillMs(Pick p, int i, int uncached) {
    return backlog.ttftMs(p.member[i], p.endpoint(i).inFlight(), uncached, p.now);
  }

  /** Estimated queue on candidate {@code i} before a new request's own prefill, in milliseconds. */
  double queueMs(Pick p, int i) {
    return ttftMs(p, i, 0);
  }

  /**
   * The wait for a batch slot, by Little's law: requests the replica last reported waiting, plus
   * those sent since, over the rate at which it finishes requests. 0 without a fresh report.
   */
  double admissionWaitMs(Pick p, int i) {
    Endpoint e = p.endpoint(i);
    completions.observe(p.member[i], e.inFlight(), p.now);
    ReplicaLoad reported = e.reportedLoad();
    if (reported.waiting() == 0 || !reported.freshAt(p.now, reportMaxAgeNanos)) {
      return 0;
    }
    int waiting = reported.waiting() + Math.max(0, e.inFlight() - reported.requests());
    double rate = completions.perSecond(p.member[i]);
    return rate > 0 ? 1000 * waiting / rate : 10 * settings.ttftSloMs();
  }

  /** Blocks the gateway believes candidate {@code i} caches. */
  int cachedBlocks(Pick p, int i) {
    return index.size(p.member[i]);
  }

  /** Keeps what placing {@code request} on candidate {@code i} would record, until {@link #placed}. */
  void chose(Pick p, int i, RouteRequest request, int uncached) {
    picked.remember(request, p.endpoint(i), new Placement(p, i, uncached));
  }

  /** Records that {@code request} went to {@code e}, with the numbers its pick on this thread worked out. */
  void placed(Endpoint e, RouteRequest request) {
    record(picked.take(request, e), e, request.prefixBlocks());
  }

  /** Records {@code placement}; without one (a placement no pick here prepared), works it out now. */
  void record(Placement placement, Endpoint e, PrefixBlocks prompt) {
    Placement p = placement != null ? placement : placementNow(e, prompt);
    sent(p.pick(), p.chosen(), prompt, p.uncached());
  }

  private Placement placementNow(Endpoint e, PrefixBlocks prompt) {
    int[] member = {number(e)};
    Pick one = new Pick(List.of(e), member, Pick.positions(member, members.size()), nanoClock.getAsLong());
    return new Placement(one, 0, uncached(prompt, matched(one, prompt)[0]));
  }

  /** Records a placement: the prompt's blocks are cached on candidate {@code i}, its uncached tokens queue there. */
  void sent(Pick p, int i, PrefixBlocks prompt, int uncached) {
    int m = p.member[i];
    int inFlight = p.endpoint(i).inFlight();
    index.insert(prompt, m);
    backlog.add(m, inFlight, uncached, p.now);
    completions.sent(m, inFlight, p.now);
  }
}
