package dev.signalbox.learn.online;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.Decision;
import dev.signalbox.core.routing.LearningRouter;
import dev.signalbox.core.routing.Outcome;
import dev.signalbox.core.routing.Trace;
import dev.signalbox.core.signal.Embedder;
import dev.signalbox.core.signal.Signals;
import dev.signalbox.learn.features.Context;
import dev.signalbox.learn.features.ContextFeatures;
import dev.signalbox.learn.features.TaskModel;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every online router shares: it computes the prompt's {@link Context}, lets the policy
 * choose, remembers the decision under the request id ({@link PendingOutcomes}), merges the parts
 * of the outcome as they arrive, and hands each complete one with its reward to the policy's
 * single writer ({@link UpdateQueue}). Snapshots carry the format, policy, reward, features and
 * the policy's own state.
 *
 * <pre>
 * route ──► context ──► choose (lock-free read of the published state) ──► pending[id]
 * learn(id, part) ──► merge ──► complete? ──► reward ──► writer: update, publish new state
 * </pre>
 */
public abstract class OnlineRouter implements LearningRouter {
  /** The format tag of every snapshot. */
  public static final String FORMAT = "signalbox-learner/1";

  private final String policy;
  private final PendingOutcomes<Pending> pending;
  private final UpdateQueue<Update> updates;
  private final double implicitQuality;
  private final Supplier<Embedder> embedder;
  private volatile ContextFeatures features;
  private volatile Reward reward;

  /** A decision waiting for its outcome. */
  public record Pending(String model, Context context) {}

  /** One complete outcome for the writer. */
  public record Update(String model, Context context, double reward, Outcome outcome) {}

  /** What the policy chose, and how it explains it. */
  public record Choice(String model, String reason, List<Trace.Alternative> alternatives) {}

  /** How an online router is set up; each policy adds its own settings. */
  public record Setup(String policy, ContextFeatures features, Reward reward, int pendingCapacity,
      double implicitQuality, boolean asyncUpdates, Supplier<Embedder> embedder, Draws draws) {}

  protected OnlineRouter(Setup setup) {
    this.policy = setup.policy();
    this.features = setup.features();
    this.reward = setup.reward();
    this.pending = new PendingOutcomes<>(setup.pendingCapacity());
    this.implicitQuality = setup.implicitQuality();
    this.embedder = setup.embedder();
    this.updates = new UpdateQueue<>("signalbox-learner-" + setup.policy(), this::apply, setup.asyncUpdates());
  }

  /** The policy's choice for a context; reads only published state (the decision alone, features given). */
  public abstract Choice choose(Context context);

  /** Applies complete outcomes in order (the single writer). */
  protected abstract void apply(List<Update> batch);

  /** Forgets everything learned (the features' shape changed). */
  protected abstract void reset();

  /** Learns from examples with full information, as if {@code strength} outcomes per model had been seen. */
  public abstract void warmStart(List<String> models, List<Example> examples, double strength);

  /** The policy's learned state, for the snapshot. */
  protected abstract ObjectNode stateJson();

  /**
   * Replaces the learned state with a snapshot's, for contexts of {@code restoredFeatures}; fails
   * before changing anything when the state does not fit.
   */
  protected abstract void restoreState(JsonNode state, ContextFeatures restoredFeatures);

  /** The policy's name in traces and snapshots. */
  public String policy() {
    return policy;
  }

  public Reward reward() {
    return reward;
  }

  public ContextFeatures features() {
    return features;
  }

  /** Uses a trained task model from now on (the features' shape changes, so learning restarts). */
  public void useTasks(TaskModel tasks) {
    updates.flush();
    features = features.withTasks(tasks);
    reset();
  }

  @Override
  public final Decision route(RouteRequest request, Signals signals) {
    Context context = features.context(signals);
    Choice choice = choose(context);
    pending.put(request.id(), new Pending(choice.model(), context));
    String reason = choice.reason() + (signals.hasEmbedding() || !features.needsEmbedding()
        ? "" : " (no prompt embedding: task and cluster unknown)");
    return new Decision(choice.model(), new Trace(policy, reason, choice.alternatives()));
  }

  @Override
  public final Learned learn(String requestId, Outcome outcome) {
    Outcome part = outcome;
    if (!Double.isNaN(implicitQuality) && part.finished() && !part.failed() && !part.hasQuality()) {
      part = part.merge(Outcome.feedback(implicitQuality));
    }
    PendingOutcomes.Merged<Pending> merged = pending.merge(requestId, part);
    if (merged == null) {
      return Learned.UNKNOWN;
    }
    if (!merged.outcome().complete()) {
      return Learned.WAITING;
    }
    reward.observe(merged.outcome());
    updates.submit(new Update(merged.context().model(), merged.context().context(), reward.of(merged.outcome()),
        merged.outcome()));
    return Learned.APPLIED;
  }

  @Override
  public Optional<Embedder> embedder() {
    return features.needsEmbedding() ? Optional.of(embedder.get()) : Optional.empty();
  }

  @Override
  public void flush() {
    updates.flush();
  }

  @Override
  public void close() {
    updates.close();
  }

  @Override
  public final JsonNode snapshot() {
    updates.flush();
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("format", FORMAT);
    n.put("policy", policy);
    n.set("models", Json.MAPPER.valueToTree(models()));
    n.set("reward", reward.toJson());
    n.set("features", features.toJson());
    n.set("state", stateJson());
    return n;
  }

  @Override
  public final void restore(JsonNode snapshot) {
    if (!FORMAT.equals(snapshot.path("format").asText())) {
      throw new IllegalArgumentException("not a learner snapshot (expected \"format\": \"" + FORMAT + "\")");
    }
    if (!policy.equals(snapshot.path("policy").asText())) {
      throw new IllegalArgumentException("the snapshot is of policy '" + snapshot.path("policy").asText()
          + "', this route's is '" + policy + "'");
    }
    updates.flush();
    ContextFeatures restored = features.restored(snapshot.path("features"));
    Reward savedReward = Reward.fromJson(snapshot.path("reward"));
    restoreState(snapshot.path("state"), restored);
    features = restored;
    reward = savedReward; // what was learned is in the units of the reward it was learned with
  }

  /** Rounds for traces and explanations. */
  protected static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
