package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code orderly --version} says the version this build was made as, the poms' (surefire hands the test
 * {@code ${project.version}} as {@code orderly.projectVersion}), not one written into the code.
 */
class VersionOptionTest {

    @Test
    void versionIsThePomsVersionOfThisBuild() {
        String poms = System.getProperty("orderly.projectVersion");
        assertThat(poms).as("the build's version, from tools/pom.xml's surefire configuration").isNotBlank();
        StringWriter out = new StringWriter();
        CommandLine cl = OrderlyCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));

        assertThat(cl.execute("--version")).isZero();

        assertThat(out.toString()).isEqualTo("orderly " + poms + System.lineSeparator());
    }
}
