package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.tools.OrderlyCommand;
import picocli.CommandLine;

class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void aMalformedConfigPrintsFileLineColumnAndExits2() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "gatewayId: gw\ncompound:\n  transformer: { limitKW: 400 }\n");
        StringWriter err = new StringWriter();
        CommandLine cl = OrderlyCommand.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("run", "--config", bad.toString(), "--devices", DemoTest.find("config/devices").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).containsPattern("bad\\.yaml:3:\\d+: unknown key 'limitKW'");
    }

    @Test
    void aMissingConfigIsOneLineAndExits2() {
        Path missing = dir.resolve("nowhere.yaml");
        StringWriter err = new StringWriter();
        CommandLine cl = OrderlyCommand.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("run", "--config", missing.toString(), "--devices", DemoTest.find("config/devices").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("orderly run: --config " + missing + ": no such file");
    }
}
