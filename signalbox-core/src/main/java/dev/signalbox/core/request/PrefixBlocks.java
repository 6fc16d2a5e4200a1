package dev.signalbox.core.request;

import dev.signalbox.core.hash.StableHash;
import dev.signalbox.core.signal.TokenEstimator;
import java.util.List;
import java.util.function.Supplier;

/**
 * A prompt as a chain of hashed blocks of about 16 tokens: the unit in which vLLM caches KV (its
 * default block size) and in which llm-d's approximate prefix index matches prompts. The hash of
 * block {@code i} covers blocks {@code 0..i}, so two prompts share their first {@code k} hashes
 * exactly when they share their first {@code k} blocks. A trailing partial block is not hashed,
 * as vLLM caches full blocks only.
 *
 * <p>Token sequences (the simulator's workloads) are cut every 16 tokens. Text (what the gateway
 * sees) is cut every 64 characters of a chat-template stream, about 16 tokens of English; a
 * simulated replica cuts the same messages the same way, so the gateway's view of a replica's
 * cache lines up with the replica's own.
 */
public final class PrefixBlocks {
  /** Tokens per block, vLLM's default {@code --block-size}. */
  public static final int BLOCK_TOKENS = 16;
  /** Characters per block of text, about {@link #BLOCK_TOKENS} tokens of English. */
  public static final int BLOCK_CHARS = 64;


  private final long[] chain;
  private final int[] tokensThrough;
  private final int promptTokens;
  private final long whole;

  private PrefixBlocks(long[] chain, int[] tokensThrough, int promptTokens, long whole) {
    this.chain = chain;
    this.tokensThrough = tokensThrough;
    this.promptTokens = promptTokens;
    this.whole = whole;
  }

  /** The blocks of a token sequence: {@code tokens[0..length)}. */
  public static PrefixBlocks ofTokens(int[] tokens, int length) {
    int n = length / BLOCK_TOKENS;
    long[] chain = new long[n];
    int[] through = new int[n];
    long h = StableHash.start();
    for (int b = 0; b < n; b++) {
      long block = StableHash.start();
      for (int i = b * BLOCK_TOKENS, end = i + BLOCK_TOKENS; i < end; i++) {
        block = StableHash.step(block, tokens[i]);
      }
      h = link(h, block);
      chain[b] = h;
      through[b] = (b + 1) * BLOCK_TOKENS;
    }
    long tail = h;
    for (int i = n * BLOCK_TOKENS; i < length; i++) {
      tail = StableHash.step(tail, tokens[i]);
    }
    return new PrefixBlocks(chain, through, length, StableHash.mix(tail + length));
  }

  /** The blocks of a conversation's chat-template stream: role and text of each message in order. */
  public static PrefixBlocks ofMessages(List<Message> messages) {
    StringBuilder stream = new StringBuilder();
    for (Message m : messages) {
      stream.append(m.role()).append('\u0001').append(m.text()).append('\u0002');
    }
    int n = stream.length() / BLOCK_CHARS;
    int total = TokenEstimator.count(messages);
    long[] chain = new long[n];
    int[] through = new int[n];
    long h = StableHash.start();
    int tokens = 0;
    for (int b = 0; b < n; b++) {
      int from = b * BLOCK_CHARS;
      long block = StableHash.start();
      for (int i = from; i < from + BLOCK_CHARS; i++) {
        block = StableHash.step(block, stream.charAt(i));
      }
      h = link(h, block);
      chain[b] = h;
      tokens += TokenEstimator.count(stream.subSequence(from, from + BLOCK_CHARS));
      through[b] = Math.min(tokens, total);
    }
    long tail = h;
    for (int i = n * BLOCK_CHARS; i < stream.length(); i++) {
      tail = StableHash.step(tail, stream.charAt(i));
    }
    return new PrefixBlocks(chain, through, total, StableHash.mix(tail + stream.length()));
  }

  /** Computes the blocks of {@code messages} on first use, once, from any thread. */
  public static Supplier<PrefixBlocks> lazy(List<Message> messages) {
    return new Supplier<>() {
      private volatile PrefixBlocks value;

      @Override
      public PrefixBlocks get() {
        PrefixBlocks v = value;
        if (v == null) {
          v = ofMessages(messages);
          value = v;
        }
        return v;
      }
    };
  }

  /** Full blocks in the prompt. */
  public int size() {
    return chain.length;
  }

  /** The hash of blocks {@code 0..i}. */
  public long hash(int i) {
    return chain[i];
  }

  /** The prompt's tokens (exact for token sequences, estimated for text). */
  public int promptTokens() {
    return promptTokens;
  }

  /** Tokens covered by the first {@code blocks} blocks. */
  public int tokensIn(int blocks) {
    return blocks <= 0 ? 0 : tokensThrough[Math.min(blocks, chain.length) - 1];
  }

  /**
   * A key for hashing the prompt to a replica: the hash of its first {@code maxBlocks} blocks, or,
   * for a prompt shorter than one block, of the whole prompt.
   */
  public long key(int maxBlocks) {
    return chain.length == 0 ? whole : chain[Math.min(maxBlocks, chain.length) - 1];
  }

  private static long link(long previous, long block) {
    return StableHash.mix(previous ^ StableHash.mix(block));
  }
}
