package dev.signalbox.core.routing;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.config.RouteConfig;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.signal.Signals;
import java.util.List;

/** Sends every request to one model: the simplest policy, and the baseline for all others. */
public final class FixedModelRouter implements Router {
  private final Decision decision;

  public FixedModelRouter(String model) {
    this.decision =
        new Decision(
            model,
            new Trace(
                "fixed",
                "the route always uses " + model,
                List.of(new Trace.Alternative(model, model, 1.0, "configured model"))));
  }

  @Override
  public Decision route(RouteRequest request, Signals signals) {
    return decision;
  }

  /** Reads {@code model: NAME}. */
  public static final class Provider implements RouterProvider {
    @Override
    public String policy() {
      return "fixed";
    }

    @Override
    public Keys keys() {
      return Keys.of("every request to one model").required("model", "model name", "the model");
    }

    @Override
    public Router create(RouteConfig route, Catalog catalog) {
      ConfigNode n = route.settings();
      return new FixedModelRouter(Routers.knownModel(n.get("model"), catalog));
    }
  }
}
