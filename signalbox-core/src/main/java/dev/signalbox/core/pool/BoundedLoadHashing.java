package dev.signalbox.core.pool;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.request.RouteRequest;
import java.util.List;

/**
 * Consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam, SODA 2018; deployed
 * as HAProxy's {@code hash-balance-factor} and Vimeo's and AIBrix's balancers): a prompt's leading
 * blocks hash to a point on the ring and the request goes to the first replica clockwise whose
 * load, with this request, stays within {@code 1.25 ×} the average. Equal prefixes meet on one
 * replica until it is full, then spill to the next on the ring, so a hot prefix is copied onto
 * as many replicas as its load needs and no more.
 */
final class BoundedLoadHashing implements PoolStrategy {
  /** The balance factor c: no replica takes more than c times the average load. */
  static final double BALANCE = 1.25;

  /**
   * {@code chwbl}'s settings.
   *
   * @param hashPrefixBlocks leading blocks that are hashed to place a prompt
   */
  record Settings(int hashPrefixBlocks) {
    static final Keys KEYS = Keys.of("consistent hashing with bounded loads on the prompt's leading blocks")
        .plus(SloAwareSettings.HASH_PREFIX_BLOCKS);

    static Settings parse(ConfigNode n) {
      return new Settings(SloAwareSettings.hashPrefixBlocks(n));
    }
  }

  private final ReplicaView view;
  private final HashRing ring;

  BoundedLoadHashing(Settings settings, PoolContext context) {
    this.view = new ReplicaView(SloAwareSettings.DEFAULTS.withHashPrefixBlocks(settings.hashPrefixBlocks()), context);
    this.ring = new HashRing(context.seed());
  }

  @Override
  public synchronized Endpoint pick(List<Endpoint> candidates, RouteRequest request) {
    Pick pick = view.begin(candidates);
    int[] load = view.requests(pick);
    double bound = ReplicaView.loadBound(load, BALANCE);
    long key = request.prefixBlocks().key(view.settings().hashPrefixBlocks());
    int chosen = ring.first(key, pick, view.members(), i -> load[i] + 1 <= bound);
    return candidates.get(Math.max(chosen, 0));
  }
}
