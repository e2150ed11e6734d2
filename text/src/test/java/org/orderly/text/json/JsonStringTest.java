package org.orderly.text.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonStringTest {
    @Test
    void aSpaceATabAndAQuoteShowAsJsonWritesThem() {
        assertThat(JsonString.of("p1 ")).isEqualTo("\"p1 \"");
        assertThat(JsonString.of("p\t\"1\"")).isEqualTo("\"p\\t\\\"1\\\"\"");
    }

    @Test
    void aLongTextIsCutWithDotsAfterItsQuote() {
        assertThat(JsonString.cut("abcdef", 3)).isEqualTo("\"abc\"...");
        assertThat(JsonString.cut("abc", 3)).isEqualTo("\"abc\"");
    }

    @Test
    void aCutDoesNotHalveACharacterBeyondTheBmp() {
        assertThat(JsonString.cut("ab\uD83D\uDE00c", 3)).isEqualTo("\"ab\"...");
    }
}
