package org.orderly.gateway.core;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Ticker;

/**
 * The core is pure (its package-info, docs/architecture.md "The core and its rules"): no files or sockets, no threads,
 * no logging, no system clock, and nothing of the gateway outside it. Read from the compiled classes, so an import, a
 * fully qualified name and a lambda count alike.
 *
 * <p>One named exception: {@link Ticker#SYSTEM}, the JVM's monotonic clock, is defined beside the {@link Ticker} it
 * implements so that every adapter names the same one; the core only declares it. {@link
 * #onlyTickerDeclaresTheSystemTicker} checks that no core class reads it, so time still reaches the core's decisions
 * only through what the caller injects.
 *
 * <p>Also allowed: {@link java.util.concurrent.Executor}, which {@code OrderlyPolicy} is handed to solve its plans on
 * (the simulation passes {@code Runnable::run}, the live gateway its planning thread), and the atomics and
 * {@code volatile} it hands the solved plan back with. The core starts no thread and makes no executor.
 */
class CorePurityTest {
    private static final String CORE = "org.orderly.gateway.core..";

    private static JavaClasses core;

    /**
     * The core's classes from the directory the gateway's compiled classes are in (where {@link Ticker} was loaded
     * from), not {@code importPackages}: that also searched every jar on the test classpath (Selenium, Jetty, ...) for
     * the package, 12 to 20 s of this test's time on a loaded machine against 3.5 s, for the same 79 classes.
     */
    @BeforeAll
    static void importCore() throws URISyntaxException {
        Path classes = Path.of(Ticker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(classes.resolve("org/orderly/gateway/core"));
        assertThat(core).as("the core's classes under %s", classes).isNotEmpty();
    }

    @Test
    void dependsOnTheJdkAndItselfOnly() {
        check(noClasses().that().resideInAPackage(CORE).should().dependOnClassesThat(
                        resideInAPackage("org.orderly..").and(DescribedPredicate.not(resideInAPackage(CORE))))
                .because("the core is the scheduler alone; the adapters depend on it, never the reverse"));
        check(noClasses().that().resideInAPackage(CORE).should().dependOnClassesThat(
                        DescribedPredicate.not(resideInAnyPackage("java..", CORE)))
                .because("the core uses the JDK only (docs/architecture.md, Modules)"));
    }

    @Test
    void doesNoInputOrOutput() {
        check(noClasses().that().resideInAPackage(CORE).should().dependOnClassesThat(
                        resideInAnyPackage("java.io..", "java.net..", "java.nio..", "java.sql..", "java.rmi..",
                                "java.net.http.."))
                .because("the core reads no file or socket and prints nothing: its callers hand it what they read"));
    }

    @Test
    void startsNoThreadAndMakesNoExecutor() {
        DescribedPredicate<JavaClass> threads = describe("are threads, timers or executors it would start",
                c -> c.isAssignableTo(Thread.class) || c.isAssignableTo(ThreadGroup.class)
                        || c.isAssignableTo(java.util.Timer.class) || c.isAssignableTo(java.util.TimerTask.class)
                        || c.isAssignableTo(ExecutorService.class)
                        || c.isAssignableTo(java.util.concurrent.ThreadFactory.class)
                        || c.isAssignableTo(java.util.concurrent.CompletableFuture.class)
                        || c.isEquivalentTo(java.util.concurrent.Executors.class));
        check(noClasses().that().resideInAPackage(CORE).should().dependOnClassesThat(threads)
                .because("the core runs on its caller's thread; the live gateway decides which threads there are"));
    }

    @Test
    void logsNothing() {
        check(noClasses().that().resideInAPackage(CORE).should().dependOnClassesThat(
                        resideInAnyPackage("org.slf4j..", "java.util.logging..", "org.apache.logging..",
                                "org.apache.commons.logging..", "ch.qos.logback..")
                                .or(describe("System.Logger", c -> c.getName().startsWith("java.lang.System$Logger"))))
                .because("what the core decides reaches people through its results, which the adapters log"));
    }

    @Test
    void readsNoSystemClock() {
        check(noClasses().that().resideInAPackage(CORE).and(DescribedPredicate.not(
                        describe("Ticker", c -> c.isEquivalentTo(Ticker.class))))
                .should().accessTargetWhere(systemClock())
                .because("time reaches the core only through an injected Clock, Ticker or instant, so that the live"
                        + " gateway and simulate run the same code against two clocks"));
    }

    /** The exception above stays one: Ticker declares SYSTEM, and the core's other classes never read it. */
    @Test
    void onlyTickerDeclaresTheSystemTicker() {
        check(noClasses().that().resideInAPackage(CORE).and(DescribedPredicate.not(
                        describe("Ticker", c -> c.isEquivalentTo(Ticker.class))))
                .should().accessField(Ticker.class, "SYSTEM")
                .because("Ticker.SYSTEM is for the adapters to inject"));
        check(noClasses().that().resideInAPackage(CORE).should().accessTargetWhere(
                        describe("a system clock other than System.nanoTime", (JavaAccess<?> access) ->
                                systemClock().test(access) && !access.getTarget().getName().equals("nanoTime")))
                .because("Ticker.SYSTEM is the one exception, and it reads System.nanoTime only"));
    }

    /**
     * A call of, or a method reference to, {@code System.currentTimeMillis/nanoTime}, a java.time {@code now()} without
     * a Clock ({@code Instant.now()}, {@code LocalDateTime.now(zone)}, ...), or {@code Clock.system*}.
     */
    private static DescribedPredicate<JavaAccess<?>> systemClock() {
        Set<String> systemClocks = Set.of("currentTimeMillis", "nanoTime");
        return describe("a system clock (System.currentTimeMillis/nanoTime, java.time's now() without a Clock,"
                + " Clock.system*)", (JavaAccess<?> access) -> {
                    if (!(access.getTarget() instanceof CodeUnitAccessTarget target)) {
                        return false;
                    }
                    JavaClass owner = target.getOwner();
                    String name = target.getName();
                    if (owner.isEquivalentTo(System.class)) {
                        return systemClocks.contains(name);
                    }
                    if (owner.isEquivalentTo(Clock.class)) {
                        return name.startsWith("system");
                    }
                    return owner.getPackageName().startsWith("java.time") && name.equals("now")
                            && target.getRawParameterTypes().stream().noneMatch(p -> p.isAssignableTo(Clock.class));
                });
    }

    private static void check(ArchRule rule) {
        rule.check(core);
    }
}
