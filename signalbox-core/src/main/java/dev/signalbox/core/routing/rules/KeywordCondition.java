package dev.signalbox.core.routing.rules;

import dev.signalbox.core.signal.Signals;
import java.util.ArrayList;
import java.util.List;

/**
 * Keywords in the user's text: {@code any} of them, {@code all} of them, or {@code none} of them,
 * as whole words or anywhere ({@code match: contains}), ignoring case unless asked not to.
 */
final class KeywordCondition implements Condition {
  /** How the keywords combine. */
  enum Mode {
    ANY,
    ALL,
    NONE
  }

  private final Mode mode;
  private final KeywordSet keywords;
  private final String description;

  KeywordCondition(Mode mode, List<String> keywords, boolean caseSensitive, boolean wholeWord) {
    List<String> normalised = new ArrayList<>(keywords.size());
    for (String k : keywords) {
      normalised.add(KeywordSet.normalise(k, !caseSensitive));
    }
    this.mode = mode;
    this.keywords = new KeywordSet(normalised, !caseSensitive, wholeWord);
    String prefix =
        mode == Mode.ANY ? "any keyword of " : mode == Mode.ALL ? "all keywords of " : "no keyword of ";
    this.description = prefix + "[" + quoted(this.keywords.all()) + "]"
        + (wholeWord ? "" : " (contains)") + (caseSensitive ? " (case-sensitive)" : "");
  }

  @Override
  public boolean test(Signals signals) {
    String text = signals.text() == null ? "" : signals.text();
    switch (mode) {
      case ANY:
        return keywords.find(text, true) != 0;
      case ALL:
        return keywords.find(text, false) == keywords.all();
      default:
        return keywords.find(text, true) == 0;
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public String explain(Signals signals) {
    String text = signals.text() == null ? "" : signals.text();
    switch (mode) {
      case ANY:
        return "keyword " + quoted(keywords.find(text, true));
      case ALL:
        return "keywords " + quoted(keywords.all());
      default:
        return "no keyword of [" + quoted(keywords.all()) + "]";
    }
  }

  private String quoted(long mask) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < keywords.size(); k++) {
      if ((mask & (1L << k)) != 0) {
        sb.append(sb.length() == 0 ? "" : ", ").append('\'').append(keywords.keyword(k)).append('\'');
      }
    }
    return sb.toString();
  }
}
