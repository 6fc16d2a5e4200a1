package dev.signalbox.core.signal;

import static dev.signalbox.core.signal.CharClasses.LOWER;
import static dev.signalbox.core.signal.CharClasses.UPPER;
import static dev.signalbox.core.signal.CharClasses.WORD;
import static dev.signalbox.core.signal.CharClasses.isDigit;
import static dev.signalbox.core.signal.CharClasses.isLetter;
import static dev.signalbox.core.signal.CharClasses.kind;
import static dev.signalbox.core.signal.TaskHeuristic.CLASSES;
import static dev.signalbox.core.signal.TaskHeuristic.CODE;
import static dev.signalbox.core.signal.TaskHeuristic.GENERAL;
import static dev.signalbox.core.signal.TaskHeuristic.LEADING_WORDS;
import static dev.signalbox.core.signal.TaskHeuristic.MATH;
import static dev.signalbox.core.signal.TaskHeuristic.REASONING;
import static dev.signalbox.core.signal.TaskHeuristic.TRANSLATION;
import static dev.signalbox.core.signal.TaskHeuristic.WRITING;
import static dev.signalbox.core.signal.TaskVocabulary.CODE_FORM;
import static dev.signalbox.core.signal.TaskVocabulary.HUMAN_LANG;
import static dev.signalbox.core.signal.TaskVocabulary.INTO;
import static dev.signalbox.core.signal.TaskVocabulary.PROG_LANG;
import static dev.signalbox.core.signal.TaskVocabulary.TRANSLATE_VERB;
import static dev.signalbox.core.signal.TaskVocabulary.WRITE_VERB;
import static dev.signalbox.core.signal.TaskVocabulary.WRITING_FORM;

import dev.signalbox.core.signal.TaskVocabulary.Entry;
import dev.signalbox.core.signal.TaskVocabulary.Phrase;

/** One pass of {@link TaskHeuristic} over one text: counts cues, then turns them into scores. */
final class TaskScan {
  private static final int FAR = -1_000;
  /** Words between a writing verb and its object ("write a short python function"). */
  private static final int VERB_OBJECT_WINDOW = 4;
  /** Words between "translate" and the language name, either way round. */
  private static final int TRANSLATE_WINDOW = 12;
  /** A longer text is read at its first {@code HEAD_CHARS} and last {@code TAIL_CHARS} only. */
  static final int HEAD_CHARS = 6_000;
  static final int TAIL_CHARS = 2_000;

  private final TaskVocabulary vocabulary = TaskVocabulary.INSTANCE;
  private final String text;
  private final int n;
  private final double[] scores = new double[CLASSES];
  private final long[] seenWords;
  private final long[] seenPhrases;

  // word sequence state, for phrases and word pairs
  private int wordIndex;
  private int prev1 = -1;
  private int prev2 = -1;
  private int prev3 = -1;
  private int lastWriteVerb = FAR;
  private int lastTranslateVerb = FAR;
  private int lastHumanLang = FAR;
  private boolean writingPair;
  private boolean codePair;
  private boolean translationPair;
  private boolean targetLanguage;
  private boolean mathWords;
  private boolean quantityQuestion;

  // shape counters
  private int fences;
  private int braces;
  private int semicolonLineEnds;
  private int calls;
  private int codeOperators;
  private int indentedLines;
  private int identifiers;
  private int numbers;
  private int expressions;
  private int variables;
  private int powers;
  private int latexCommands;
  private int percents;
  private int choiceLetters;

  TaskScan(String text) {
    this.text = text;
    this.n = text.length();
    this.seenWords = new long[(vocabulary.size() + 63) >>> 6];
    this.seenPhrases = new long[(vocabulary.phraseCount() + 63) >>> 6];
    scores[GENERAL] = TaskHeuristic.GENERAL_BASELINE;
  }

  double[] scores() {
    return scores;
  }

  void run() {
    indentation(0);
    if (n <= HEAD_CHARS + TAIL_CHARS) {
      scan(0, n);
    } else {
      // a long prompt: the instruction is nearly always at its start or its end
      scan(0, HEAD_CHARS);
      int tail = n - TAIL_CHARS;
      while (tail < n && !Character.isWhitespace(text.charAt(tail - 1))) {
        tail++;
      }
      prev1 = -1;
      prev2 = -1;
      prev3 = -1;
      scan(tail, n);
    }
    shapeScores();
  }

  private void scan(int from, int to) {
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      if (c == ' ') {
        i++;
      } else if (isLetter(c) || c == '_') {
        i = word(i);
      } else if (isDigit(c)) {
        i = number(i);
      } else {
        symbol(c, i);
        i++;
      }
    }
  }

  private void symbol(char c, int i) {
    char next = i + 1 < n ? text.charAt(i + 1) : '\0';
    switch (c) {
      case '`':
        if (next == '`' && i + 2 < n && text.charAt(i + 2) == '`') {
          fences++;
        }
        break;
      case '{':
      case '}':
        braces++;
        break;
      case ';':
        if (next == '\n' || next == '\r' || next == '\0') {
          semicolonLineEnds++;
        }
        break;
      case '\n':
        indentation(i + 1);
        break;
      case '\\':
        if (isLetter(next)) {
          latexCommands++;
        }
        break;
      case '=':
        if (next == '=' || next == '>') {
          codeOperators++;
        }
        break;
      case '!':
      case '+':
        if (next == '=') {
          codeOperators++;
        }
        break;
      case '-':
        if (next == '>') {
          codeOperators++;
        }
        break;
      case ':':
      case '&':
      case '|':
        if (next == c) {
          codeOperators++;
        }
        break;
      case '<':
        if (next == '/') {
          codeOperators++;
        }
        break;
      case '^':
        if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)) && Character.isLetterOrDigit(next)) {
          powers++;
        }
        break;
      default:
        break;
    }
  }

  /** Counts a line indented by a tab or two or more spaces that has something on it. */
  private void indentation(int lineStart) {
    int j = lineStart;
    while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
      j++;
    }
    boolean indented = j > lineStart && (text.charAt(lineStart) == '\t' || j - lineStart >= 2);
    if (indented && j < n && !Character.isWhitespace(text.charAt(j))) {
      indentedLines++;
    }
  }

  private int word(int start) {
    int hash = 0;
    boolean underscore = false;
    boolean camel = false;
    boolean lastLower = false;
    int i = start;
    while (i < n) {
      char c = text.charAt(i);
      int kind = kind(c);
      if ((kind & WORD) == 0) {
        break;
      }
      if ((kind & UPPER) != 0) {
        camel |= lastLower;
        c = c < 128 ? (char) (c + ('a' - 'A')) : Character.toLowerCase(c);
      } else if (c == '_' && i > start) {
        underscore = true;
      }
      lastLower = (kind & LOWER) != 0;
      hash = 31 * hash + c;
      i++;
    }
    int length = i - start;
    if (underscore || camel) {
      identifiers++;
    }
    if (i < n && text.charAt(i) == '(' && length >= 2) {
      calls++;
    }
    if (length == 1) {
      singleLetter(start);
    }
    Entry entry = length <= TaskVocabulary.MAX_WORD_LENGTH
        ? vocabulary.lookup(text, start, i, hash)
        : null;
    if (entry != null) {
      known(entry);
    }
    prev3 = prev2;
    prev2 = prev1;
    prev1 = entry == null ? -1 : entry.id;
    wordIndex++;
    return i;
  }

  /** A one-letter word: a multiple-choice marker ({@code A)}, {@code B.}) or an algebra variable. */
  private void singleLetter(int at) {
    char letter = text.charAt(at);
    char after = at + 1 < n ? text.charAt(at + 1) : '\0';
    if (letter >= 'A' && letter <= 'D'
        && (after == ')' || ((after == '.' || after == ':') && atLineStart(at)))) {
      choiceLetters |= 1 << (letter - 'A');
    } else if (letter >= 'a' && letter <= 'z' && operandFollows(at + 1)) {
      expressions++;
    }
  }

  private boolean atLineStart(int at) {
    int j = at - 1;
    while (j >= 0 && (text.charAt(j) == ' ' || text.charAt(j) == '\t' || text.charAt(j) == '(')) {
      j--;
    }
    return j < 0 || text.charAt(j) == '\n';
  }

  private void known(Entry e) {
    boolean leading = wordIndex < LEADING_WORDS;
    if (e.points != null && !seen(seenWords, e.id)) {
      add(e.points, leading ? 2 : 1);
      mathWords |= e.points[MATH] > 0;
    }
    for (Phrase p : e.endingHere) {
      if (follows(p.before()) && !seen(seenPhrases, p.id())) {
        boolean phraseLeads = wordIndex - p.before().length < LEADING_WORDS && p.label() != GENERAL;
        double weight = phraseLeads ? 2 : 1;
        scores[p.label()] += p.points() * weight;
        mathWords |= p.label() == MATH && p.points() > 0;
        quantityQuestion |= p.asksQuantity();
      }
    }
    pairs(e.roles);
  }

  /** Word pairs: "write … poem", "write … python function", "translate … French", "into French". */
  private void pairs(int roles) {
    if (roles == 0) {
      return;
    }
    if ((roles & WRITE_VERB) != 0) {
      lastWriteVerb = wordIndex;
    }
    boolean nearVerb = wordIndex - lastWriteVerb <= VERB_OBJECT_WINDOW;
    if ((roles & WRITING_FORM) != 0 && nearVerb && !writingPair) {
      writingPair = true;
      scores[WRITING] += 3;
    }
    if ((roles & (CODE_FORM | PROG_LANG)) != 0 && nearVerb && !codePair) {
      codePair = true;
      scores[CODE] += 3;
    }
    if ((roles & TRANSLATE_VERB) != 0) {
      lastTranslateVerb = wordIndex;
    }
    if ((roles & HUMAN_LANG) != 0) {
      lastHumanLang = wordIndex;
      if (!targetLanguage && prev1 >= 0 && (vocabulary.byId(prev1).roles & INTO) != 0) {
        targetLanguage = true;
        scores[TRANSLATION] += 1.5;
      }
    }
    boolean bothSeen = lastTranslateVerb != FAR && lastHumanLang != FAR;
    if (bothSeen && !translationPair && Math.abs(lastTranslateVerb - lastHumanLang) <= TRANSLATE_WINDOW) {
      translationPair = true;
      scores[TRANSLATION] += 4;
    }
  }

  private boolean follows(int[] before) {
    int k = before.length;
    return before[k - 1] == prev1
        && (k < 2 || before[k - 2] == prev2)
        && (k < 3 || before[k - 3] == prev3);
  }

  private int number(int start) {
    int i = start;
    while (i < n) {
      char c = text.charAt(i);
      boolean separator = (c == '.' || c == ',') && i + 1 < n && isDigit(text.charAt(i + 1));
      if (!isDigit(c) && !separator) {
        break;
      }
      i++;
    }
    numbers++;
    if (i < n) {
      char after = text.charAt(i);
      if (after == '%') {
        percents++;
      } else if (after >= 'a' && after <= 'z' && (i + 1 >= n || !isLetter(text.charAt(i + 1)))) {
        variables++;
      }
    }
    if (operandFollows(i)) {
      expressions++;
    }
    return i;
  }

  /** Whether an operator and then a number, a one-letter variable or a bracket follow {@code from}. */
  private boolean operandFollows(int from) {
    int j = skipSpaces(from);
    if (j >= n || !isOperator(text.charAt(j))) {
      return false;
    }
    j = skipSpaces(j + 1);
    if (j >= n) {
      return false;
    }
    char c = text.charAt(j);
    if (isDigit(c) || c == '(') {
      return true;
    }
    return c >= 'a' && c <= 'z' && (j + 1 >= n || !isLetter(text.charAt(j + 1)));
  }

  private static boolean isOperator(char c) {
    switch (c) {
      case '+':
      case '-':
      case '*':
      case '/':
      case '^':
      case '=':
      case '<':
      case '>':
      case '×':
      case '÷':
        return true;
      default:
        return false;
    }
  }

  private int skipSpaces(int from) {
    int j = from;
    while (j < n && j - from < 3 && text.charAt(j) == ' ') {
      j++;
    }
    return j;
  }

  private void shapeScores() {
    double code = 0;
    code += fences > 0 ? 4 : 0;
    code += braces >= 2 ? 1.5 : 0;
    code += semicolonLineEnds >= 2 ? 1.5 : semicolonLineEnds * 0.5;
    code += calls >= 2 ? 1.5 : calls * 0.5;
    code += Math.min(codeOperators, 4) * 0.5;
    code += indentedLines >= 2 ? 1 : 0;
    code += Math.min(identifiers, 4) * 0.5;
    scores[CODE] += code;

    double math = Math.min(expressions, 3) * 1.5;
    math += Math.min(variables, 2) * 0.5;
    math += powers > 0 ? 1 : 0;
    math += latexCommands > 0 ? 2 : 0;
    math += percents > 0 ? 1 : 0;
    if (quantityQuestion && numbers > 0) {
      math += 2.5;
    }
    if (numbers >= 2) {
      // several numbers plus math words: a word problem
      math += mathWords ? 2 : 0.5;
    }
    scores[MATH] += math;

    if (Integer.bitCount(choiceLetters) >= 3) {
      scores[REASONING] += 4;
    }
  }

  private void add(double[] points, double leadingWeight) {
    for (int c = 0; c < CLASSES; c++) {
      // greetings lead a message anyway; doubling them would drown the request that follows
      scores[c] += points[c] * (c == GENERAL ? 1 : leadingWeight);
    }
  }

  private static boolean seen(long[] bits, int id) {
    long mask = 1L << id;
    boolean was = (bits[id >>> 6] & mask) != 0;
    bits[id >>> 6] |= mask;
    return was;
  }
}
