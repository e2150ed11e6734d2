package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract as docs/upstream.md gives it to the grid company: its schemas are draft 2020-12 schemas, and every
 * example in it is valid by the schema of its kind and names no field that schema leaves out.
 */
class ContractDocTest {
    private static final ContractSchemas SCHEMAS = new ContractSchemas(ContractDoc.read());

    @Test
    void theDocHoldsEverySchemaAndEachIsADraft202012Schema() {
        assertThat(SCHEMAS.doc().schemas()).containsKeys("envelope", "state", "telemetry", "plan", "event", "session",
                "cmd-cap", "cmd-history", "reply");
        for (String name : SCHEMAS.doc().schemas().keySet()) {
            assertThat(SCHEMAS.metaProblems(name)).as("schema %s by the 2020-12 meta-schema", name).isEmpty();
        }
    }

    @Test
    void everyExampleIsValidByItsSchema() {
        List<String> problems = new ArrayList<>();
        for (ContractDoc.Example e : SCHEMAS.doc().examples()) {
            String schema = schemaOf(e);
            if (schema == null) {
                problems.add(e + ": no schema for this example");
                continue;
            }
            SCHEMAS.problems(schema, e.json()).forEach(p -> problems.add(e + " by " + schema + ": " + p));
        }
        assertThat(SCHEMAS.doc().examples()).as("examples in docs/upstream.md").hasSizeGreaterThanOrEqualTo(10);
        assertThat(problems).isEmpty();
    }

    /** A message's by its type; a command's (no type) by the cmd/... heading it stands under. */
    static String schemaOf(ContractDoc.Example e) {
        if (e.json().has("type")) {
            return ContractSchemas.schemaOfPublished(e.json());
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^cmd/([a-z]+)").matcher(e.heading());
        return m.find() ? "cmd-" + m.group(1) : null;
    }
}
