package dev.signalbox.sim;

import dev.signalbox.core.hash.StableHash;
import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.request.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one simulated replica serves and how it is seeded.
 *
 * @param model the model it serves: its name, context window and operations
 * @param upstreamModel another name it answers to (an endpoint's {@code upstream_model}), or null
 * @param profile its initial latency, capacity and faults
 * @param seed the configuration's simulator seed
 * @param index the replica's position among its model's endpoints
 */
public record ReplicaSpec(
    ModelSpec model, String upstreamModel, ReplicaProfile profile, long seed, int index) {

  public ReplicaSpec {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(profile, "profile");
  }

  /** A chat and completions model of this name with the default seed 42, replica 0. */
  public static ReplicaSpec of(String modelName, ReplicaProfile profile) {
    return new ReplicaSpec(
        new ModelSpec(modelName, 0, 0, 128_000, Set.of(Operation.CHAT, Operation.COMPLETIONS)),
        null, profile, 42, 0);
  }

  public ReplicaSpec withSeed(long newSeed) {
    return new ReplicaSpec(model, upstreamModel, profile, newSeed, index);
  }

  public ReplicaSpec withIndex(int newIndex) {
    return new ReplicaSpec(model, upstreamModel, profile, seed, newIndex);
  }

  public ReplicaSpec withProfile(ReplicaProfile newProfile) {
    return new ReplicaSpec(model, upstreamModel, newProfile, seed, index);
  }

  public ReplicaSpec withOperations(Set<Operation> operations) {
    return new ReplicaSpec(
        new ModelSpec(model.name(), model.inputPricePerMillion(), model.outputPricePerMillion(),
            model.contextWindow(), operations),
        upstreamModel, profile, seed, index);
  }

  /** The names requests may use: the model's name and, if set, the upstream name. */
  public List<String> servedNames() {
    List<String> names = new ArrayList<>(2);
    names.add(model.name());
    if (upstreamModel != null && !upstreamModel.equals(model.name())) {
      names.add(upstreamModel);
    }
    return names;
  }

  /** The seed of this replica's fault draws: from the config seed, model name and index. */
  long faultSeed() {
    return StableHash.of(seed, model.name(), index);
  }

  /** The seed of answers and embeddings: shared by all replicas of a model. */
  long contentSeed() {
    return StableHash.of(seed, model.name());
  }
}
