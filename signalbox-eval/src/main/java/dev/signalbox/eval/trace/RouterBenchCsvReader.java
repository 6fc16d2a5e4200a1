package dev.signalbox.eval.trace;

import dev.signalbox.core.request.Message;
import dev.signalbox.core.signal.TokenEstimator;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * RouterBench rows as RouterDC re-hosts them: CSV with {@code sample_id}, {@code prompt} (a Python
 * list literal), {@code eval_name}, one score column per model, {@code MODEL|total_cost} and
 * {@code MODEL|model_response}, whose estimated tokens ({@link TokenEstimator}, as the gateway
 * estimates prompts) are the output tokens that let a trained router be re-priced.
 * Rows with any empty score are dropped (the 14 duplicated ARC ids), as the dataset notes advise.
 */
public final class RouterBenchCsvReader implements TraceReader {
  private static final Logger LOG = Logger.getLogger(RouterBenchCsvReader.class.getName());

  @Override
  public boolean accepts(Path file, String head) {
    return file.getFileName().toString().endsWith(".csv") && head.contains("sample_id") && head.contains("eval_name");
  }

  @Override
  public List<TraceRecord> read(Path file) throws IOException {
    List<TraceRecord> out = new ArrayList<>();
    String split = TraceReader.splitOf(file);
    int dropped = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<String> header = Csv.fields(in.readLine());
      int id = header.indexOf("sample_id");
      int prompt = header.indexOf("prompt");
      int task = header.indexOf("eval_name");
      List<String> models = new ArrayList<>();
      for (String h : header) {
        if (!h.isEmpty() && !h.contains("|") && header.contains(h + "|total_cost")) {
          models.add(h);
        }
      }
      String line;
      int number = 1;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        List<String> f = Csv.fields(line);
        if (f.size() != header.size()) {
          throw new IllegalArgumentException(file + ":" + number + ": expected " + header.size() + " fields, got " + f.size());
        }
        Map<String, ModelOutcome> outcomes = new LinkedHashMap<>();
        boolean complete = true;
        for (String m : models) {
          String score = f.get(header.indexOf(m));
          String cost = f.get(header.indexOf(m + "|total_cost"));
          int response = header.indexOf(m + "|model_response");
          if (score.isEmpty()) {
            complete = false;
            break;
          }
          double outputTokens = response < 0 ? Double.NaN : TokenEstimator.count(PythonListText.parse(f.get(response)));
          outcomes.put(m, new ModelOutcome(Double.parseDouble(score), cost.isEmpty() ? Double.NaN : Double.parseDouble(cost),
              Double.NaN, outputTokens, Double.NaN));
        }
        if (!complete) {
          dropped++;
          continue;
        }
        out.add(new TraceRecord(f.get(id), f.get(task), List.of(Message.user(PythonListText.parse(f.get(prompt)))),
            outcomes, split));
      }
    }
    if (dropped > 0) {
      int n = dropped;
      LOG.info(() -> file.getFileName() + ": dropped " + n + " rows with missing scores");
    }
    return out;
  }
}
