package dev.signalbox.learn.bandit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.routing.Trace;
import dev.signalbox.learn.features.Context;
import dev.signalbox.learn.features.ContextFeatures;
import dev.signalbox.learn.online.Draws;
import dev.signalbox.learn.online.Example;
import dev.signalbox.learn.online.OnlineRouter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A disjoint linear contextual bandit over the route's models, as GreenServ routes (arXiv
 * 2601.17551): one ridge regression of reward on the context per model ({@link RidgeArm}),
 * explored by LinUCB, linear Thompson sampling or ε-greedy ({@link Exploration}). Only the chosen
 * model's arm learns from an outcome; with {@code discount < 1} the chosen arm forgets a little of
 * its past at each of its updates (about {@code 1/(1 − γ)} observations are remembered), so a model
 * that changed is re-estimated within that many answers; with {@code forgetAll} every arm forgets at
 * every update, back towards its optimistic start (D-LinUCB), so one not chosen for long is tried
 * again, at the price of re-exploring models that did not change. Adding a model gives it a fresh arm and leaves
 * the others untouched.
 *
 * <p>Implementation note: the arms are an immutable {@code Arms} value behind a volatile field.
 * Decisions read it without locks; the single writer (and onboarding, retiring, restoring, all
 * rare) builds a new value and publishes it under this object's monitor.
 */
public final class BanditRouter extends OnlineRouter {
  private final BanditSettings settings;
  private final Draws draws;
  private volatile Arms state;

  private record Arms(List<String> models, RidgeArm[] arms, long updates) {
    int indexOf(String model) {
      return models.indexOf(model);
    }
  }

  public BanditRouter(Setup setup, BanditSettings settings, List<String> models) {
    super(setup);
    this.settings = settings;
    this.draws = setup.draws();
    RidgeArm[] arms = new RidgeArm[models.size()];
    for (int i = 0; i < arms.length; i++) {
      arms[i] = blankArm(setup.features().dimension());
    }
    this.state = new Arms(List.copyOf(models), arms, 0);
  }

  public BanditSettings settings() {
    return settings;
  }

  @Override
  public List<String> models() {
    return state.models();
  }

  @Override
  public Choice choose(Context context) {
    Arms s = state;
    double[] x = context.x();
    int n = s.arms().length;
    double[] mean = new double[n];
    double[] width = new double[n];
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      mean[i] = s.arms()[i].mean(x);
      width[i] = s.arms()[i].width(x);
    }
    String how;
    int pick;
    switch (settings.exploration()) {
      case UCB:
        for (int i = 0; i < n; i++) {
          score[i] = mean[i] + settings.alpha() * width[i];
        }
        pick = argmax(score);
        how = "highest upper confidence bound (α=" + settings.alpha() + ")";
        break;
      case THOMPSON:
        for (int i = 0; i < n; i++) {
          score[i] = mean[i] + settings.sigma() * width[i] * draws.gaussian();
        }
        pick = argmax(score);
        how = "highest Thompson sample";
        break;
      default:
        System.arraycopy(mean, 0, score, 0, n);
        double epsilon = Math.max(settings.epsilonMin(), settings.epsilon() * Math.pow(settings.epsilonDecay(), s.updates()));
        pick = untried(s);
        if (pick >= 0) {
          how = "a model not tried yet";
        } else if (draws.uniform() < epsilon) {
          pick = draws.below(n);
          how = "exploring at random (ε=" + round(epsilon) + ")";
        } else {
          pick = argmax(score);
          how = "best estimate (ε=" + round(epsilon) + ")";
        }
    }
    List<Trace.Alternative> alternatives = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      alternatives.add(new Trace.Alternative(s.models().get(i), s.models().get(i), round(score[i]),
          (i == pick ? "chosen: " : "") + "reward " + round(mean[i]) + " ± " + round(width[i])
              + " (" + Math.round(s.arms()[i].weight) + " obs)"));
    }
    alternatives.sort(Comparator.comparingDouble(Trace.Alternative::score).reversed());
    return new Choice(s.models().get(pick), how + " for task " + context.task() + ": " + s.models().get(pick),
        alternatives);
  }

  @Override
  protected void apply(List<Update> batch) {
    synchronized (this) {
      Arms s = state;
      RidgeArm[] arms = s.arms().clone();
      long updates = s.updates();
      for (Update u : batch) {
        int i = s.indexOf(u.model());
        if (i < 0 || u.context().x().length != arms[i].d) {
          continue; // retired, or learned under features that have since changed
        }
        if (settings.discount() < 1) {
          RidgeArm blank = blankArm(arms[i].d);
          for (int j = 0; j < arms.length; j++) {
            if (j == i || settings.forgetAll()) {
              arms[j] = arms[j].decayed(settings.discount(), blank);
            }
          }
        }
        arms[i] = arms[i].observe(u.context().x(), u.reward());
        updates++;
      }
      state = new Arms(s.models(), arms, updates);
    }
  }

  @Override
  protected synchronized void reset() {
    RidgeArm[] arms = new RidgeArm[state.models().size()];
    for (int i = 0; i < arms.length; i++) {
      arms[i] = blankArm(features().dimension());
    }
    state = new Arms(state.models(), arms, 0);
  }

  @Override
  public void warmStart(List<String> models, List<Example> examples, double strength) {
    flush();
    ContextFeatures f = features();
    double[][] xs = new double[examples.size()][];
    for (int n = 0; n < xs.length; n++) {
      xs[n] = f.context(examples.get(n).signals()).x();
    }
    double w = strength / examples.size();
    synchronized (this) {
      Arms s = state;
      RidgeArm[] arms = s.arms().clone();
      for (int i = 0; i < arms.length; i++) {
        int column = models.indexOf(s.models().get(i));
        if (column < 0) {
          continue;
        }
        double[] rewards = new double[xs.length];
        for (int n = 0; n < xs.length; n++) {
          Example e = examples.get(n);
          rewards[n] = reward().of(e.quality()[column], e.cost()[column], Double.NaN);
        }
        arms[i] = arms[i].observeAll(xs, rewards, w);
      }
      state = new Arms(s.models(), arms, s.updates());
    }
  }

  @Override
  public synchronized void onboard(String model) {
    Arms s = state;
    if (s.models().contains(model)) {
      return;
    }
    List<String> models = new ArrayList<>(s.models());
    models.add(model);
    RidgeArm[] arms = java.util.Arrays.copyOf(s.arms(), models.size());
    arms[arms.length - 1] = newArm(s);
    state = new Arms(List.copyOf(models), arms, s.updates());
  }

  @Override
  public synchronized void retire(String model) {
    Arms s = state;
    int i = s.indexOf(model);
    if (i < 0 || s.models().size() == 1) {
      return;
    }
    List<String> models = new ArrayList<>(s.models());
    models.remove(i);
    List<RidgeArm> arms = new ArrayList<>(List.of(s.arms()));
    arms.remove(i);
    state = new Arms(List.copyOf(models), arms.toArray(RidgeArm[]::new), s.updates());
  }

  /**
   * The arm of a model without data: GreenServ's zero start, or optimistic initial values (the best
   * possible reward, 1 − λ, on the bias, with the weight of the regulariser) so that a positive
   * reward does not lock the first model tried in while the others were never tried.
   */
  private RidgeArm blankArm(int d) {
    if (!settings.optimistic()) {
      return RidgeArm.fresh(d, settings.regularization());
    }
    double[] prior = new double[d];
    prior[0] = 1 - reward().lambda();
    return RidgeArm.withPrior(prior, settings.regularization());
  }

  /** A new model's arm: GreenServ's zero start, or optimistic (the best of every other arm's coefficients). */
  private RidgeArm newArm(Arms s) {
    int d = features().dimension();
    if (!settings.optimistic() || s.arms().length == 0) {
      return blankArm(d);
    }
    double[] best = new double[d];
    java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
    for (RidgeArm arm : s.arms()) {
      for (int k = 0; k < d; k++) {
        best[k] = Math.max(best[k], arm.theta[k]);
      }
    }
    return RidgeArm.withPrior(best, settings.regularization());
  }

  @Override
  protected ObjectNode stateJson() {
    Arms s = state;
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("updates", s.updates());
    ObjectNode arms = n.putObject("arms");
    for (int i = 0; i < s.arms().length; i++) {
      arms.set(s.models().get(i), s.arms()[i].toJson());
    }
    return n;
  }

  @Override
  protected synchronized void restoreState(JsonNode saved, ContextFeatures restoredFeatures) {
    Arms s = state;
    int d = restoredFeatures.dimension();
    RidgeArm[] arms = new RidgeArm[s.models().size()];
    for (int i = 0; i < arms.length; i++) {
      JsonNode arm = saved.path("arms").get(s.models().get(i));
      arms[i] = arm == null ? blankArm(d) : RidgeArm.fromJson(arm, d);
    }
    state = new Arms(s.models(), arms, saved.path("updates").asLong());
  }

  @Override
  public JsonNode explain() {
    Arms s = state;
    ContextFeatures f = features();
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("policy", policy());
    n.set("reward", reward().toJson());
    n.put("updates", s.updates());
    List<String> names = f.names();
    ObjectNode models = n.putObject("models");
    for (int i = 0; i < s.arms().length; i++) {
      ObjectNode m = models.putObject(s.models().get(i));
      m.put("observations", round(s.arms()[i].weight));
      ObjectNode theta = m.putObject("coefficients");
      for (int k = 0; k < names.size(); k++) {
        theta.put(names.get(k), round(s.arms()[i].theta[k]));
      }
    }
    if (f.blocks().contains(ContextFeatures.Block.TASK)) {
      ObjectNode byTask = n.putObject("reward_by_task");
      List<String> labels = f.taskLabels();
      for (int t = 0; t < labels.size(); t++) {
        double[] x = new double[f.dimension()];
        x[0] = 1;
        x[names.indexOf("task=" + labels.get(t))] = 1;
        ObjectNode row = byTask.putObject(labels.get(t));
        for (int i = 0; i < s.arms().length; i++) {
          row.put(s.models().get(i), round(s.arms()[i].mean(x)));
        }
      }
    }
    return n;
  }

  private int untried(Arms s) {
    for (int i = 0; i < s.arms().length; i++) {
      if (s.arms()[i].weight == 0) {
        return i;
      }
    }
    return -1;
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
