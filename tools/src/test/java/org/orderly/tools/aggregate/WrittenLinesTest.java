package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WrittenLinesTest {
    private final WrittenLines lines = new WrittenLines();

    @Test
    void aForceThatSucceedsPutsTheLinesWrittenBeforeItBeganOnTheDisk() {
        long a = lines.written("gw:1", "a");
        long upTo = lines.last();
        long b = lines.written("gw:2", "b");
        lines.forced(upTo);

        assertThat(lines.notOnDisk("gw:1")).isNull();
        assertThat(lines.notOnDisk("gw:2")).isEqualTo(new WrittenLines.Line(b, "b"));
        assertThat(lines.lost(a)).isFalse();
        assertThat(lines.lost(b)).isFalse();
    }

    @Test
    void aFailedForceLosesEveryLineNotOnTheDiskYetUntilItIsWrittenAgain() {
        long a = lines.written("gw:1", "a");
        lines.forced(lines.last());
        long b = lines.written("gw:2", "b");
        long c = lines.written("gw:3", "c");
        lines.forceFailed();
        long d = lines.written("gw:4", "d");
        lines.forced(lines.last());

        assertThat(lines.lost(a)).isFalse();
        assertThat(lines.lost(b)).isTrue();
        assertThat(lines.lost(c)).isTrue();
        assertThat(lines.lost(d)).isFalse();
        assertThat(lines.notOnDisk("gw:3")).isEqualTo(new WrittenLines.Line(c, "c"));
        assertThat(lines.notOnDisk("gw:4")).isNull();

        long again = lines.written("gw:3", "c");
        lines.forced(lines.last());
        assertThat(lines.lost(again)).isFalse();
        assertThat(lines.notOnDisk("gw:3")).isNull();
        assertThat(lines.lost(c)).as("the first copy stays lost").isTrue();
    }

    @Test
    void aHeldLineTakenStandsForItsMessageUntilItIsOnTheDisk() {
        long held = lines.written(null, "e");
        lines.taken("gw:5", held, "e");
        assertThat(lines.notOnDisk("gw:5")).as("its force still to come").isEqualTo(new WrittenLines.Line(held, "e"));
        lines.forceFailed();
        lines.forced(lines.last());
        assertThat(lines.notOnDisk("gw:5")).as("lost").isEqualTo(new WrittenLines.Line(held, "e"));

        long onDisk = lines.written(null, "f");
        lines.forced(lines.last());
        lines.taken("gw:6", onDisk, "f");
        assertThat(lines.notOnDisk("gw:6")).as("on the disk when taken").isNull();
    }
}
