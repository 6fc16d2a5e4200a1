package dev.signalbox.learn.features;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.signal.Signals;
import java.util.List;

/** Infers a prompt's task (GreenServ's task type, AMRO-S's intent) as a distribution over labels. */
public interface TaskModel {

  /** The labels, in the order of {@link #probabilities}. */
  List<String> labels();

  /** π(label | prompt), summing to 1; all zero when it cannot tell (e.g. the embedding is missing). */
  double[] probabilities(Signals signals);

  /** Whether it reads {@link Signals#embedding()}. */
  boolean needsEmbedding();

  ObjectNode toJson();
}
