package org.orderly.tools.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./orderly} launcher at the repository's root, copied as it is into a folder laid out like the repository
 * (with the checks it sources, tools/lib/checks.sh): it runs {@code tools/target/orderly.jar} with the
 * arguments and {@code -Dorderly.home}, and builds the jar first when it is missing or ORDERLY_REBUILD=1 asks. A small
 * jar ({@link LauncherEcho}) stands in for orderly.jar and an {@code mvn} script on the PATH for Maven, which records
 * how it was called and lays the jar down: a real build here would build the whole project a second time (two tests
 * run the real Maven on a project of nothing, for what its output looks like). .ci/run runs the real launcher on the
 * real jar after the build.
 */
class LauncherTest {
    private static final long DEADLINE_SECONDS = 120;
    private static final String BUILDING = "orderly: building ";

    @TempDir
    Path home;
    @TempDir
    Path stubs;

    private Path builtJar;
    private Path jar;
    private Path mvnCalls;

    @BeforeEach
    void layOutTheRepository() throws IOException {
        Path launcher = Path.of("..", "orderly");
        assertThat(launcher).as("the launcher, beside the tools module").isRegularFile();
        Files.copy(launcher, home.resolve("orderly"));
        executable(home.resolve("orderly"));
        // The checks it sources, the scripts' shared ones (ORDERLY_REBUILD is 0 or 1), and nothing of tools/bench.
        Path checks = Path.of("lib", "checks.sh");
        Files.createDirectories(home.resolve("tools/lib"));
        Files.copy(checks, home.resolve("tools").resolve(checks));
        builtJar = echoJar(stubs.resolve("built.jar"));
        jar = home.resolve("tools/target/orderly.jar");
        mvnCalls = stubs.resolve("mvn-calls");
    }

    @Test
    void runsTheJarWithTheArgumentsAndItsHomeAndBuildsNothingWhenTheJarIsThere() throws Exception {
        Files.createDirectories(jar.getParent());
        Files.copy(builtJar, jar);
        stubMvn("exit 1");

        Run run = launch(Map.of(), "simulate", "a b.json", "--out", "");

        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.out).containsExactly("home=" + home.toRealPath(), "args=simulate|a b.json|--out|");
        assertThat(mvnCalls).doesNotExist();
        assertThat(run.err).doesNotContain(BUILDING);
    }

    /**
     * ORDERLY_JAVA_OPTS comes after the launcher's own -D, and the JVM keeps the last of a name: a user's setting wins.
     * Until 2026-12-05 it came before, so {@code -Dorderly.home} in it was silently replaced by the launcher's.
     */
    @Test
    void aUsersOrderlyHomeInOrderlyJavaOptsWinsOverTheLaunchers() throws Exception {
        Files.createDirectories(jar.getParent());
        Files.copy(builtJar, jar);
        stubMvn("exit 1");

        Run run = launch(Map.of("ORDERLY_JAVA_OPTS", "-Dorderly.home=/opt/elsewhere"), "--version");

        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.out).containsExactly("home=/opt/elsewhere", "args=--version");
    }

    @Test
    void buildsTheJarFirstWhenItIsMissingThenRunsIt() throws Exception {
        stubMvn("mkdir -p tools/target && cp '" + builtJar + "' tools/target/orderly.jar");

        Run run = launch(Map.of(), "--version");

        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(Files.readAllLines(mvnCalls)).containsExactly(home.toRealPath()
                + ": -B -q -ntp -Dstyle.color=never -DskipTests package");
        assertThat(run.err).contains(BUILDING + home.toRealPath().resolve("tools/target/orderly.jar")
                + " (first run only) ...");
        assertThat(run.out).containsExactly("home=" + home.toRealPath(), "args=--version");
    }

    @Test
    void rebuildsWhenAskedEvenWithTheJarThere() throws Exception {
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "not a jar: the build must replace it");
        stubMvn("cp '" + builtJar + "' tools/target/orderly.jar");

        Run run = launch(Map.of("ORDERLY_REBUILD", "1"), "--version");

        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(Files.readAllLines(mvnCalls)).hasSize(1);
        // Until 2026-12-06 a rebuild said "(first run only)" too.
        assertThat(run.err).contains(BUILDING + jar.toRealPath() + " (ORDERLY_REBUILD=1) ...");
        assertThat(run.out).containsExactly("home=" + home.toRealPath(), "args=--version");
    }

    @Test
    void aFailedBuildStopsTheLauncherWithMavensExitCode() throws Exception {
        stubMvn("echo 'BUILD FAILURE' >&2; exit 3");

        Run run = launch(Map.of(), "--version");

        assertThat(run.exit).as(run.toString()).isEqualTo(3);
        assertThat(run.err).contains("BUILD FAILURE");
        assertThat(run.out).isEmpty();
    }

    /**
     * The real Maven, on a project of nothing (packaging pom: nothing to download or build), the echo jar already there:
     * what the launcher's build writes is its one line, no escape codes. Until 2026-12-06 Maven 3.8's jansi wrote
     * ESC[0m resets around the run into a log or terminal that may not take them.
     */
    @Test
    void theRealBuildWritesItsOneLineAndNoEscapeCodes() throws Exception {
        Files.createDirectories(jar.getParent());
        Files.copy(builtJar, jar);
        Files.writeString(home.resolve("pom.xml"), pom("<version>1</version>"));

        Run run = launch(Map.of("ORDERLY_REBUILD", "1"), "--version");

        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.err).isEqualTo(BUILDING + home.toRealPath().resolve("tools/target/orderly.jar")
                + " (ORDERLY_REBUILD=1) ...\n");
        assertThat(run.out).containsExactly("home=" + home.toRealPath(), "args=--version");
    }

    /** A real build that fails: Maven's [ERROR] lines reach the user, plain, and the launcher stops with Maven's code. */
    @Test
    void aFailedRealBuildShowsMavensErrorLinesWithoutEscapeCodes() throws Exception {
        Files.writeString(home.resolve("pom.xml"), pom(""));

        Run run = launch(Map.of(), "--version");

        assertThat(run.exit).as(run.toString()).isNotZero();
        assertThat(run.err).contains("[ERROR]", "'version' is missing");
        assertThat(run.err).as("escape codes in the build's output").doesNotContain("\u001b");
        assertThat(run.out).isEmpty();
    }

    private static String pom(String version) {
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>launcher.test</groupId><artifactId>nothing</artifactId>" + version
                + "<packaging>pom</packaging></project>\n";
    }

    /** An mvn that notes its folder and arguments, then runs {@code body} there. */
    private void stubMvn(String body) throws IOException {
        Path mvn = stubs.resolve("mvn");
        Files.writeString(mvn, "#!/usr/bin/env bash\nset -e\necho \"$(pwd -P): $*\" >> '" + mvnCalls + "'\n"
                + body + "\n");
        executable(mvn);
    }

    private Run launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("orderly").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.directory(stubs.toFile());
        pb.environment().put("PATH", stubs + ":" + System.getenv("PATH"));
        pb.environment().remove("ORDERLY_REBUILD");
        pb.environment().remove("ORDERLY_JAVA_OPTS");
        pb.environment().remove("MAVEN_OPTS");
        pb.environment().putAll(env);
        Path out = stubs.resolve("out");
        Path err = stubs.resolve("err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./orderly did not end in " + DEADLINE_SECONDS + " s; stderr: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), Files.readAllLines(out), Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(int exit, List<String> out, String err) {
    }

    /** A runnable jar of {@link LauncherEcho} alone. */
    private static Path echoJar(Path file) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherEcho.class.getName());
        String entry = LauncherEcho.class.getName().replace('.', '/') + ".class";
        try (OutputStream raw = Files.newOutputStream(file); JarOutputStream out = new JarOutputStream(raw, manifest);
             InputStream in = LauncherEcho.class.getClassLoader().getResourceAsStream(entry)) {
            assertThat(in).as(entry).isNotNull();
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return file;
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
