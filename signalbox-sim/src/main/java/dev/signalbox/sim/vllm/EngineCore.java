package dev.signalbox.sim.vllm;

import dev.signalbox.sim.ReplicaProfile;
import dev.signalbox.core.request.PrefixBlocks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The serving model of one vLLM-like replica, free of any clock: a driver calls {@link
 * #beginStep()} for the next step's duration, lets that much time pass (a Vert.x timer, or a
 * discrete-event clock in the bench), then calls {@link #endStep}. This follows vLLM's V1
 * scheduler: continuous batching where every step decodes one token for each running request and
 * spends what is left of a token budget on prompt chunks, running requests first, then waiting
 * ones in arrival order while batch slots and KV blocks last. A request is admitted with blocks
 * for its whole prompt and answer (so it is never preempted, which vLLM does instead when memory
 * runs out); its prompt blocks already in the prefix cache are shared, not recomputed, so its time
 * to first token is its wait plus the prefill of the uncached tokens. Given the answer's tokens
 * too (the bench knows them), the blocks they fill are cached as they are generated, as vLLM does,
 * so the next turn of a conversation finds its whole history cached.
 */
public final class EngineCore {
  private final ReplicaProfile.Vllm params;
  private final int maxRunning;
  private final int maxWaiting;
  private final KvCache kv;
  private final ArrayDeque<Sequence> waiting = new ArrayDeque<>();
  private final List<Sequence> running = new ArrayList<>();
  private final List<Sequence> stepped = new ArrayList<>();
  private long contextTokens;
  private long promptTokensQueried;
  private long promptTokensHit;
  private boolean inStep;

  /** Hears what a step did. */
  public interface Events {
    /** The request's first output token is ready (or, with no output, its prefill is done). */
    void firstToken(Sequence s);

    /** The request is done and its blocks freed. */
    void finished(Sequence s);
  }

  /**
   * @param params the engine's speeds and sizes
   * @param maxRunning requests in the batch at once, vLLM's {@code max_num_seqs}
   * @param maxWaiting requests that may wait; more are refused
   */
  public EngineCore(ReplicaProfile.Vllm params, int maxRunning, int maxWaiting) {
    this.params = params;
    this.maxRunning = maxRunning;
    this.maxWaiting = maxWaiting;
    this.kv = new KvCache(params.kvBlocks());
  }

  /** Queues a request; null when the queue is full or it could never fit in the KV cache. */
  public Sequence submit(PrefixBlocks prompt, int outputTokens, Object owner) {
    return submit(prompt, null, outputTokens, owner);
  }

  /**
   * Queues a request whose answer's tokens are known: {@code sequence} is the prompt followed by
   * them (null: unknown), so the blocks the answer fills can be cached.
   */
  public Sequence submit(PrefixBlocks prompt, PrefixBlocks sequence, int outputTokens, Object owner) {
    if (waiting.size() >= maxWaiting || blocksFor(prompt.promptTokens() + outputTokens) > kv.capacity()) {
      return null;
    }
    Sequence s = new Sequence(prompt, sequence, outputTokens, owner);
    waiting.addLast(s);
    return s;
  }

  /** Whether nothing is waiting or running. */
  public boolean idle() {
    return waiting.isEmpty() && running.isEmpty();
  }

  /** Plans the next step: admits what fits and assigns prompt chunks; returns its duration in ms. */
  public double beginStep() {
    inStep = true;
    stepped.clear();
    int budget = params.maxBatchedTokens();
    int prefill = 0;
    for (Sequence s : running) {
      if (!s.prefilling()) {
        budget--;
        stepped.add(s);
      }
    }
    for (Sequence s : running) {
      if (s.prefilling() && budget > 0) {
        prefill += chunk(s, budget);
        budget -= s.chunk;
      }
    }
    while (budget > 0 && running.size() < maxRunning && !waiting.isEmpty() && admit(waiting.peekFirst())) {
      Sequence s = waiting.pollFirst();
      running.add(s);
      prefill += chunk(s, budget);
      budget -= s.chunk;
    }
    return params.decodeStepMs() + params.kvReadMsPer1kTokens() * contextTokens / 1000.0
        + prefill * 1000.0 / params.prefillTokensPerSecond();
  }

  /** Applies the planned step: prompt chunks computed, one token per decoding request. */
  public void endStep(Events events) {
    inStep = false;
    for (Sequence s : stepped) {
      if (s.state != Sequence.State.RUNNING) {
        continue; // cancelled during the step
      }
      if (s.chunk > 0) {
        s.computed += s.chunk;
        s.chunk = 0;
        nameComputedBlocks(s);
        if (s.prefilling()) {
          continue;
        }
        contextTokens += s.prompt.promptTokens();
      }
      if (s.outputTokens > 0) {
        s.produced++;
        contextTokens++;
        nameGeneratedBlocks(s);
      }
      if (s.produced <= 1) {
        events.firstToken(s);
        if (s.state != Sequence.State.RUNNING) {
          continue; // cancelled by the listener
        }
      }
      if (s.produced >= s.outputTokens) {
        finish(s);
        events.finished(s);
      }
    }
    stepped.clear();
  }

  /** Stops a request, freeing its place in the queue or its blocks. */
  public void cancel(Sequence s) {
    if (s.state == Sequence.State.WAITING) {
      waiting.remove(s);
      s.state = Sequence.State.DONE;
    } else if (s.state == Sequence.State.RUNNING) {
      finish(s);
    }
  }

  /** Whether a step is planned and not yet applied. */
  public boolean inStep() {
    return inStep;
  }

  /** Requests waiting for admission ({@code vllm:num_requests_waiting}). */
  public int waiting() {
    return waiting.size();
  }

  /** Requests in the batch ({@code vllm:num_requests_running}). */
  public int running() {
    return running.size();
  }

  /** Share of KV blocks held by running requests ({@code vllm:gpu_cache_usage_perc}). */
  public double kvUsage() {
    return kv.used() / (double) kv.capacity();
  }

  /** Prompt tokens looked up in the prefix cache ({@code vllm:prefix_cache_queries_total}). */
  public long prefixQueries() {
    return promptTokensQueried;
  }

  /** Prompt tokens found in the prefix cache ({@code vllm:prefix_cache_hits_total}). */
  public long prefixHits() {
    return promptTokensHit;
  }

  /** Takes KV blocks for a waiting request, reusing its cached prefix; false if they do not fit. */
  private boolean admit(Sequence s) {
    PrefixBlocks prompt = s.prompt;
    int promptBlocks = blocksFor(prompt.promptTokens());
    int hashed = Math.min(prompt.size(), prompt.promptTokens() / PrefixBlocks.BLOCK_TOKENS);
    long[] names = new long[s.sequence == null ? hashed : Math.max(hashed, s.sequence.size())];
    int hits = 0;
    while (hits < hashed && kv.contains(prompt.hash(hits))) {
      names[hits] = prompt.hash(hits);
      hits++;
    }
    int fresh = blocksFor(prompt.promptTokens() + s.outputTokens) - hits;
    if (!kv.allocate(names, hits, fresh)) {
      return false;
    }
    // vLLM computes at least the last prompt token, to sample the first output token from it
    int free = Math.max(hits, Math.min(hashed, s.presumedBlocks));
    s.cachedTokens = Math.min(prompt.tokensIn(free), prompt.promptTokens() - 1);
    s.computed = s.cachedTokens;
    s.namedBlocks = names;
    s.namedCount = hits;
    s.unnamedBlocks = fresh;
    s.state = Sequence.State.RUNNING;
    promptTokensQueried += prompt.promptTokens();
    promptTokensHit += s.cachedTokens;
    return true;
  }

  private int chunk(Sequence s, int budget) {
    s.chunk = Math.min(budget, s.prompt.promptTokens() - s.computed);
    stepped.add(s);
    return s.chunk;
  }

  /** Names the request's prompt blocks that are now fully computed, for later requests to share. */
  private void nameComputedBlocks(Sequence s) {
    nameBlocks(s, s.prompt, Math.min(s.prompt.size(), s.computed / PrefixBlocks.BLOCK_TOKENS));
  }

  /** Names the blocks the answer has filled so far, when its tokens are known. */
  private void nameGeneratedBlocks(Sequence s) {
    if (s.sequence != null) {
      int tokens = s.prompt.promptTokens() + s.produced;
      nameBlocks(s, s.sequence, Math.min(s.sequence.size(), tokens / PrefixBlocks.BLOCK_TOKENS));
    }
  }

  private void nameBlocks(Sequence s, PrefixBlocks blocks, int full) {
    for (int i = s.namedCount; i < Math.min(full, s.namedBlocks.length); i++) {
      long hash = blocks.hash(i);
      if (!kv.name(hash)) {
        return; // someone else computed it first; ours stays private, and so must the rest
      }
      s.namedBlocks[s.namedCount++] = hash;
      s.unnamedBlocks--;
    }
  }

  private void finish(Sequence s) {
    s.state = Sequence.State.DONE;
    running.remove(s);
    kv.free(s.namedBlocks, s.namedCount, s.unnamedBlocks);
    if (!s.prefilling()) {
      contextTokens -= s.prompt.promptTokens() + s.produced;
    }
  }

  private static int blocksFor(int tokens) {
    return (tokens + PrefixBlocks.BLOCK_TOKENS - 1) / PrefixBlocks.BLOCK_TOKENS;
  }
}
