package dev.signalbox.core.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The providers of one extension point by name: the built-ins, then those {@link ServiceLoader}
 * finds on the class path (a name already taken keeps its first provider), as {@code
 * Routers}, {@code PoolStrategies}, {@code SharedStates} and {@code Embedders} discover theirs.
 * Immutable.
 *
 * @param <P> the provider interface
 */
public final class ProviderRegistry<P> {
  private final String kind;
  private final Map<String, P> byName;
  private final List<String> names;

  private ProviderRegistry(String kind, Map<String, P> byName, List<String> names) {
    this.kind = kind;
    this.byName = Collections.unmodifiableMap(byName);
    this.names = List.copyOf(names);
  }

  /**
   * The built-ins and the discovered providers of {@code type}.
   *
   * @param kind what a name names, for messages: {@code pool strategy}
   * @param names a provider's names: the one it is listed by, then any aliases
   */
  public static <P> ProviderRegistry<P> discover(
      String kind, Class<P> type, Function<P, List<String>> names, List<? extends P> builtIns) {
    Map<String, P> byName = new LinkedHashMap<>();
    List<String> primary = new ArrayList<>();
    List<P> all = new ArrayList<>(builtIns);
    ServiceLoader.load(type).forEach(all::add);
    for (P p : all) {
      List<String> own = names.apply(p);
      if (!byName.containsKey(own.get(0))) {
        primary.add(own.get(0));
        own.forEach(n -> byName.putIfAbsent(n, p));
      }
    }
    return new ProviderRegistry<>(kind, byName, primary);
  }

  /** The provider of a name or alias, or null. */
  public P get(String name) {
    return byName.get(name);
  }

  public boolean contains(String name) {
    return byName.containsKey(name);
  }

  /** Each provider's name (not its aliases), built-ins first. */
  public List<String> names() {
    return names;
  }

  /** What is said of a name that no provider has: {@code unknown pool strategy 'x'; known: a, b}. */
  public String unknown(String name) {
    return "unknown " + kind + " '" + name + "'; known: " + String.join(", ", names);
  }

  /** {@code f} of each provider, by name, in order (for each provider's configuration keys, say). */
  public <T> Map<String, T> map(Function<P, T> f) {
    Map<String, T> out = new LinkedHashMap<>();
    names.forEach(n -> out.put(n, f.apply(byName.get(n))));
    return Collections.unmodifiableMap(out);
  }
}
