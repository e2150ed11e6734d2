package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A scrape's body is begun at the last body's size and an eighth more, so that the same body again does not grow its
 * buffer; a body larger than that, or smaller, is whole all the same.
 */
class MetricsBodyTest {

    @Test
    void theNextBufferIsTheLastBodyAndAnEighthAndEveryBodyIsWhole() throws Exception {
        MetricsBody body = new MetricsBody();
        assertThat(body.nextCapacity()).as("the first").isEqualTo(MetricsBody.FIRST + MetricsBody.FIRST / 8);

        byte[] large = filled(47_000, 'a');
        assertThat(body.of(out -> out.write(large))).as("a body larger than the first buffer").isEqualTo(large);
        assertThat(body.nextCapacity()).isEqualTo(47_000 + 47_000 / 8);

        byte[] small = filled(100, 'b');
        assertThat(body.of(out -> out.write(small))).isEqualTo(small);
        assertThat(body.nextCapacity()).as("from the last body, not the largest").isEqualTo(100 + 100 / 8);

        assertThat(body.of(out -> { })).isEmpty();
        assertThat(body.of(out -> out.write(large))).as("grown again from nothing").isEqualTo(large);
    }

    private static byte[] filled(int length, char c) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) c);
        return b;
    }
}
