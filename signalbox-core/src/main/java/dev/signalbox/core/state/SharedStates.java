package dev.signalbox.core.state;

import dev.signalbox.core.config.ConfigCheck;
import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.config.StateConfig;
import dev.signalbox.core.spi.ProviderRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Opens the {@link SharedState} a configuration names: the built-in stores plus any {@link SharedStateProvider}. */
public final class SharedStates {
  private static final ProviderRegistry<SharedStateProvider<?>> PROVIDERS = ProviderRegistry.discover(
      "store", providerType(), p -> List.of(p.store()), List.of(new Memory(), new File()));
  private static final Keys STATE_KEYS = StateConfig.KEYS.variants("store", keys());

  private SharedStates() {}

  /** Opens the store {@code config} names; fails naming the key at fault. */
  public static SharedState open(StateConfig config) {
    return open(provider(config), config.settings());
  }

  /** The settings {@code config}'s store reads from it, as its own type; fails naming the key at fault. */
  public static Object settings(StateConfig config) {
    return provider(config).settings(config.settings());
  }

  /** The names of every available store, built-ins first. */
  public static List<String> stores() {
    return PROVIDERS.names();
  }

  /** Each store's own keys of {@code state}, by name, for the configuration reference. */
  public static Map<String, Keys> keys() {
    return PROVIDERS.map(SharedStateProvider::keys);
  }

  private static <S> SharedState open(SharedStateProvider<S> provider, ConfigNode settings) {
    return provider.open(provider.settings(settings));
  }

  /** The provider {@code config} names, its settings checked against its keys. */
  private static SharedStateProvider<?> provider(StateConfig config) {
    ConfigNode n = config.settings();
    SharedStateProvider<?> provider = PROVIDERS.get(config.store());
    if (provider == null) {
      throw n.get("store").problem(PROVIDERS.unknown(config.store()));
    }
    if (n.isObject()) {
      n.allowOnly(STATE_KEYS, provider.store(), (key, stores) -> "only the " + String.join(" and ", stores)
          + (stores.size() == 1 ? " store has a " : " stores have a ") + key);
    }
    return provider;
  }

  @SuppressWarnings("unchecked")
  private static Class<SharedStateProvider<?>> providerType() {
    return (Class<SharedStateProvider<?>>) (Class<?>) SharedStateProvider.class;
  }

  /** Checks the {@code state} settings when a configuration is read (found by {@code ServiceLoader}). */
  public static final class StateCheck implements ConfigCheck {
    @Override
    public void check(SignalboxConfig config) {
      StateConfig state = config.state();
      state.settings().attempt(() -> settings(state), null);
    }
  }

  /** {@code memory}: this process's memory, lost at exit. */
  private static final class Memory implements SharedStateProvider<Void> {
    @Override
    public String store() {
      return "memory";
    }

    @Override
    public Keys keys() {
      return Keys.of("this process's memory: lost at exit");
    }

    @Override
    public Void settings(ConfigNode state) {
      return null;
    }

    @Override
    public SharedState open(Void settings) {
      return new InMemorySharedState();
    }
  }

  /** {@code file}: one file per key in a folder. */
  private static final class File implements SharedStateProvider<Path> {
    @Override
    public String store() {
      return "file";
    }

    @Override
    public Keys keys() {
      return Keys.of("one file per key in a folder, written atomically")
          .required("path", "folder", "the store's folder, created if missing");
    }

    @Override
    public Path settings(ConfigNode state) {
      return Path.of(state.string("path"));
    }

    @Override
    public SharedState open(Path folder) {
      return new FileSharedState(folder);
    }
  }
}
