package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.store.EventKind;

/**
 * Every kind of event the gateway can make ({@link EventKind}, the only way main code makes one) has, in both of the
 * page's catalogues, a name and a text for each of its forms, whose placeholders are arguments the kind carries, the
 * same in both languages (app.js eventText); a kind or form without one would be shown as its English message.
 */
class EventTextsTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    /** A call that makes an event of a kind written as text, not an {@link EventKind}. */
    private static final Pattern KIND_AS_TEXT = Pattern.compile(
            "\\.event\\(\"|new StoreEvent\\(|new EventBody\\(\"");

    @Test
    void everyFormOfEveryEventKindHasATextInBothLanguagesWithItsArguments() {
        assertThat(EventKind.values()).as("the kinds the gateway makes").hasSizeGreaterThan(20);
        Map<String, String> zh = Messages.bundle("zh").orElseThrow();
        Map<String, String> en = Messages.bundle("en").orElseThrow();
        List<String> missing = new ArrayList<>();
        for (EventKind kind : EventKind.values()) {
            for (Map<String, String> messages : List.of(zh, en)) {
                String lang = messages == zh ? "zh" : "en";
                if (!messages.containsKey("event." + kind.code())) {
                    missing.add(lang + ": event." + kind.code());
                }
                for (String form : kind.forms()) {
                    String key = "event." + kind.code() + "." + form;
                    if (!messages.containsKey(key)) {
                        missing.add(lang + ": " + key);
                        continue;
                    }
                    assertThat(kind.args()).as("%s: %s's placeholders", lang, key)
                            .containsAll(placeholders(messages.get(key)));
                }
            }
            for (String form : kind.forms()) {
                String key = "event." + kind.code() + "." + form;
                if (zh.containsKey(key) && en.containsKey(key)) {
                    assertThat(placeholders(zh.get(key))).as(key).isEqualTo(placeholders(en.get(key)));
                }
            }
        }
        assertThat(missing).as("event texts missing").isEmpty();
    }

    /** Main code makes events through {@link EventKind} only, so the list above is every kind there is. */
    @Test
    void mainCodeMakesNoEventOfAKindWrittenAsText() throws IOException {
        Path main = Path.of("src/main/java/org/orderly/gateway");
        assertThat(main).isDirectory();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    // EventsTable reads stored rows, whatever their kind; Store.event(String, ...) is the tests' own.
                    boolean reading = f.endsWith("store/EventsTable.java") || f.endsWith("store/StoreEvent.java")
                            || f.endsWith("store/Store.java");
                    if (KIND_AS_TEXT.matcher(line).find() && !reading && !line.trim().startsWith("*")) {
                        found.add(main.relativize(f) + ":" + (i + 1) + ": " + line.trim());
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    private static Set<String> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(m -> m.group(1)).collect(Collectors.toSet());
    }
}
