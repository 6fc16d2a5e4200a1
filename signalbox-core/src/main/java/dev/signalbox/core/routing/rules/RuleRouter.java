package dev.signalbox.core.routing.rules;

import dev.signalbox.core.config.RouteConfig;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.Decision;
import dev.signalbox.core.routing.Router;
import dev.signalbox.core.routing.RouterProvider;
import dev.signalbox.core.routing.Routers;
import dev.signalbox.core.routing.Trace;
import dev.signalbox.core.signal.Signals;
import java.util.List;

/** Placeholder: decision rules over cheap signals. Routes everything to the default model. */
public final class RuleRouter implements Router {
  private final String defaultModel;

  RuleRouter(String defaultModel) {
    this.defaultModel = defaultModel;
  }

  @Override
  public Decision route(RouteRequest request, Signals signals) {
    return new Decision(defaultModel, new Trace("rules", "default", List.of()));
  }

  /** Reads a rules route. */
  public static final class Provider implements RouterProvider {
    @Override
    public String policy() {
      return "rules";
    }

    @Override
    public Router create(RouteConfig route, Catalog catalog) {
      return new RuleRouter(Routers.knownModel(route.settings().get("default"), catalog));
    }
  }
}
