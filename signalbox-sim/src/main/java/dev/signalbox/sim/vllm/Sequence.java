package dev.signalbox.sim.vllm;

import dev.signalbox.core.request.PrefixBlocks;

/** One request inside the engine: its prompt, how far its prefill and decode have come, its KV blocks. */
public final class Sequence {
  enum State { WAITING, RUNNING, DONE }

  final PrefixBlocks prompt;
  /** The prompt followed by the answer's tokens, when known: blocks to name as they are generated. */
  final PrefixBlocks sequence;
  final int outputTokens;
  final Object owner;
  State state = State.WAITING;
  /** Prompt tokens whose KV exists (cached or computed). */
  int computed;
  int cachedTokens;
  /** Leading prompt blocks admitted as cache hits whether or not this replica holds them. */
  int presumedBlocks;
  int produced;
  /** Prompt tokens computed in the step under way. */
  int chunk;
  /** Named KV blocks this request holds, in prompt order. */
  long[] namedBlocks;
  int namedCount;
  int unnamedBlocks;

  Sequence(PrefixBlocks prompt, PrefixBlocks sequence, int outputTokens, Object owner) {
    this.prompt = prompt;
    this.sequence = sequence;
    this.outputTokens = outputTokens;
    this.owner = owner;
  }

  /** What the caller attached on submitting it. */
  public Object owner() {
    return owner;
  }

  /** Output tokens produced so far. */
  public int produced() {
    return produced;
  }

  /**
   * Admits the prompt's first {@code blocks} blocks as cache hits even where this replica does not
   * hold them: no prefill for them, though they still take KV blocks here. For the bench's
   * ideal-cache bound, where every prefix computed anywhere is cached wherever it is needed.
   */
  public void presumeCached(int blocks) {
    presumedBlocks = blocks;
  }

  /** Prompt tokens served from the prefix cache. */
  public int cachedTokens() {
    return cachedTokens;
  }

  public int promptTokens() {
    return prompt.promptTokens();
  }

  boolean prefilling() {
    return computed < prompt.promptTokens();
  }
}
