package dev.signalbox.core.pool;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.request.PrefixBlocks;
import dev.signalbox.core.request.RouteRequest;
import java.util.List;

/**
 * SGLang's cache-aware router (sgl-project/sglang PR #1934; defaults of its model gateway): an
 * approximate prefix tree per replica, updated as requests are sent. When the load is imbalanced
 * ({@code max − min > 32} requests and {@code max > 1.1 × min}) the request goes to the least
 * loaded replica; otherwise to the replica with the longest cached prefix if that covers more
 * than half the prompt, else to the replica with the smallest tree, the one with most cache room.
 */
final class PrefixTreeRouting implements PoolStrategy {
  static final double CACHE_THRESHOLD = 0.5;
  static final int BALANCE_ABS_THRESHOLD = 32;
  static final double BALANCE_REL_THRESHOLD = 1.1;

  /**
   * {@code prefix-tree}'s settings.
   *
   * @param cacheBlocks prompt blocks a replica's prefix cache holds, to size its tree here
   */
  record Settings(int cacheBlocks) {
    static final Keys KEYS = Keys.of("SGLang's cache-aware router: the longest cached prefix, unless the load is "
        + "imbalanced").plus(SloAwareSettings.CACHE_BLOCKS);

    static Settings parse(ConfigNode n) {
      return new Settings(SloAwareSettings.cacheBlocks(n));
    }
  }

  private final ReplicaView view;

  PrefixTreeRouting(Settings settings, PoolContext context) {
    this.view = new ReplicaView(SloAwareSettings.DEFAULTS.withCacheBlocks(settings.cacheBlocks()), context);
  }

  @Override
  public synchronized Endpoint pick(List<Endpoint> candidates, RouteRequest request) {
    Pick pick = view.begin(candidates);
    int n = pick.size();
    int[] load = view.requests(pick);
    int max = 0;
    int min = Integer.MAX_VALUE;
    for (int l : load) {
      max = Math.max(max, l);
      min = Math.min(min, l);
    }
    PrefixBlocks prompt = request.prefixBlocks();
    int[] matched = view.matched(pick, prompt);
    int chosen;
    if (max - min > BALANCE_ABS_THRESHOLD && max > min * BALANCE_REL_THRESHOLD) {
      chosen = argMin(load, load);
    } else {
      int best = 0;
      for (int i = 1; i < n; i++) {
        if (matched[i] > matched[best] || (matched[i] == matched[best] && load[i] < load[best])) {
          best = i;
        }
      }
      double rate = prompt.tokensIn(matched[best]) / (double) Math.max(1, prompt.promptTokens());
      if (rate > CACHE_THRESHOLD) {
        chosen = best;
      } else {
        int[] treeSize = new int[n];
        for (int i = 0; i < n; i++) {
          treeSize[i] = view.cachedBlocks(pick, i);
        }
        chosen = argMin(treeSize, load);
      }
    }
    view.chose(pick, chosen, request, ReplicaView.uncached(prompt, matched[chosen]));
    return candidates.get(chosen);
  }

  @Override
  public synchronized void placed(Endpoint chosen, RouteRequest request) {
    view.placed(chosen, request);
  }

  /** The index of the smallest value, ties to the smaller {@code tieBreak}, then the first. */
  static int argMin(int[] values, int[] tieBreak) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] < values[best] || (values[i] == values[best] && tieBreak[i] < tieBreak[best])) {
        best = i;
      }
    }
    return best;
  }
}
