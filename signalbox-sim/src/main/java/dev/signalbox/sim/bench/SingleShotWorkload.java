package dev.signalbox.sim.bench;

import dev.signalbox.core.request.PrefixBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Independent requests in a Poisson stream: {@code shared-system-prompts} (a popular few of many
 * system prompts, then a question) and {@code no-sharing} (the control: every prompt unique). The
 * first fifth of the requests warm the caches.
 */
record SingleShotWorkload(String name, int systemPrompts, int systemMin, int systemMax, double zipf,
    int userMin, int userMax, int outputMin, int outputMax) implements Workload {

  /**
   * 200 system prompts of 1,000 to 4,000 tokens (instructions, few-shot examples, a document to
   * ground answers), drawn with Zipf(1.0) popularity, so the most popular carries 17% of requests;
   * then a question of 50 to 500 tokens; answers of 50 to 300 tokens.
   */
  static Workload sharedSystemPrompts() {
    return new SingleShotWorkload("shared-system-prompts", 200, 1000, 4000, 1.0, 50, 500, 50, 300);
  }

  /** Unique prompts of 200 to 3,000 tokens, answers of 50 to 300 tokens: nothing to reuse. */
  static Workload noSharing() {
    return new SingleShotWorkload("no-sharing", 0, 0, 0, 0, 200, 3000, 50, 300);
  }

  @Override
  public WorkloadTrace generate(double ratePerSecond, int count, long seed) {
    SplittableRandom content = new SplittableRandom(seed);
    SplittableRandom arrivals = new SplittableRandom(~seed);
    int[] systemLength = new int[systemPrompts];
    for (int i = 0; i < systemPrompts; i++) {
      systemLength[i] = TokenStream.uniform(content, systemMin, systemMax);
    }
    Zipf popularity = systemPrompts == 0 ? null : new Zipf(systemPrompts, zipf);
    int total = count + count / 4;
    List<TraceRequest> out = new ArrayList<>(total);
    double t = 0;
    for (int r = 0; r < total; r++) {
      t += TokenStream.exponential(arrivals, 1000 / ratePerSecond);
      TokenStream prompt = new TokenStream();
      if (popularity != null) {
        int s = popularity.draw(content);
        prompt.append(seed * 31 + s, systemLength[s]);
      }
      prompt.append(content.nextLong(), TokenStream.uniform(content, userMin, userMax));
      int output = TokenStream.uniform(content, outputMin, outputMax);
      PrefixBlocks asked = prompt.blocks();
      out.add(TraceRequest.single(t, asked, output, prompt.append(content.nextLong(), output).blocks()));
    }
    return new WorkloadTrace(out, out.get(total - count).arrivalMs(), Double.POSITIVE_INFINITY);
  }
}
