package org.orderly.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a message against the contract's JSON Schemas (draft 2020-12) as docs/upstream.md has them: the schema's
 * errors, and the fields the schema does not name ({@link UndeclaredFields}). The schemas are given to the validator by
 * their {@code $id}, so {@code "$ref": "envelope.json"} resolves to the doc's envelope and nothing is fetched. Formats
 * ({@code date-time}) are asserted, as a consumer generated from the schemas would parse them. Patterns are Java's
 * regular expressions (the validator's default; its ECMA-262 engines need Joni or GraalJS): there {@code $} also
 * matches before a last newline, so an id ending in one passes here, though not by ECMA-262 (nor the gateway).
 */
public final class ContractSchemas {
    private static final String META = "https://json-schema.org/draft/2020-12/schema";
    private static final Set<String> NUMBERED = Set.of("state", "telemetry", "plan", "event", "session");

    private final ContractDoc doc;
    private final SchemaRegistry registry;
    private final Map<String, Schema> loaded = new LinkedHashMap<>();
    private final UndeclaredFields undeclared;

    public ContractSchemas(ContractDoc doc) {
        this.doc = doc;
        Map<String, String> byId = new LinkedHashMap<>();
        doc.schemas().values().forEach(s -> byId.put(s.id(), s.text()));
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(byId).schemaRegistryConfig(config));
        undeclared = new UndeclaredFields(doc.schemas());
    }

    public ContractDoc doc() {
        return doc;
    }

    /**
     * The schema a message the gateway publishes is checked against: its {@code type} for the numbered messages,
     * {@code reply} for replies and history answers; null for anything else.
     */
    public static String schemaOfPublished(JsonNode message) {
        String type = message.path("type").asText();
        if (NUMBERED.contains(type)) {
            return type;
        }
        return type.equals("reply") || type.equals("history") ? "reply" : null;
    }

    /** What is wrong with schema {@code name} by the draft 2020-12 meta-schema (the validator's own copy). */
    public List<String> metaProblems(String name) {
        Schema meta = registry.getSchema(SchemaLocation.of(META));
        return meta.validate(doc.schemas().get(name).tree()).stream().map(Error::toString).toList();
    }

    /** What is wrong with {@code message} by schema {@code name}: its errors, then each field it does not name. */
    public List<String> problems(String name, JsonNode message) {
        List<String> out = new ArrayList<>(errors(name, message));
        for (String field : undeclared.of(name, message)) {
            out.add(field + ": not named by the schema " + name);
        }
        return out;
    }

    /**
     * The schema's errors alone: for what the gateway reads, where a field the schema does not name is allowed (a
     * command's unknown fields are ignored).
     */
    public synchronized List<String> errors(String name, JsonNode message) {
        Schema schema = loaded.computeIfAbsent(name, n -> {
            ContractDoc.SchemaBlock block = doc.schemas().get(n);
            if (block == null) {
                throw new IllegalArgumentException("docs/upstream.md has no schema " + n + " (it has "
                        + doc.schemas().keySet() + ")");
            }
            return registry.getSchema(SchemaLocation.of(block.id()));
        });
        return schema.validate(message).stream().map(Error::toString).toList();
    }
}
