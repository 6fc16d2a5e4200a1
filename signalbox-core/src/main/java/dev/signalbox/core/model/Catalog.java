package dev.signalbox.core.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The models a deployment knows, by name, in configuration order. */
public final class Catalog {
  private final Map<String, ModelSpec> models = new LinkedHashMap<>();

  public Catalog(List<ModelSpec> specs) {
    for (ModelSpec spec : specs) {
      if (models.putIfAbsent(spec.name(), spec) != null) {
        throw new IllegalArgumentException("duplicate model name: " + spec.name());
      }
    }
  }

  public Optional<ModelSpec> find(String name) {
    return Optional.ofNullable(models.get(name));
  }

  /** The model of that name; throws if it is unknown (use for names validated at start). */
  public ModelSpec get(String name) {
    ModelSpec spec = models.get(name);
    if (spec == null) {
      throw new IllegalArgumentException("unknown model: " + name);
    }
    return spec;
  }

  public boolean contains(String name) {
    return models.containsKey(name);
  }

  public Collection<ModelSpec> all() {
    return models.values();
  }

  public List<String> names() {
    return List.copyOf(models.keySet());
  }
}
