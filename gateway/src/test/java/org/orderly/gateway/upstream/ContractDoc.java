package org.orderly.gateway.upstream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MQTT contract as the grid company has it: the fenced {@code json} blocks of docs/upstream.md, read from the doc
 * itself so that it stays the one copy. A block with a {@code $id} is a schema; any other is an example, named by the
 * heading it stands under and its line.
 */
public final class ContractDoc {
    /** Where every schema of the contract's version 1 lives; {@code $ref}s between them are relative to it. */
    public static final String ID_BASE = "https://orderly.example/schemas/v1/";

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** A schema block: its name ({@code $id} less {@link #ID_BASE} and {@code .json}), text and tree. */
    public record SchemaBlock(String name, String id, String text, JsonNode tree, int line) {
    }

    /** An example block: the heading it stands under (without the #s), its line, its JSON. */
    public record Example(String heading, int line, JsonNode json) {
        @Override
        public String toString() {
            return "docs/upstream.md:" + line + " (under \"" + heading + "\")";
        }
    }

    private final Map<String, SchemaBlock> schemas;
    private final List<Example> examples;

    private ContractDoc(Map<String, SchemaBlock> schemas, List<Example> examples) {
        this.schemas = schemas;
        this.examples = examples;
    }

    /** docs/upstream.md of this checkout (found from the working directory up). */
    public static ContractDoc read() {
        Path doc = locate();
        try {
            return parse(doc.toString(), Files.readAllLines(doc));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + doc, e);
        }
    }

    static ContractDoc parse(String where, List<String> lines) {
        Map<String, SchemaBlock> schemas = new LinkedHashMap<>();
        List<Example> examples = new ArrayList<>();
        String heading = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#")) {
                heading = line.replaceFirst("^#+\\s*", "");
            } else if (line.strip().equals("```json")) {
                int start = i + 1;
                StringBuilder text = new StringBuilder();
                for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                    text.append(lines.get(i)).append('\n');
                }
                if (i == lines.size()) {
                    throw new IllegalStateException(where + ":" + start + ": a ```json block that never ends");
                }
                JsonNode json = json(where, start, text.toString());
                if (json.has("$id")) {
                    SchemaBlock s = schema(where, start, text.toString(), json);
                    if (schemas.putIfAbsent(s.name(), s) != null) {
                        throw new IllegalStateException(where + ":" + start + ": a second schema " + s.id());
                    }
                } else {
                    examples.add(new Example(heading, start, json));
                }
            }
        }
        return new ContractDoc(Map.copyOf(schemas), List.copyOf(examples));
    }

    /** The schemas by name ({@code envelope}, {@code state}, ..., {@code cmd-cap}, {@code reply}). */
    public Map<String, SchemaBlock> schemas() {
        return schemas;
    }

    public List<Example> examples() {
        return examples;
    }

    private static JsonNode json(String where, int line, String text) {
        try {
            return STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(where + ":" + line + ": a ```json block that is not JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static SchemaBlock schema(String where, int line, String text, JsonNode json) {
        String id = json.path("$id").asText();
        if (!id.startsWith(ID_BASE) || !id.endsWith(".json")) {
            throw new IllegalStateException(where + ":" + line + ": schema $id " + id + " is not " + ID_BASE + "NAME.json");
        }
        return new SchemaBlock(id.substring(ID_BASE.length(), id.length() - ".json".length()), id, text, json, line);
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("upstream.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/upstream.md not found above " + Path.of("").toAbsolutePath());
    }
}
