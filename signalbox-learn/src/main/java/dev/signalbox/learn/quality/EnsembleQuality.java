package dev.signalbox.learn.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.learn.Dataset;
import dev.signalbox.learn.Features;
import java.util.ArrayList;
import java.util.List;

/** The mean prediction of several quality models: their errors partly cancel. */
public final class EnsembleQuality implements QualityModel {
  private final List<QualityModel> members;

  EnsembleQuality(List<QualityModel> members) {
    this.members = List.copyOf(members);
  }

  /** Fits every member learner on the same rows. */
  public static QualityLearner learner(List<QualityLearner> members) {
    return new QualityLearner() {
      @Override
      public String spec() {
        StringBuilder sb = new StringBuilder("ensemble(");
        for (int i = 0; i < members.size(); i++) {
          sb.append(i == 0 ? "" : " + ").append(members.get(i).spec());
        }
        return sb.append(')').toString();
      }

      @Override
      public QualityModel fit(Dataset data, int[] rows, long seed) {
        List<QualityModel> fitted = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
          fitted.add(members.get(i).fit(data, rows, seed + i));
        }
        return new EnsembleQuality(fitted);
      }
    };
  }

  @Override
  public double[] predict(Features x) {
    double[] sum = null;
    for (QualityModel m : members) {
      double[] p = m.predict(x);
      if (sum == null) {
        sum = p.clone();
      } else {
        for (int i = 0; i < sum.length; i++) {
          sum[i] += p[i];
        }
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= members.size();
    }
    return sum;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "ensemble");
    ArrayNode arr = n.putArray("members");
    members.forEach(m -> arr.add(m.toJson()));
    return n;
  }

  static EnsembleQuality fromJson(JsonNode n) {
    List<QualityModel> members = new ArrayList<>();
    n.get("members").forEach(m -> members.add(QualityModels.fromJson(m)));
    return new EnsembleQuality(members);
  }
}
