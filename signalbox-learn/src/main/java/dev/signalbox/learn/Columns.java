package dev.signalbox.learn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.learn.cost.CostModel;
import dev.signalbox.learn.quality.QualityModel;

/**
 * Predictors narrowed to some of their columns, in a new order: a router artifact served on part
 * of its models. The narrowed predictors are for routing only; artifacts keep the full ones.
 */
final class Columns {
  private Columns() {}

  static boolean isEveryColumn(int[] columns, int count) {
    if (columns.length != count) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      if (columns[i] != i) {
        return false;
      }
    }
    return true;
  }

  static double[] pick(double[] all, int[] columns) {
    double[] out = new double[columns.length];
    for (int i = 0; i < columns.length; i++) {
      out[i] = all[columns[i]];
    }
    return out;
  }

  static QualityModel quality(QualityModel all, int[] columns) {
    return new QualityModel() {
      @Override
      public double[] predict(Features x) {
        return pick(all.predict(x), columns);
      }

      @Override
      public double[][] predictAll(Features[] xs) {
        double[][] out = all.predictAll(xs);
        for (int i = 0; i < out.length; i++) {
          out[i] = pick(out[i], columns);
        }
        return out;
      }

      @Override
      public ObjectNode toJson() {
        throw new UnsupportedOperationException("a predictor narrowed to served models is not written to artifacts");
      }
    };
  }

  static CostModel cost(CostModel all, int[] columns) {
    return new CostModel() {
      @Override
      public double[] predict(Features x) {
        return pick(all.predict(x), columns);
      }

      @Override
      public String basis(int model) {
        return all.basis(columns[model]);
      }

      @Override
      public ObjectNode toJson() {
        throw new UnsupportedOperationException("a predictor narrowed to served models is not written to artifacts");
      }
    };
  }
}
