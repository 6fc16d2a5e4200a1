package dev.signalbox.core.state;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.config.StateConfig;

/**
 * Opens one kind of {@link SharedState} from the {@code state:} settings. The built-in stores
 * ({@code memory}, {@code file}) are listed in {@link SharedStates}; others (Redis) are found with
 * {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/dev.signalbox.core.state.SharedStateProvider}) and are checked by the same
 * contract ({@code SharedStateContract} in signalbox-testkit).
 *
 * @param <S> the store's settings, a record read from its own keys
 */
public interface SharedStateProvider<S> {

  /** The store's name in configuration ({@code state.store}), e.g. {@code file}. */
  String store();

  /**
   * The keys of {@code state} the store reads besides those every store has ({@link
   * StateConfig#KEYS}); {@code signalbox config --reference} documents them.
   */
  Keys keys();

  /** Reads the settings from the {@code state} mapping (missing: none given), already checked against {@link #keys}. */
  S settings(ConfigNode state);

  /** Opens the store; the caller closes it. */
  SharedState open(S settings);
}
