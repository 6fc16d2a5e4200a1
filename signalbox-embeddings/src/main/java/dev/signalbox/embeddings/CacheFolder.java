package dev.signalbox.embeddings;

import java.nio.file.Path;

/** Signalbox's cache folders: {@code $XDG_CACHE_HOME/signalbox/NAME}, else {@code ~/.cache/signalbox/NAME}. */
public final class CacheFolder {
  private CacheFolder() {}

  public static Path of(String name) {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("signalbox").resolve(name);
  }
}
