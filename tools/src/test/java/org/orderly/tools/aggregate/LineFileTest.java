package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.powercut.PowerCutFileSystem;
import org.orderly.tools.aggregate.LineFile.Durability;

class LineFileTest {
    @TempDir
    Path dir;

    @Test
    void theHeaderIsWrittenOnceAndLinesAreAppended() throws Exception {
        Path f = dir.resolve("out.csv");
        try (LineFile file = new LineFile(f, "h", Durability.EACH_LINE)) {
            file.append("1");
        }
        try (LineFile file = new LineFile(f, "h", Durability.EACH_LINE)) {
            file.append("2");
        }
        assertThat(Files.readString(f)).isEqualTo("h\n1\n2\n");
    }

    @Test
    void aHeaderCutShortByACrashIsWrittenAgainAndAnotherHeaderIsRefused() throws Exception {
        Path f = Files.writeString(dir.resolve("cut.csv"), "sta");
        try (LineFile file = new LineFile(f, "start,end", Durability.EACH_LINE)) {
            file.append("1,2");
        }
        assertThat(Files.readString(f)).isEqualTo("start,end\n1,2\n");

        Path other = Files.writeString(dir.resolve("other.csv"), "start,stop\n1,2\n");
        assertThatThrownBy(() -> new LineFile(other, "start,end", Durability.EACH_LINE)).isInstanceOf(IOException.class)
                .hasMessage(other + ": its first line is not the header of the columns this version writes (start,end);"
                        + " move it away or give another file");
        assertThat(Files.readString(other)).isEqualTo("start,stop\n1,2\n");
    }

    @Test
    void aDurableFileMadeInNewDirectoriesSurvivesAPowerCutWithItsLines() throws Exception {
        for (PowerCutFileSystem.Cut cut : PowerCutFileSystem.Cut.values()) {
            Path real = Files.createDirectories(dir.resolve(cut.name()));
            PowerCutFileSystem disk = PowerCutFileSystem.over(real);
            try (LineFile file = new LineFile(disk.path("journals/g1/journal.csv"), "h", Durability.EACH_LINE)) {
                file.append("1");
            }

            disk.cut(cut);

            assertThat(real.resolve("journals/g1/journal.csv")).as(cut.name()).hasContent("h\n1\n");
        }
    }

    /**
     * logrotate renames the journal: lines written before the instance notices go to the renamed file (it is still
     * open), and the force that notices puts them on the disk before it goes on in a new file at the path, whose name
     * it forces too. After a power cut each line is in one of the two files.
     */
    @Test
    void aJournalRenamedAwayIsFollowedAtTheNextForceByANewFileAtItsPath() throws Exception {
        for (PowerCutFileSystem.Cut cut : PowerCutFileSystem.Cut.values()) {
            Path real = Files.createDirectories(dir.resolve(cut.name()));
            PowerCutFileSystem disk = PowerCutFileSystem.over(real);
            try (LineFile file = new LineFile(disk.path("journal.jsonl"), null, Durability.ON_FORCE)) {
                file.append("1");
                file.force();
                Files.move(disk.path("journal.jsonl"), disk.path("journal.jsonl.1"));
                file.append("2");
                file.force();
                file.append("3");
                file.force();
            }

            // Noticed by the check every second rather than a force: the line written since is forced all the same.
            try (LineFile file = new LineFile(disk.path("dead-letter.jsonl"), null, Durability.ON_FORCE)) {
                file.append("1");
                file.force();
                Files.move(disk.path("dead-letter.jsonl"), disk.path("dead-letter.jsonl.1"));
                file.append("2");
                file.reopenIfMoved();
                file.append("3");
                file.force();
            }

            disk.cut(cut);

            assertThat(real.resolve("journal.jsonl.1")).as(cut.name()).hasContent("1\n2\n");
            assertThat(real.resolve("journal.jsonl")).as(cut.name()).hasContent("3\n");
            assertThat(real.resolve("dead-letter.jsonl.1")).as(cut.name()).hasContent("1\n2\n");
            assertThat(real.resolve("dead-letter.jsonl")).as(cut.name()).hasContent("3\n");
        }
    }

    /**
     * The export is rotated the same way, checked every second: the new file begins with the header; one that
     * logrotate's create made empty is taken as it is.
     */
    @Test
    void anExportRenamedAwayGoesOnInANewFileWithItsHeader() throws Exception {
        Path f = dir.resolve("rows.csv");
        try (LineFile file = new LineFile(f, "h", Durability.EACH_LINE)) {
            file.append("1");
            Files.move(f, dir.resolve("rows.csv.1"));
            file.reopenIfMoved();
            file.append("2");
            Files.move(f, dir.resolve("rows.csv.2"));
            Files.createFile(f);
            file.reopenIfMoved();
            file.append("3");
        }
        assertThat(dir.resolve("rows.csv.1")).hasContent("h\n1\n");
        assertThat(dir.resolve("rows.csv.2")).hasContent("h\n2\n");
        assertThat(f).hasContent("h\n3\n");
    }

    @Test
    void anUnfinishedLastLineLeftByACrashIsDropped() throws Exception {
        Path f = dir.resolve("out.csv");
        Files.writeString(f, "h\n1\n2,half-writ");
        try (LineFile file = new LineFile(f, "h", Durability.NONE)) {
            file.append("3");
        }
        assertThat(Files.readString(f)).isEqualTo("h\n1\n3\n");
    }

    @Test
    void aLineWithANewlineIsRefused() throws Exception {
        try (LineFile file = new LineFile(dir.resolve("x"), null, Durability.NONE)) {
            assertThatThrownBy(() -> file.append("a\nb")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aLineCutShortByAFullDiskIsTakenBackSoTheNextLineStandsWhole() throws Exception {
        PowerCutFileSystem disk = PowerCutFileSystem.over(dir);
        try (LineFile file = new LineFile(disk.path("journal.jsonl"), null, Durability.ON_FORCE)) {
            file.append("first");
            disk.roomFor(3);
            assertThatThrownBy(() -> file.append("second")).isInstanceOf(IOException.class)
                    .hasMessage("No space left on device");
            disk.full(false);
            file.append("third");
        }
        assertThat(dir.resolve("journal.jsonl")).hasContent("first\nthird\n");
    }

    @Test
    void aLineWhoseForceFailedIsTakenBackSoThatWritingItAgainLeavesOneCopy() throws Exception {
        PowerCutFileSystem disk = PowerCutFileSystem.over(dir);
        try (LineFile file = new LineFile(disk.path("out.csv"), "h", Durability.EACH_LINE)) {
            disk.fileForceFails(true);
            assertThatThrownBy(() -> file.append("row")).isInstanceOf(IOException.class)
                    .hasMessage("Input/output error");
            disk.fileForceFails(false);
            file.append("row");
        }
        assertThat(dir.resolve("out.csv")).hasContent("h\nrow\n");
    }
}
