package dev.signalbox.eval.policy;

import dev.signalbox.core.signal.Embedder;
import dev.signalbox.eval.EvalData;
import dev.signalbox.learn.Features;
import dev.signalbox.learn.Knob;
import dev.signalbox.learn.RouterArtifact;
import dev.signalbox.learn.TradeoffRouter;
import dev.signalbox.learn.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A learned router under evaluation: trained on the training rows (hyperparameters chosen by
 * cross-validation inside them), then the very {@link TradeoffRouter} the gateway would serve is
 * asked about each test prompt, once per knob value of the sweep.
 */
public final class LearnedPolicy implements Policy {
  /** Test prompts estimated together. */
  private static final int CHUNK = 64;
  private final String name;
  private final BiFunction<EvalData, int[], TradeoffRouter> fit;

  private LearnedPolicy(String name, BiFunction<EvalData, int[], TradeoffRouter> fit) {
    this.name = name;
    this.fit = fit;
  }

  /** Trains the spec with a shared trainer (so an ensemble reuses its members' searches). */
  public static LearnedPolicy trained(String spec, Trainer trainer, Embedder embedder) {
    return new LearnedPolicy(spec, (data, train) -> {
      Trainer.Trained t = trainer.train(spec, train);
      RouterArtifact a = RouterArtifact.of(t, data.data().models(), embedder.id(), 0, java.util.Map.of());
      return a.router(embedder, data.data().models(), t.fallback(), 0);
    });
  }

  /** A router loaded from an artifact: nothing is fitted; its models must be the data's. */
  public static LearnedPolicy fromArtifact(String name, RouterArtifact artifact, Embedder embedder) {
    return new LearnedPolicy(name, (data, train) -> {
      if (!artifact.models().equals(data.data().models())) {
        throw new IllegalArgumentException("artifact models " + artifact.models() + " differ from the data's "
            + data.data().models());
      }
      return artifact.router(embedder, artifact.models(), artifact.fallback(), artifact.lambda());
    });
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Kind kind() {
    return Kind.ROUTER;
  }

  @Override
  public List<OperatingPoint> run(EvalData data, int[] train, int[] test) {
    TradeoffRouter router = fit.apply(data, train);
    List<Double> lambdas = Knob.sweep();
    List<int[]> choices = new ArrayList<>();
    for (int i = 0; i < lambdas.size(); i++) {
      choices.add(Policy.blank(data));
    }
    // the router estimates a chunk of prompts at a time (as one batch; the same estimates as one by one)
    int chunks = (test.length + CHUNK - 1) / CHUNK;
    java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> {
      int[] rows = java.util.Arrays.copyOfRange(test, c * CHUNK, Math.min(test.length, (c + 1) * CHUNK));
      Features[] xs = new Features[rows.length];
      for (int j = 0; j < rows.length; j++) {
        xs[j] = Features.of(data.signals()[rows[j]]);
      }
      TradeoffRouter.Estimate[] estimates = router.estimateAll(xs);
      for (int j = 0; j < rows.length; j++) {
        for (int i = 0; i < lambdas.size(); i++) {
          choices.get(i)[rows[j]] = router.choose(estimates[j], lambdas.get(i));
        }
      }
    });
    List<OperatingPoint> points = new ArrayList<>();
    for (int i = 0; i < lambdas.size(); i++) {
      points.add(OperatingPoint.of("λ=" + lambdas.get(i), choices.get(i)));
    }
    return points;
  }
}
