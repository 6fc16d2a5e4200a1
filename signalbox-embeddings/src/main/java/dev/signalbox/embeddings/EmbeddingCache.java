package dev.signalbox.embeddings;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeddings kept on disk, one append-only file per dataset and embedder, keyed by the SHA-256 of
 * the text. A file starts with the embedder's id and the dimension; each entry is the 32-byte hash
 * and the vector. A torn last entry (an interrupted run) is ignored.
 */
public final class EmbeddingCache {
  private static final int MAGIC = 0x53424531; // "SBE1"

  private final Path file;
  private final String embedderId;
  private final int dimensions;
  private final Map<String, float[]> vectors = new HashMap<>();

  private EmbeddingCache(Path file, String embedderId, int dimensions) {
    this.file = file;
    this.embedderId = embedderId;
    this.dimensions = dimensions;
  }

  /** Opens (or starts) the cache file for this embedder inside {@code dir}, named after the dataset. */
  public static EmbeddingCache open(Path dir, String dataset, String embedderId, int dimensions) {
    String name = safe(dataset) + "--" + safe(embedderId) + ".emb";
    EmbeddingCache cache = new EmbeddingCache(dir.resolve(name), embedderId, dimensions);
    cache.load();
    return cache;
  }

  /** The default cache folder: {@code $XDG_CACHE_HOME/signalbox/embeddings}, else {@code ~/.cache/...}. */
  public static Path defaultDir() {
    return CacheFolder.of("embeddings");
  }

  public Path file() {
    return file;
  }

  public int size() {
    return vectors.size();
  }

  /** The cached vector of a text, or null. */
  public float[] get(String text) {
    return vectors.get(key(text));
  }

  /** Adds vectors for texts and appends them to the file. */
  public void putAll(List<String> texts, List<float[]> embeddings) {
    try {
      Files.createDirectories(file.getParent());
      boolean fresh = !Files.exists(file) || Files.size(file) == 0;
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
          Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
        if (fresh) {
          out.writeInt(MAGIC);
          out.writeUTF(embedderId);
          out.writeInt(dimensions);
        }
        for (int i = 0; i < texts.size(); i++) {
          String k = key(texts.get(i));
          float[] v = embeddings.get(i);
          if (v.length != dimensions || vectors.putIfAbsent(k, v) != null) {
            continue;
          }
          out.write(hexToBytes(k));
          for (float f : v) {
            out.writeFloat(f);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the embedding cache " + file, e);
    }
  }

  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
      if (in.readInt() != MAGIC || !in.readUTF().equals(embedderId) || in.readInt() != dimensions) {
        throw new IllegalStateException("not an embedding cache of " + embedderId + ": " + file);
      }
      byte[] hash = new byte[32];
      while (true) {
        in.readFully(hash);
        float[] v = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
          v[i] = in.readFloat();
        }
        vectors.put(bytesToHex(hash), v);
      }
    } catch (EOFException end) {
      // the end of the file, or a torn last entry
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedding cache " + file, e);
    }
  }

  static String key(String text) {
    try {
      return bytesToHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]+", "_");
  }

  private static String bytesToHex(byte[] b) {
    StringBuilder sb = new StringBuilder(b.length * 2);
    for (byte x : b) {
      sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
    }
    return sb.toString();
  }

  private static byte[] hexToBytes(String hex) {
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
