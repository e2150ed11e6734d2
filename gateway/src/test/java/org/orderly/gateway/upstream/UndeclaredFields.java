package org.orderly.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/**
 * The fields of a message that its schema does not name. The contract's schemas leave objects open (consumers ignore
 * unknown fields), so validation passes them; but a consumer generated from the schemas has no place for them, so a
 * field the gateway sends on purpose must be in its schema. Follows {@code properties}, {@code items}, {@code allOf},
 * {@code oneOf}, {@code anyOf} and {@code $ref} (by {@code $id}, relative to {@link ContractDoc#ID_BASE}).
 */
final class UndeclaredFields {
    private final Map<String, ContractDoc.SchemaBlock> schemas;

    UndeclaredFields(Map<String, ContractDoc.SchemaBlock> schemas) {
        this.schemas = schemas;
    }

    /** The JSON pointers ({@code /flex/x}) of fields in {@code message} that {@code schema} does not name. */
    List<String> of(String schema, JsonNode message) {
        List<String> found = new ArrayList<>();
        walk("", message, List.of(schemas.get(schema).tree()), found);
        return found;
    }

    private void walk(String path, JsonNode value, List<JsonNode> schemaNodes, List<String> found) {
        List<JsonNode> all = expand(schemaNodes);
        if (value.isObject()) {
            value.properties().forEach(f -> {
                List<JsonNode> sub = new ArrayList<>();
                for (JsonNode s : all) {
                    JsonNode p = s.path("properties").get(f.getKey());
                    if (p != null) {
                        sub.add(p);
                    }
                }
                if (sub.isEmpty()) {
                    found.add(path + "/" + f.getKey());
                } else {
                    walk(path + "/" + f.getKey(), f.getValue(), sub, found);
                }
            });
        } else if (value.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            for (JsonNode s : all) {
                if (s.has("items")) {
                    items.add(s.get("items"));
                }
            }
            for (int i = 0; i < value.size(); i++) {
                walk(path + "/" + i, value.get(i), items, found);
            }
        }
    }

    /** The schema nodes with every subschema they apply in place (allOf, oneOf, anyOf, $ref), recursively. */
    private List<JsonNode> expand(List<JsonNode> nodes) {
        List<JsonNode> out = new ArrayList<>();
        List<JsonNode> todo = new ArrayList<>(nodes);
        while (!todo.isEmpty()) {
            JsonNode s = todo.remove(todo.size() - 1);
            out.add(s);
            for (String applicator : List.of("allOf", "oneOf", "anyOf")) {
                s.path(applicator).forEach(todo::add);
            }
            if (s.has("$ref")) {
                todo.add(resolve(s.get("$ref").asText()));
            }
        }
        return out;
    }

    private JsonNode resolve(String ref) {
        String id = ref.contains(":") ? ref : ContractDoc.ID_BASE + ref;
        for (Entry<String, ContractDoc.SchemaBlock> e : schemas.entrySet()) {
            if (e.getValue().id().equals(id)) {
                return e.getValue().tree();
            }
        }
        throw new IllegalStateException("$ref " + ref + ": no schema with $id " + id + " in docs/upstream.md");
    }
}
