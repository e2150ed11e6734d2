package org.orderly.text.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A text beyond one of the JSON reader's own limits is refused in our words, without Jackson's class and setting names
 * ({@code StreamReadConstraints.getMaxNumberLength()}) and without a place, since Jackson gives none. The limits here
 * are small, so the texts are too; the gateway's mappers keep Jackson's defaults (a string of 20 million characters).
 */
class ReaderLimitTest {
    private static final ObjectMapper SMALL_LIMITS = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(5).maxNestingDepth(3)
                    .maxStringLength(8).maxNameLength(6).maxTokenCount(20).build())
            .build()).build();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"v\":1234567}|a number of more than 5 digits",
            "{\"v\":[[[1]]]}|nesting deeper than 3 arrays and objects",
            "{\"v\":\"abcdefghi\"}|a string of more than 8 characters",
            "{\"abcdefg\":1}|a key of more than 6 characters",
            "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21]|more than 20 tokens"})
    void eachLimitIsSaidInOurWords(String text, String said) {
        assertSaid(SMALL_LIMITS, text, said);
    }

    /** The whole text's length is checked as the reader fills its buffer (a few thousand characters at a time). */
    @Test
    void aTextLongerThanTheReaderTakesIsSaidInOurWordsToo() {
        ObjectMapper shortTexts = JsonMapper.builder(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(60).build()).build()).build();
        assertSaid(shortTexts, "[" + "1,".repeat(20_000) + "1]", "a length of more than 60");
    }

    private static void assertSaid(ObjectMapper mapper, String text, String said) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class, () -> mapper.readTree(text));
        assertThat(e).as(text).isNotNull();
        assertThat(ReaderLimit.of(e)).as(e.getMessage()).contains(said);
        assertThat(JsonRefusal.of(e)).isEqualTo(said).doesNotContain("StreamReadConstraints", "Source");
    }
}
