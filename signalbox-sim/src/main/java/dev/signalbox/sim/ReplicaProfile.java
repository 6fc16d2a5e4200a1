package dev.signalbox.sim;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.EndpointConfig;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.config.SettingsProvider;

/**
 * How a simulated replica behaves: latency, capacity, answer length and kind, and injected faults.
 * Read from an endpoint's {@code simulated:} mapping ({@link #of}), which {@link Provider} checks
 * when the configuration loads.
 *
 * @param ttftMs time to first token when the replica is idle (fixed engine)
 * @param tpotMs time per output token after the first (fixed engine)
 * @param maxConcurrency requests served at once; more wait in a queue (vLLM: {@code max_num_seqs})
 * @param maxQueue requests that may wait; beyond this the replica answers 503
 * @param outputTokens typical answer length in tokens (capped by the caller's max_tokens)
 * @param embeddingDimensions length of the vectors it returns for embeddings
 * @param faults injected failures
 * @param vllm the vLLM-like engine's parameters, or null for the fixed-latency engine
 * @param answer what it answers: generated text, or the caller's last message echoed back
 */
public record ReplicaProfile(
    double ttftMs,
    double tpotMs,
    int maxConcurrency,
    int maxQueue,
    int outputTokens,
    int embeddingDimensions,
    Faults faults,
    Vllm vllm,
    AnswerMode answer) {

  /** A fixed-latency profile that generates its answers. */
  public ReplicaProfile(double ttftMs, double tpotMs, int maxConcurrency, int maxQueue, int outputTokens,
      int embeddingDimensions, Faults faults) {
    this(ttftMs, tpotMs, maxConcurrency, maxQueue, outputTokens, embeddingDimensions, faults, null);
  }

  /** A profile that generates its answers. */
  public ReplicaProfile(double ttftMs, double tpotMs, int maxConcurrency, int maxQueue, int outputTokens,
      int embeddingDimensions, Faults faults, Vllm vllm) {
    this(ttftMs, tpotMs, maxConcurrency, maxQueue, outputTokens, embeddingDimensions, faults, vllm,
        AnswerMode.GENERATE);
  }

  /** What a replica answers with. */
  public enum AnswerMode {
    /** Seeded text (or tool calls and JSON, when asked for). */
    GENERATE,
    /** The last user message (chat) or the prompt (completions), as the replica received it. */
    ECHO;

    static AnswerMode parse(ConfigNode n) {
      String mode = n.isMissing() ? "generate" : n.asString();
      return switch (mode) {
        case "generate" -> GENERATE;
        case "echo" -> ECHO;
        default -> throw n.problem("must be one of generate, echo (got '" + mode + "')");
      };
    }
  }

  /**
   * The vLLM-like engine: continuous batching with chunked prefill and a prefix cache. Each engine
   * step runs every decoding request one token and prefills prompt chunks within a token budget;
   * it takes {@code decodeStepMs + kvReadMsPer1kTokens × context/1000 + prefill tokens / speed}.
   * Defaults approximate Llama-3.1-8B in bf16 on one H100-80GB SXM under vLLM.
   *
   * @param prefillTokensPerSecond prompt tokens computed per second (about 16 GFLOP per token at
   *     ~30% of the H100's 990 dense bf16 TFLOPS: 20,000)
   * @param decodeStepMs a step's fixed cost: reading the weights (16 GB at 3.35 TB/s ≈ 5 ms) and
   *     the scheduler's and sampler's overhead: 7 ms
   * @param kvReadMsPer1kTokens the added cost per thousand tokens of context in the batch: reading
   *     their KV (128 KiB per token for Llama-3-8B at 3.35 TB/s ≈ 0.04 ms)
   * @param maxBatchedTokens tokens per step, vLLM's {@code max_num_batched_tokens} (2048 with
   *     chunked prefill); longer prompts prefill over several steps
   * @param kvBlocks KV-cache blocks of 16 tokens: (80 GB × 0.9 − 16 GB weights − activations) /
   *     128 KiB ≈ 400k tokens; 24,576 blocks
   */
  public record Vllm(
      double prefillTokensPerSecond,
      double decodeStepMs,
      double kvReadMsPer1kTokens,
      int maxBatchedTokens,
      int kvBlocks) {

    /** The defaults, as documented on the record. */
    public static final Vllm H100_8B = new Vllm(20_000, 7, 0.04, 2048, 24_576);

    static final Keys KEYS = Keys.of("the vLLM-like engine: continuous batching, chunked prefill, a prefix cache "
        + "(defaults: Llama-3.1-8B in bf16 on one H100-80GB)")
        .key("prefill_tokens_per_s", "number > 0", H100_8B.prefillTokensPerSecond, "prompt tokens computed per second")
        .key("decode_step_ms", "number >= 0", H100_8B.decodeStepMs,
            "an engine step's fixed cost: reading the weights, scheduling, sampling")
        .key("kv_read_ms_per_1k_tokens", "number >= 0", H100_8B.kvReadMsPer1kTokens,
            "a step's added cost per thousand tokens of context in the batch")
        .key("max_batched_tokens", "integer >= 16", H100_8B.maxBatchedTokens,
            "tokens per step (vLLM's max_num_batched_tokens); longer prompts prefill over several steps")
        .key("kv_blocks", "integer >= 1", H100_8B.kvBlocks, "KV-cache blocks of 16 tokens")
        .key("max_concurrency", "integer >= 1", 256, "sequences served at once (vLLM's max_num_seqs); more wait");

    static Vllm parse(ConfigNode n) {
      Vllm d = H100_8B;
      double prefill = positive(n, "prefill_tokens_per_s", d.prefillTokensPerSecond);
      double step = nonNegative(n, "decode_step_ms", d.decodeStepMs);
      double kv = nonNegative(n, "kv_read_ms_per_1k_tokens", d.kvReadMsPer1kTokens);
      int batched = n.integer("max_batched_tokens", d.maxBatchedTokens);
      n.get("max_batched_tokens").check(batched, b -> b >= 16, "must be at least 16");
      int blocks = n.integer("kv_blocks", d.kvBlocks);
      n.get("kv_blocks").check(blocks, b -> b >= 1, "must be at least 1");
      return new Vllm(prefill, step, kv, batched, blocks);
    }
  }

  /**
   * Injected failures, each drawn per request from the replica's seeded random source.
   *
   * @param errorRate share of requests answered with {@code errorStatus}
   * @param errorStatus the HTTP status of injected errors
   * @param spikeRate share of requests whose first token is delayed by {@code spikeMs}
   * @param spikeMs the extra delay of a latency spike
   * @param resetRate share of requests whose connection is closed before any response
   * @param cutRate share of responses cut off mid-stream (connection closed halfway)
   * @param hangRate share of requests accepted and never answered (a blackholed replica; at 1.0
   *     its health probes hang too)
   */
  public record Faults(
      double errorRate,
      int errorStatus,
      double spikeRate,
      double spikeMs,
      double resetRate,
      double cutRate,
      double hangRate) {

    public static final Faults NONE = new Faults(0, 500, 0, 0, 0, 0, 0);

    /** Faults without hangs. */
    public Faults(double errorRate, int errorStatus, double spikeRate, double spikeMs, double resetRate,
        double cutRate) {
      this(errorRate, errorStatus, spikeRate, spikeMs, resetRate, cutRate, 0);
    }

    /** A replica that accepts every request and answers none. */
    public static Faults blackhole() {
      return new Faults(0, 500, 0, 0, 0, 0, 1.0);
    }

    static final Keys KEYS = Keys.of("injected failures, each drawn per request from the replica's seeded random "
        + "source")
        .key("error_rate", "share 0..1", 0, "requests answered with error_status")
        .key("error_status", "HTTP status 400..599", NONE.errorStatus, "the status of injected errors")
        .key("spike_rate", "share 0..1", 0, "requests whose first token is delayed by spike_ms")
        .key("spike_ms", "number >= 0", 0, "the extra delay of a latency spike")
        .key("reset_rate", "share 0..1", 0, "requests whose connection is closed before any response")
        .key("cut_rate", "share 0..1", 0, "responses cut off halfway (connection closed mid-stream)")
        .key("hang_rate", "share 0..1", 0, "requests accepted and never answered (at 1, health probes hang too)");

    static Faults parse(ConfigNode n) {
      if (n.isMissing()) {
        return NONE;
      }
      n.allowOnly(KEYS);
      int status = n.integer("error_status", 500);
      n.get("error_status").check(status, s -> s >= 400 && s <= 599, "must be an HTTP error status");
      return new Faults(
          rate(n, "error_rate"),
          status,
          rate(n, "spike_rate"),
          nonNegative(n, "spike_ms", 0),
          rate(n, "reset_rate"),
          rate(n, "cut_rate"),
          rate(n, "hang_rate"));
    }

    public boolean any() {
      return errorRate > 0 || spikeRate > 0 || resetRate > 0 || cutRate > 0 || hangRate > 0;
    }
  }

  /** A fast, fault-free replica. */
  public static ReplicaProfile fast() {
    return new ReplicaProfile(20, 2, 64, 1024, 32, 384, Faults.NONE);
  }

  /** A vLLM-like replica with these engine parameters, 256 sequences at most, answers of 200 tokens. */
  public static ReplicaProfile vllm(Vllm engine) {
    return new ReplicaProfile(0, 0, 256, 1024, 200, 384, Faults.NONE, engine);
  }

  public ReplicaProfile withFaults(Faults newFaults) {
    return new ReplicaProfile(
        ttftMs, tpotMs, maxConcurrency, maxQueue, outputTokens, embeddingDimensions, newFaults, vllm, answer);
  }

  public ReplicaProfile withAnswer(AnswerMode newAnswer) {
    return new ReplicaProfile(
        ttftMs, tpotMs, maxConcurrency, maxQueue, outputTokens, embeddingDimensions, faults, vllm, newAnswer);
  }

  /** The profile of a simulated endpoint, or null for a real server. */
  public static ReplicaProfile of(EndpointConfig endpoint) {
    return endpoint.isSimulated() ? parse(endpoint.simulated().node()) : null;
  }

  /** Documents and checks each endpoint's {@code simulated:} mapping. */
  public static final class Provider implements SettingsProvider {
    @Override
    public String name() {
      return "simulated";
    }

    @Override
    public Keys keys() {
      return KEYS;
    }

    @Override
    public ReplicaProfile parse(ConfigNode node) {
      return ReplicaProfile.parse(node);
    }
  }

  /** The keys of {@code simulated:}; those of the engine depend on {@code engine}. */
  public static final Keys KEYS =
      Keys.of("a replica the launcher runs in-process: its engine, speed, answers and faults")
      .key("engine", "engine name", "fixed",
          "fixed: a set time to first token and per token; vllm: a vLLM-like engine")
      .key("max_queue", "integer >= 0", 1024, "requests that may wait; beyond this the replica answers 503")
      .key("output_tokens", "integer >= 1", 32, "typical answer length in tokens (capped by the caller's max_tokens)")
      .key("embedding_dimensions", "integer 1..8192", 384, "the length of the vectors it returns for embeddings")
      .key("answer", "generate | echo", "generate",
          "generate: deterministic made-up text; echo: the request's own text back")
      .mapping("faults", "mapping", null, Faults.KEYS.doc(), Faults.KEYS)
      .variant("engine", "fixed", Keys.of("the fixed-latency engine")
          .key("ttft_ms", "number >= 0", 20, "time to first token when the replica is idle")
          .key("tpot_ms", "number >= 0", 2, "time per output token after the first")
          .key("max_concurrency", "integer >= 1", 64, "requests served at once; more wait in a queue"))
      .variant("engine", "vllm", Vllm.KEYS);

  public static ReplicaProfile parse(ConfigNode n) {
    String engine = n.requireObject().string("engine", "fixed");
    boolean isVllm = engine.equals("vllm");
    if (!isVllm && !engine.equals("fixed")) {
      throw n.get("engine").problem("unknown engine '" + engine + "'; use fixed or vllm");
    }
    n.allowOnly(KEYS.when(engine));
    int concurrency = n.integer("max_concurrency", isVllm ? 256 : 64);
    n.get("max_concurrency").check(concurrency, c -> c >= 1, "must be at least 1");
    int queue = n.integer("max_queue", 1024);
    n.get("max_queue").check(queue, q -> q >= 0, "must not be negative");
    int output = n.integer("output_tokens", 32);
    n.get("output_tokens").check(output, o -> o >= 1, "must be at least 1");
    int dims = n.integer("embedding_dimensions", 384);
    n.get("embedding_dimensions").check(dims, d -> d >= 1 && d <= 8192, "must be 1..8192");
    ConfigNode faults = n.get("faults");
    return new ReplicaProfile(
        isVllm ? 20 : nonNegative(n, "ttft_ms", 20),
        isVllm ? 2 : nonNegative(n, "tpot_ms", 2),
        concurrency,
        queue,
        output,
        dims,
        faults.attempt(() -> Faults.parse(faults), Faults.NONE),
        isVllm ? Vllm.parse(n) : null,
        n.get("answer").attempt(() -> AnswerMode.parse(n.get("answer")), AnswerMode.GENERATE));
  }

  private static double positive(ConfigNode n, String key, double fallback) {
    double v = n.number(key, fallback);
    return n.get(key).check(v, x -> x > 0, "must be positive");
  }

  private static double rate(ConfigNode n, String key) {
    double r = n.number(key, 0);
    return n.get(key).check(r, v -> v >= 0 && v <= 1, "must be a share between 0 and 1");
  }

  private static double nonNegative(ConfigNode n, String key, double fallback) {
    double v = n.number(key, fallback);
    return n.get(key).check(v, x -> x >= 0, "must not be negative");
  }
}
