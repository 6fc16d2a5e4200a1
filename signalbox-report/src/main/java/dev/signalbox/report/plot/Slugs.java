package dev.signalbox.report.plot;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * File-name parts from free text such as model names and drift specs: lower case ASCII letters,
 * digits, single hyphens and dots between them ({@code zero-one-ai/Yi-34B-Chat} becomes
 * {@code zero-one-ai-yi-34b-chat}, {@code add:best@30%} becomes {@code add-best-30pct}).
 */
public final class Slugs {
  private Slugs() {}

  public static String of(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
        .replace("%", "pct").replace("*", "-x").replace("+", "-plus-")
        .replaceAll("[^a-z0-9.]+", "-")
        .replaceAll("[-.]*-[-.]*", "-")
        .replaceAll("\\.{2,}", ".")
        .replaceAll("^[-.]+|[-.]+$", "");
    return s.isEmpty() ? "unnamed" : s;
  }

  /** The slug of each text, in order; a slug met before gets {@code -2}, {@code -3}, ... */
  public static List<String> unique(List<String> texts) {
    Set<String> taken = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (String t : texts) {
      String base = of(t);
      String s = base;
      for (int n = 2; !taken.add(s); n++) {
        s = base + "-" + n;
      }
      out.add(s);
    }
    return out;
  }
}
