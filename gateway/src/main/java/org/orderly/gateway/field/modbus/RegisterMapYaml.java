package org.orderly.gateway.field.modbus;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.orderly.gateway.yaml.YamlMistake;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A register map's text (a meter's or a pile's) read as YAML: a mistake an installer editing it by hand makes (an
 * indentation that lines up with nothing, a tab) is said in their words as the configuration's is ({@link YamlMistake}),
 * any other in SnakeYAML's, each as {@code file:line: what}.
 */
public final class RegisterMapYaml {
    private RegisterMapYaml() {
    }

    /** The document's root node (null for an empty text); {@code file} names it in the refusal. */
    public static Node compose(String file, String text) throws RegisterMapException {
        try {
            return new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Optional<YamlMistake> mistake = YamlMistake.of(e, text);
            if (mistake.isPresent()) {
                throw new RegisterMapException(List.of(file + ":" + mistake.get().line() + ": " + mistake.get().words()));
            }
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new RegisterMapException(List.of(file + ":" + line + ": not valid YAML: " + e.getProblem()));
        }
    }
}
