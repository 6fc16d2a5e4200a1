package dev.signalbox.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.routing.RoutingTable;

/** {@code GET models}: the configuration's models, its routes and {@code auto}, as OpenAI lists models. */
final class ModelList {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelList() {}

  static String of(RoutingTable routing) {
    ObjectNode list = JSON.createObjectNode().put("object", "list");
    ArrayNode data = list.putArray("data");
    add(data, RoutingTable.AUTO);
    routing.routeNames().stream().filter(r -> !r.equals(RoutingTable.AUTO)).forEach(r -> add(data, r));
    routing.catalog().names().forEach(m -> add(data, m));
    return list.toString();
  }

  private static void add(ArrayNode data, String id) {
    data.addObject().put("id", id).put("object", "model").put("created", 0).put("owned_by", "signalbox");
  }
}
