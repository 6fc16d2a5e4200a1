package dev.signalbox.sim.bench;

import dev.signalbox.core.request.PrefixBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sessions whose prompt grows turn by turn: each turn resends everything before it, the last
 * answer and a new message. Sessions start in a Poisson stream; a turn is sent a pause after the
 * previous one is answered (a user reading and typing, a tool running), so a slow pool slows its
 * sessions as a real one would. {@code multi-turn} is a chat; {@code agent-loop} an agent that
 * resends a long context of tool definitions and history with each tool result. Requests are
 * measured once as many sessions are in progress as at any later time, until sessions stop
 * starting.
 */
record SessionWorkload(String name, int templates, int templateMin, int templateMax, int openingMin,
    int openingMax, int turnsMin, int turnsMax, int messageMin, int messageMax, int outputMin, int outputMax,
    double pauseMinMs, double pauseMeanMs, double rampMs) implements Workload {

  /**
   * Chats of 2 to 10 turns behind one of 50 system prompts (200 to 1,500 tokens, Zipf(1.0));
   * messages of 50 to 400 tokens, answers of 100 to 500; the user replies 3 s plus an exponential
   * 7 s (mean) after an answer. Measured after 60 s.
   */
  static Workload multiTurn() {
    return new SessionWorkload("multi-turn", 50, 200, 1500, 50, 400, 2, 10, 50, 400, 100, 500, 3000, 7000,
        60_000);
  }

  /**
   * Agents behind one of 10 templates of 2,000 to 5,000 tokens (instructions and tool schemas,
   * Zipf(1.0)), each with a task of 100 to 600 tokens, running 5 to 15 steps; a step resends the
   * context with the last tool call and its result (100 to 1,500 tokens) and asks for the next
   * call (30 to 150 tokens); tools take 0.5 s plus an exponential 1.5 s (mean). Measured after 45 s.
   */
  static Workload agentLoop() {
    return new SessionWorkload("agent-loop", 10, 2000, 5000, 100, 600, 5, 15, 100, 1500, 30, 150, 500, 1500,
        45_000);
  }

  @Override
  public WorkloadTrace generate(double ratePerSecond, int count, long seed) {
    SplittableRandom content = new SplittableRandom(seed);
    SplittableRandom arrivals = new SplittableRandom(~seed);
    int[] templateLength = new int[templates];
    for (int i = 0; i < templates; i++) {
      templateLength[i] = TokenStream.uniform(content, templateMin, templateMax);
    }
    Zipf popularity = new Zipf(templates, 1.0);
    double meanTurns = (turnsMin + turnsMax) / 2.0;
    double horizonMs = rampMs + count * 1000 / ratePerSecond;
    List<List<TraceRequest>> sessions = new ArrayList<>();
    double start = 0;
    while (true) {
      start += TokenStream.exponential(arrivals, 1000 * meanTurns / ratePerSecond);
      if (start >= horizonMs) {
        break;
      }
      sessions.add(session(content, seed, templateLength, popularity, start));
    }
    // first turns in arrival order, then the later ones, each pointing at its successor
    List<TraceRequest> out = new ArrayList<>();
    for (List<TraceRequest> s : sessions) {
      out.add(s.get(0));
    }
    for (int i = 0; i < sessions.size(); i++) {
      List<TraceRequest> s = sessions.get(i);
      int previous = i;
      for (int turn = 1; turn < s.size(); turn++) {
        TraceRequest before = out.get(previous);
        out.set(previous, new TraceRequest(before.arrivalMs(), before.prompt(), before.outputTokens(),
            before.sequence(), out.size(), before.nextPauseMs()));
        previous = out.size();
        out.add(s.get(turn));
      }
    }
    return new WorkloadTrace(out, rampMs, horizonMs);
  }

  private List<TraceRequest> session(SplittableRandom content, long seed, int[] templateLength, Zipf popularity,
      double start) {
    int template = popularity.draw(content);
    TokenStream prompt = new TokenStream().append(seed * 31 + template, templateLength[template])
        .append(content.nextLong(), TokenStream.uniform(content, openingMin, openingMax));
    int turns = TokenStream.uniform(content, turnsMin, turnsMax);
    List<TraceRequest> out = new ArrayList<>(turns);
    for (int turn = 0; turn < turns; turn++) {
      int output = TokenStream.uniform(content, outputMin, outputMax);
      PrefixBlocks asked = prompt.blocks();
      // the next turn: this answer, then a new message
      prompt = new TokenStream(prompt).append(content.nextLong(), output);
      double pause = pauseMinMs + TokenStream.exponential(content, pauseMeanMs);
      out.add(new TraceRequest(turn == 0 ? start : Double.NaN, asked, output, prompt.blocks(), -1,
          turn + 1 < turns ? pause : 0));
      prompt.append(content.nextLong(), TokenStream.uniform(content, messageMin, messageMax));
    }
    return out;
  }
}
