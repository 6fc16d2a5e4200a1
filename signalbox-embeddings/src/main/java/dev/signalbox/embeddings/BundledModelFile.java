package dev.signalbox.embeddings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file that ships inside a jar, copied once to the cache folder so that native code can open it
 * by path. ONNX Runtime then reads the model itself; loading it from a stream would first copy all
 * 90 MB of it into a byte array on the Java heap (LangChain4j's {@code OnnxBertBiEncoder}).
 */
final class BundledModelFile {
  private BundledModelFile() {}

  /**
   * The resource as a file in {@code dir}, named after its size so that another version of the
   * model gets its own file. A copy is written to a temporary name and moved into place, so a
   * reader never sees half a file and concurrent starts do not clash.
   */
  static Path of(String resource, Path dir) {
    URL url = BundledModelFile.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IllegalStateException("the bundled model file " + resource + " is missing from the classpath");
    }
    try {
      URLConnection connection = url.openConnection();
      long size = connection.getContentLengthLong();
      int dot = resource.lastIndexOf('.');
      Path file = dir.resolve(resource.substring(0, dot) + "-" + size + resource.substring(dot));
      if (Files.isRegularFile(file) && Files.size(file) == size) {
        return file;
      }
      Files.createDirectories(dir);
      Path part = Files.createTempFile(dir, file.getFileName().toString(), ".part");
      try (InputStream in = connection.getInputStream()) {
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(part);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the bundled model file " + resource + " to " + dir
          + " (set XDG_CACHE_HOME to a writable folder)", e);
    }
  }
}
