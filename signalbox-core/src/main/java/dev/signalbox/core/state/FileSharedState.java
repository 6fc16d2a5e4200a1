package dev.signalbox.core.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@link SharedState} in a folder, one file per key ({@code learners/auto} is {@code
 * learners%2Fauto.state}), written to a temporary file and moved into place so that a crash never
 * leaves half a value. One I/O thread keeps the operations in order and off the caller's thread.
 */
public final class FileSharedState implements SharedState {
  private static final String SUFFIX = ".state";

  private final Path dir;
  private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "signalbox-state-io");
    t.setDaemon(true);
    return t;
  });

  /** A store in {@code dir}, created if missing. */
  public FileSharedState(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the state folder " + dir, e);
    }
  }

  @Override
  public CompletionStage<Optional<byte[]>> get(String key) {
    Path file = file(key);
    return CompletableFuture.supplyAsync(() -> {
      try {
        return Optional.of(Files.readAllBytes(file));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }, io);
  }

  @Override
  public CompletionStage<Void> put(String key, byte[] value) {
    Path file = file(key);
    byte[] copy = value.clone();
    return CompletableFuture.runAsync(() -> {
      try {
        Path tmp = Files.createTempFile(dir, ".write-", ".tmp");
        Files.write(tmp, copy);
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }, io);
  }

  @Override
  public CompletionStage<Boolean> delete(String key) {
    Path file = file(key);
    return CompletableFuture.supplyAsync(() -> {
      try {
        return Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + file, e);
      }
    }, io);
  }

  @Override
  public CompletionStage<List<String>> keys(String prefix) {
    return CompletableFuture.supplyAsync(() -> {
      List<String> out = new ArrayList<>();
      try (Stream<Path> files = Files.list(dir)) {
        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
            .map(n -> decode(n.substring(0, n.length() - SUFFIX.length())))
            .filter(k -> k.startsWith(prefix)).forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
      Collections.sort(out);
      return out;
    }, io);
  }

  @Override
  public String describe() {
    return "file store at " + dir;
  }

  @Override
  public void close() {
    io.shutdown();
    try {
      io.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Path file(String key) {
    return dir.resolve(SharedState.checkKey(key).replace("/", "%2F") + SUFFIX); // keys never hold '%'
  }

  private static String decode(String name) {
    return name.replace("%2F", "/");
  }
}
