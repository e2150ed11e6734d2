package org.orderly.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Someone else's text said back cut short: never half a character. */
class SaidBackTest {
    @Test
    void aCharacterBeyondTheBmpAtTheCutIsLeftOutWholeNotHalved() {
        // 39 letters and an emoji (two chars in Java): a cut at 40 would keep its high surrogate alone, which UTF-8
        // writes as '?', in a refusal that says the client's own text back.
        String text = "a".repeat(SaidBack.MAX - 1) + "\uD83D\uDE00" + "b";

        String said = SaidBack.of(text);

        assertThat(said).isEqualTo("a".repeat(SaidBack.MAX - 1) + "...");
    }

    @Test
    void aCharacterBeyondTheBmpBeforeTheCutIsKeptWhole() {
        String text = "a".repeat(SaidBack.MAX - 2) + "\uD83D\uDE00" + "b";

        assertThat(SaidBack.of(text)).isEqualTo("a".repeat(SaidBack.MAX - 2) + "\uD83D\uDE00...");
    }
}
