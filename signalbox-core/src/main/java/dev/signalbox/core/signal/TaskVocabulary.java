package dev.signalbox.core.signal;

import static dev.signalbox.core.signal.TaskHeuristic.CLASSES;
import static dev.signalbox.core.signal.TaskHeuristic.CODE;
import static dev.signalbox.core.signal.TaskHeuristic.EXTRACTION;
import static dev.signalbox.core.signal.TaskHeuristic.GENERAL;
import static dev.signalbox.core.signal.TaskHeuristic.MATH;
import static dev.signalbox.core.signal.TaskHeuristic.REASONING;
import static dev.signalbox.core.signal.TaskHeuristic.SUMMARIZATION;
import static dev.signalbox.core.signal.TaskHeuristic.TRANSLATION;
import static dev.signalbox.core.signal.TaskHeuristic.WRITING;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words and phrases {@link TaskHeuristic} knows, with the points each gives to each label and
 * the roles that word pairs look for. Lookups hash the text in place, so scanning a prompt
 * allocates nothing per word.
 */
final class TaskVocabulary {
  /** Role: a verb that asks for a text to be produced ({@code write}, {@code compose}). */
  static final int WRITE_VERB = 1;
  /** Role: a literary or business form ({@code poem}, {@code email}). */
  static final int WRITING_FORM = 1 << 1;
  /** Role: something a program is made of ({@code function}, {@code script}). */
  static final int CODE_FORM = 1 << 2;
  /** Role: a programming language or framework ({@code python}). */
  static final int PROG_LANG = 1 << 3;
  /** Role: a form of {@code translate}. */
  static final int TRANSLATE_VERB = 1 << 4;
  /** Role: a human language's name ({@code french}). */
  static final int HUMAN_LANG = 1 << 5;
  /** Role: {@code into}, {@code to}, {@code in}: before a language name, a target language. */
  static final int INTO = 1 << 6;

  /** Words longer than this are never looked up. */
  static final int MAX_WORD_LENGTH = 24;

  static final TaskVocabulary INSTANCE = build();

  /** One known word: its points per label (null: none), roles and the phrases it ends. */
  static final class Entry {
    final String word;
    final int id;
    double[] points;
    int roles;
    Phrase[] endingHere = new Phrase[0];

    Entry(String word, int id) {
      this.word = word;
      this.id = id;
    }
  }

  /**
   * A phrase of two to four known words, recognised at its last word.
   *
   * @param id index in the phrase bit set
   * @param before ids of the words before the last, oldest first
   * @param label the label it gives points to
   * @param points the points
   * @param asksQuantity "how many", "how much": math only when the text also has a number
   */
  record Phrase(int id, int[] before, int label, double points, boolean asksQuantity) {}

  private final Entry[] table;
  /** The hash of each slot's word, compared before the word itself is touched. */
  private final int[] hashes;
  private final int mask;
  private final Entry[] byId;
  private final int phraseCount;

  private TaskVocabulary(Map<String, Entry> entries, int phraseCount) {
    int size = Integer.highestOneBit(entries.size() * 4 - 1) << 1;
    this.table = new Entry[size];
    this.hashes = new int[size];
    this.mask = size - 1;
    this.byId = new Entry[entries.size()];
    for (Entry e : entries.values()) {
      int hash = e.word.hashCode();
      int slot = spread(hash) & mask;
      while (table[slot] != null) {
        slot = (slot + 1) & mask;
      }
      table[slot] = e;
      hashes[slot] = hash;
      byId[e.id] = e;
    }
    this.phraseCount = phraseCount;
  }

  int size() {
    return byId.length;
  }

  int phraseCount() {
    return phraseCount;
  }

  Entry byId(int id) {
    return byId[id];
  }

  /**
   * The entry for {@code text[start, end)} compared case-insensitively, given {@code hash}, the
   * {@link String#hashCode()} of that word in lower case; null when unknown.
   */
  Entry lookup(String text, int start, int end, int hash) {
    int length = end - start;
    for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
      Entry e = table[slot];
      if (e == null) {
        return null;
      }
      if (hashes[slot] == hash && e.word.length() == length && sameWord(e.word, text, start)) {
        return e;
      }
    }
  }

  private static boolean sameWord(String lowerWord, String text, int start) {
    for (int k = 0; k < lowerWord.length(); k++) {
      if (lowerWord.charAt(k) != CharClasses.lower(text.charAt(start + k))) {
        return false;
      }
    }
    return true;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  private static TaskVocabulary build() {
    Builder b = new Builder();
    code(b);
    math(b);
    reasoning(b);
    writing(b);
    summarization(b);
    translation(b);
    extraction(b);
    general(b);
    return b.done();
  }

  private static void code(Builder b) {
    b.words(CODE, 2.0, "python", "javascript", "typescript", "java", "golang", "rust", "kotlin", "php",
        "ruby", "haskell", "scala", "swift", "perl", "lua", "cpp", "csharp", "matlab", "sql", "bash",
        "html", "css", "dart", "elixir", "clojure", "fortran", "cobol", "numpy", "pandas", "django",
        "flask", "react", "nodejs", "powershell", "verilog", "sqlite", "postgres", "mysql");
    b.roles(PROG_LANG, "python", "javascript", "typescript", "java", "golang", "rust", "kotlin", "php",
        "ruby", "haskell", "scala", "swift", "perl", "lua", "cpp", "csharp", "matlab", "sql", "bash",
        "html", "css", "dart", "elixir", "clojure", "powershell", "verilog");
    b.words(CODE, 2.0, "def", "elif", "println", "printf", "nullptr", "struct", "enum", "void",
        "async", "await", "typeof", "namespace", "stdout", "stderr", "stacktrace", "traceback",
        "segfault", "compile", "compiler", "compiling", "debug", "debugging", "refactor", "git",
        "github", "dockerfile", "kubernetes", "regex", "yaml", "sdk", "npm", "pip", "maven", "gradle",
        "syntax", "code", "coding", "programming", "snippet", "unittest", "pytest", "junit", "boolean",
        "recursion", "const", "lambda", "nullpointerexception", "repo");
    b.words(CODE, 1.5, "function", "functions", "array", "arrays", "algorithm", "implement",
        "program", "exception", "import", "api", "endpoint", "bug", "runtime", "variable",
        "variables", "frontend", "backend", "recursive", "dataframe", "parse");
    b.words(CODE, 1.0, "implementation", "query", "http", "null", "undefined", "int", "char", "hashmap",
        "dict", "tuple", "json");
    // common English words too: alone they should not outweigh general
    b.words(CODE, 0.5, "method", "methods", "class", "classes", "script", "loop", "string", "strings",
        "console", "module", "database", "deploy", "error", "binary", "dictionary", "print", "integer");
    b.roles(CODE_FORM, "function", "functions", "code", "script", "program", "class", "method",
        "snippet", "regex", "query", "algorithm", "implementation", "api", "endpoint", "module",
        "library", "unittest", "dockerfile", "sql", "bash", "recursion", "lambda");
    b.phrase(CODE, 2.0, "unit test");
    b.phrase(CODE, 2.0, "unit tests");
    b.phrase(CODE, 2.0, "time complexity");
    b.phrase(CODE, 2.0, "linked list");
    b.phrase(CODE, 2.0, "binary tree");
    b.phrase(CODE, 2.0, "stack trace");
  }

  private static void math(Builder b) {
    b.words(MATH, 3.0, "equation", "equations", "integral", "integrals", "derivative", "derivatives",
        "calculus", "algebra", "polynomial", "quadratic", "logarithm", "trigonometry", "eigenvalue",
        "eigenvalues", "hypotenuse", "arithmetic");
    b.words(MATH, 2.5, "calculate", "solve", "simplify", "differentiate", "factorial", "geometry");
    b.words(MATH, 2.0, "integrate", "sqrt", "sine", "cosine", "tangent", "probability", "variance",
        "fraction", "fractions", "multiply", "multiplied", "gcd", "lcm", "exponent", "calculation",
        "perimeter", "radius", "diameter", "circumference", "denominator", "numerator", "modulo");
    b.words(MATH, 1.5, "compute", "matrix", "matrices", "statistics", "median", "percent",
        "percentage", "ratio", "divide", "divided", "minus", "remainder", "theorem", "triangle",
        "decimal", "digits", "proof");
    b.words(MATH, 1.0, "vector", "proportion", "sum", "plus", "primes", "integers", "altogether", "cents",
        "mph", "evaluate");
    b.words(MATH, 0.5, "average", "prime", "factor", "factors", "area", "angle", "total", "half", "twice",
        "profit", "interest", "speed", "distance");
    b.words(REASONING, 0.5, "solve", "evaluate");
    b.quantityQuestion("how many");
    b.quantityQuestion("how much");
    b.phrase(MATH, 2.5, "square root");
    b.phrase(MATH, 2.0, "word problem");
    b.phrase(MATH, 1.5, "what is the value");
    b.phrase(MATH, 1.5, "in total");
  }

  private static void reasoning(Builder b) {
    b.words(REASONING, 3.5, "prove");
    b.words(REASONING, 3.0, "riddle", "syllogism");
    b.words(REASONING, 2.5, "puzzle", "deduce", "premise", "premises");
    b.words(REASONING, 2.0, "reasoning", "logic", "logical", "logically", "infer", "fallacy",
        "proof");
    b.words(REASONING, 1.5, "conclude", "implies", "hypothesis", "contradiction", "paradox",
        "analyze", "analyse", "justify", "plausible", "deduction");
    b.words(REASONING, 1.0, "reason", "inference", "conclusion", "therefore", "argument", "dilemma",
        "tradeoff", "tradeoffs", "compare", "contrast", "analysis", "scenario", "consequences",
        "assumption", "assumptions", "hence");
    b.words(REASONING, 0.5, "explain", "likely", "assess");
    b.words(REASONING, 0.25, "why");
    b.phrase(REASONING, 3.0, "step by step");
    b.phrase(REASONING, 2.5, "what am i");
    b.phrase(REASONING, 2.0, "which of the following");
    b.phrase(REASONING, 2.0, "true or false");
    b.phrase(REASONING, 2.0, "think carefully");
    b.phrase(REASONING, 2.0, "pros and cons");
    b.phrase(REASONING, 2.0, "best answer");
    b.phrase(REASONING, 2.0, "correct answer");
    b.phrase(REASONING, 2.0, "explain why");
    b.phrase(REASONING, 2.0, "chain of thought");
    b.phrase(REASONING, 1.5, "most likely");
  }

  private static void writing(Builder b) {
    b.words(WRITING, 3.0, "haiku", "limerick", "sonnet");
    b.words(WRITING, 2.5, "proofread");
    b.words(WRITING, 2.0, "poem", "poems", "poetry", "lyrics", "slogan", "tagline", "eulogy", "fable",
        "ballad", "screenplay", "rewrite", "paraphrase", "rephrase", "reword", "rhyme", "rhyming",
        "persuasive", "protagonist");
    b.words(WRITING, 1.5, "essay", "blog", "creative", "fiction", "grammar", "catchy", "storyline");
    b.words(WRITING, 1.0, "story", "stories", "speech", "song", "novel", "tweet", "toast", "tale",
        "verse", "narrative", "bio", "newsletter", "memo", "caption", "tone", "polish", "edit",
        "compose", "draft", "engaging", "imaginative", "villain", "cover");
    b.words(WRITING, 0.5, "email", "letter", "article", "chapter", "dialogue", "biography",
        "description", "plot", "character", "characters", "write", "post", "review", "proposal");
    b.roles(WRITE_VERB, "write", "compose", "draft", "craft", "create", "generate", "pen", "rewrite");
    b.roles(WRITING_FORM, "story", "stories", "poem", "poems", "poetry", "essay", "email", "letter",
        "blog", "article", "speech", "song", "lyrics", "haiku", "limerick", "sonnet", "novel",
        "chapter", "tweet", "slogan", "tagline", "toast", "eulogy", "fable", "tale", "ballad", "verse",
        "narrative", "screenplay", "bio", "biography", "newsletter", "memo", "caption", "description",
        "post", "review", "proposal", "dialogue", "cover", "paragraph", "limericks", "haikus");
    b.phrase(WRITING, 2.0, "in the style of");
    b.phrase(WRITING, 2.0, "once upon a time");
    b.phrase(WRITING, 1.5, "cover letter");
  }

  private static void summarization(Builder b) {
    b.words(SUMMARIZATION, 4.0, "summarize", "summarise", "summarization", "summarisation", "tldr");
    b.words(SUMMARIZATION, 3.0, "summary", "summaries", "condense", "recap", "synopsis", "gist");
    b.words(SUMMARIZATION, 2.0, "shorten", "takeaways");
    b.words(SUMMARIZATION, 1.5, "overview", "briefly", "concise", "concisely");
    b.words(SUMMARIZATION, 1.0, "outline", "brief", "digest", "abstract");
    b.phrase(SUMMARIZATION, 4.0, "tl dr");
    b.phrase(SUMMARIZATION, 3.0, "sum up");
    b.phrase(SUMMARIZATION, 2.5, "key points");
    b.phrase(SUMMARIZATION, 2.5, "main points");
    b.phrase(SUMMARIZATION, 2.5, "main idea");
    b.phrase(SUMMARIZATION, 2.5, "key takeaways");
    b.phrase(SUMMARIZATION, 2.0, "boil down");
    b.phrase(SUMMARIZATION, 1.5, "bullet points");
  }

  private static void translation(Builder b) {
    b.words(TRANSLATION, 4.0, "translate");
    b.words(TRANSLATION, 3.5, "translation", "translations");
    b.words(TRANSLATION, 3.0, "translated", "translating", "translator");
    b.words(TRANSLATION, 1.5, "localize", "localise");
    String[] languages = {"english", "french", "spanish", "german", "italian", "portuguese",
        "chinese", "mandarin", "cantonese", "japanese", "korean", "russian", "arabic", "hindi",
        "dutch", "swedish", "norwegian", "danish", "finnish", "polish", "turkish", "greek", "hebrew",
        "vietnamese", "thai", "indonesian", "ukrainian", "czech", "romanian", "hungarian", "latin",
        "swahili", "bengali", "urdu", "persian", "farsi"};
    b.words(TRANSLATION, 0.5, languages);
    b.roles(HUMAN_LANG, languages);
    b.roles(TRANSLATE_VERB, "translate", "translation", "translations", "translated", "translating");
    b.roles(INTO, "into", "to", "in");
    b.phrase(TRANSLATION, 3.0, "how do you say");
    b.phrase(TRANSLATION, 2.0, "how to say");
  }

  private static void extraction(Builder b) {
    b.words(EXTRACTION, 4.0, "extract");
    b.words(EXTRACTION, 3.0, "extraction", "extracted", "extracting");
    b.words(EXTRACTION, 2.5, "entities");
    b.words(EXTRACTION, 1.5, "entity", "ner", "fields", "json", "csv", "structured");
    b.words(EXTRACTION, 1.0, "schema", "mentioned", "parse");
    b.phrase(EXTRACTION, 3.0, "list all");
    b.phrase(EXTRACTION, 3.0, "list every");
    b.phrase(EXTRACTION, 2.5, "identify all");
    b.phrase(EXTRACTION, 2.5, "pull out");
    b.phrase(EXTRACTION, 2.0, "find all");
    b.phrase(EXTRACTION, 2.0, "named entities");
    b.phrase(EXTRACTION, 2.0, "email addresses");
    b.phrase(EXTRACTION, 2.0, "phone numbers");
    b.phrase(EXTRACTION, 1.5, "key value");
  }

  private static void general(Builder b) {
    b.words(GENERAL, 3.0, "hi", "hello", "howdy", "hiya");
    b.words(GENERAL, 2.5, "hey", "thanks", "goodbye");
    b.words(GENERAL, 2.0, "thank", "thx", "bye", "greetings", "cheers");
    b.words(GENERAL, 1.5, "lol", "joke", "jokes");
    b.phrase(GENERAL, 3.0, "how are you");
    b.phrase(GENERAL, 2.5, "good morning");
    b.phrase(GENERAL, 2.5, "good evening");
    b.phrase(GENERAL, 2.5, "good night");
    b.phrase(GENERAL, 2.0, "what s up");
    b.phrase(GENERAL, 2.0, "who are you");
    b.phrase(GENERAL, 2.0, "nice to meet");
  }

  /** Collects words, phrases and roles, then freezes them into a table. */
  private static final class Builder {
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<Integer, List<Phrase>> phrases = new LinkedHashMap<>();
    private int phraseCount;

    void words(int label, double points, String... words) {
      for (String w : words) {
        Entry e = entry(w);
        if (e.points == null) {
          e.points = new double[CLASSES];
        }
        e.points[label] += points;
      }
    }

    void roles(int role, String... words) {
      for (String w : words) {
        entry(w).roles |= role;
      }
    }

    void phrase(int label, double points, String phrase) {
      phrase(label, points, phrase, false);
    }

    /** A phrase that asks for a quantity; it scores in {@link TaskScan} only beside a number. */
    void quantityQuestion(String phrase) {
      phrase(MATH, 0, phrase, true);
    }

    private void phrase(int label, double points, String phrase, boolean asksQuantity) {
      String[] words = phrase.split(" ");
      if (words.length < 2 || words.length > 4) {
        throw new IllegalArgumentException("a phrase has two to four words: " + phrase);
      }
      int[] before = new int[words.length - 1];
      for (int k = 0; k < before.length; k++) {
        before[k] = entry(words[k]).id;
      }
      Entry last = entry(words[words.length - 1]);
      phrases.computeIfAbsent(last.id, id -> new ArrayList<>())
          .add(new Phrase(phraseCount++, before, label, points, asksQuantity));
    }

    private Entry entry(String word) {
      String w = word.toLowerCase(Locale.ROOT);
      boolean oneWord = w.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_');
      if (w.length() > MAX_WORD_LENGTH || !oneWord) {
        throw new IllegalArgumentException("not a single word: " + word);
      }
      return entries.computeIfAbsent(w, k -> new Entry(k, entries.size()));
    }

    TaskVocabulary done() {
      for (Entry e : entries.values()) {
        e.endingHere = phrases.getOrDefault(e.id, List.of()).toArray(new Phrase[0]);
      }
      return new TaskVocabulary(entries, phraseCount);
    }
  }
}
