package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.powercut.PowerCutFileSystem;
import org.orderly.tools.OrderlyCommand;
import picocli.CommandLine;

class AggregateMergeCommandTest {
    @TempDir
    Path dir;

    private static String line(String gw, long seq, String ts, double evKw) {
        return "{\"id\":\"" + gw + ":" + seq + "\",\"gatewayId\":\"" + gw + "\",\"seq\":" + seq
                + ",\"type\":\"telemetry\",\"ts\":\"" + ts + "\",\"receivedAt\":\"" + ts + "\",\"instance\":\"x\","
                + "\"transformerKw\":" + (100 + evKw) + ",\"baseKw\":100.0,\"evKw\":" + evKw
                + ",\"limitKw\":400.0,\"shedKw\":" + evKw + ",\"addKw\":1.0}";
    }

    private int run(StringWriter err, String... args) {
        CommandLine cli = OrderlyCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    @Test
    void theUnionOfTwoSharesIsOneExactRowPerBucket() throws Exception {
        // Round robin split gw-a's seqs 0..3 over two instances; seq 4 was lost; seq 2 reached both.
        Path a = Files.writeString(dir.resolve("a.jsonl"), String.join("\n",
                line("gw-a", 0, "2026-11-29T12:00:05Z", 1), line("gw-a", 2, "2026-11-29T12:00:25Z", 3),
                line("gw-b", 7, "2026-11-29T12:00:30Z", 10), line("gw-a", 5, "2026-11-29T12:01:10Z", 6)) + "\n");
        Path b = Files.writeString(dir.resolve("b.jsonl"), String.join("\n",
                line("gw-a", 1, "2026-11-29T12:00:15Z", 2), line("gw-a", 2, "2026-11-29T12:00:25Z", 3),
                line("gw-a", 3, "2026-11-29T12:00:35Z", 4)) + "\n{\"id\":\"gw-a:9\",\"gatew");
        Path out = dir.resolve("merged.csv");

        StringWriter err = new StringWriter();
        assertThat(run(err, "aggregate-merge", "--out", out.toString(), a.toString(), b.toString())).isEqualTo(0);

        List<String> rows = Files.readAllLines(out);
        assertThat(rows).containsExactly(ExportFormat.CSV.header(),
                "2026-11-29T12:00:00Z,2026-11-29T12:01:00Z,merged,2,0,214.000,200.000,14.000,800.000,14.000,2.000,6,0,1,1,0,0,0,0,0,0"
                        + ",0.000,200.000",
                "2026-11-29T12:01:00Z,2026-11-29T12:02:00Z,merged,1,0,106.000,100.000,6.000,400.000,6.000,1.000,6,0,1,1,0,0,0,0,0,0,0.000"
                        + ",100.000");
    }

    /** The merged rows replace an earlier merge's, and once the command is done they survive a power cut whole. */
    @Test
    void theMergedRowsSurviveAPowerCutWhole() throws Exception {
        for (PowerCutFileSystem.Cut cut : PowerCutFileSystem.Cut.values()) {
            Path real = Files.createDirectories(dir.resolve(cut.name()));
            Path a = Files.writeString(real.resolve("a.jsonl"), line("gw-a", 0, "2026-11-29T12:00:05Z", 1) + "\n"
                    + line("gw-a", 1, "2026-11-29T12:01:05Z", 2) + "\n");
            Path out = Files.writeString(real.resolve("merged.csv"), "an earlier merge's rows\n");
            PowerCutFileSystem disk = PowerCutFileSystem.over(real);

            StringWriter err = new StringWriter();
            CommandLine cli = OrderlyCommand.commandLine();
            cli.registerConverter(Path.class, disk::getPath);
            cli.setErr(new PrintWriter(err));
            cli.setOut(new PrintWriter(new StringWriter()));
            assertThat(cli.execute("aggregate-merge", "--out", out.toString(), a.toString())).as("%s", err).isEqualTo(0);
            String merged = Files.readString(out);
            assertThat(merged).startsWith(ExportFormat.CSV.header() + "\n").hasLineCount(3);
            disk.cut(cut);

            assertThat(Files.readString(out)).as(cut.name()).isEqualTo(merged);
        }
    }

    @Test
    void aBrokenLineIsNamedAndNothingIsWritten() throws Exception {
        Path a = Files.writeString(dir.resolve("a.jsonl"), line("gw-a", 0, "2026-11-29T12:00:05Z", 1)
                + "\n{\"id\":\"gw-a:1\"}\n" + line("gw-a", 2, "2026-11-29T12:00:25Z", 3) + "\n");
        Path out = dir.resolve("merged.csv");
        StringWriter err = new StringWriter();

        assertThat(run(err, "aggregate-merge", "--out", out.toString(), a.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("aggregate-merge: " + a
                + ":2: not a journal line of orderly aggregate (field 'gatewayId' is missing)");
        assertThat(Files.exists(out)).isFalse();
    }

    /**
     * A line the JSON reader refuses is said what and where on the line in our words (JsonRefusal), as the gateway says
     * a bridge's reply: until 2026-12-03 the first line of Jackson's message was quoted, its setting names
     * ({@code StreamReadConstraints.getMaxNumberLength()}) with it, and where on the line was not said.
     */
    @Test
    void aLineTheJsonReaderRefusesIsSaidWhatAndWhereOnTheLine() throws Exception {
        String first = line("gw-a", 0, "2026-11-29T12:00:05Z", 1);
        String[][] said = {
                {"{\"id\":\"gw-a:1\",\"gatewayId\":\"gw", "the text ends before the JSON object does at column 31"},
                {"{\"id\":\"gw-a:1\",}", "unexpected character ('}' (code 125)): was expecting double-quote to start"
                        + " field name at column 16"},
                {"{\"id\":" + "[".repeat(1001) + "]".repeat(1001) + "}", "nesting deeper than 1000 arrays and objects"},
                {"{\"id\":" + "1".repeat(1001) + "}", "a number of more than 1000 digits"}};
        assertSecondLineRefused(first, said);
    }

    /**
     * A line with a value of the wrong kind is named with the field and what it was, not read as something else: until
     * 2026-12-04 a {@code seq} of {@code "x"} was read as 0 and a {@code transformerKw} of {@code "lots"} as 0 kW, a
     * {@code gatewayId} of 5 as none, and a {@code ts} of 5 was said as {@code (text)}.
     */
    @Test
    void aLineWithAValueOfTheWrongKindIsNamedWithTheField() throws Exception {
        String first = line("gw-a", 0, "2026-11-29T12:00:05Z", 1);
        String good = line("gw-a", 1, "2026-11-29T12:00:15Z", 2);
        String[][] said = {
                {good.replace("\"seq\":1", "\"seq\":\"x\""), "field 'seq' is not a whole number from 0 up, was \"x\""},
                {good.replace("\"transformerKw\":102.0", "\"transformerKw\":\"lots\""),
                        "field 'transformerKw' is not a number of kW or null, was \"lots\""},
                {good.replace("\"gatewayId\":\"gw-a\"", "\"gatewayId\":5"), "field 'gatewayId' is not a text, was 5"},
                {good.replace("\"ts\":\"2026-11-29T12:00:15Z\"", "\"ts\":5"), "field 'ts' is not a text, was 5"},
                {good.substring(0, good.length() - 1) + ",\"skipped\":[]}",
                        "field 'skipped' is not {reason, from, to} below the line's seq, was []"},
                {"[1]", "a line is a JSON object, was [1]"}};
        assertSecondLineRefused(first, said);
    }

    /** A line that gives a key twice was not written by aggregate (it writes each once): which value is not known. */
    @Test
    void aLineGivingAKeyTwiceIsNamedAsABrokenLine() throws Exception {
        String twice = line("gw-a", 1, "2026-11-29T12:00:15Z", 2);
        twice = twice.substring(0, twice.length() - 1) + ",\"evKw\":99.0}";
        Path a = Files.writeString(dir.resolve("a.jsonl"), line("gw-a", 0, "2026-11-29T12:00:05Z", 1) + "\n" + twice
                + "\n");
        Path out = dir.resolve("merged.csv");
        StringWriter err = new StringWriter();

        assertThat(run(err, "aggregate-merge", "--out", out.toString(), a.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("aggregate-merge: " + a
                + ":2: not a journal line of orderly aggregate (it gives \"evKw\" twice)");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void aTsOutsideTheYears0000To9999IsNamedAsABrokenLine() throws Exception {
        String ts = "-999999999-01-01T00:00:00Z";
        Path a = Files.writeString(dir.resolve("a.jsonl"), line("gw-a", 0, "2026-11-29T12:00:05Z", 1) + "\n"
                + line("gw-a", 1, ts, 2) + "\n");
        Path out = dir.resolve("merged.csv");
        StringWriter err = new StringWriter();

        assertThat(run(err, "aggregate-merge", "--out", out.toString(), a.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("aggregate-merge: " + a
                + ":2: not a journal line of orderly aggregate (field 'ts' " + ts + " lies outside the years 0000 to"
                + " 9999)");
        assertThat(Files.exists(out)).isFalse();
    }

    /**
     * Each {line, what}: a journal of {@code first}, the line and a good last line stops the merge (exit 2) naming line 2
     * and the what. The broken line is not the last: an unfinished last line is one a crash cut, skipped with a warning.
     */
    private void assertSecondLineRefused(String first, String[][] said) throws IOException {
        SoftAssertions softly = new SoftAssertions();
        for (String[] refused : said) {
            Path a = Files.writeString(dir.resolve("a.jsonl"), first + "\n" + refused[0] + "\n"
                    + line("gw-a", 2, "2026-11-29T12:00:25Z", 3) + "\n");
            StringWriter err = new StringWriter();
            softly.assertThat(run(err, "aggregate-merge", "--out", dir.resolve("merged.csv").toString(), a.toString()))
                    .as(refused[0]).isEqualTo(2);
            softly.assertThat(err.toString().strip()).isEqualTo("aggregate-merge: " + a
                    + ":2: not a journal line of orderly aggregate (" + refused[1] + ")");
        }
        softly.assertAll();
    }
}
