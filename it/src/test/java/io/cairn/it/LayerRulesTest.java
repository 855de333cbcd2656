package io.cairn.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The module layering, checked on the compiled main classes of every module (this module sees them all). Maven alone
 * does not enforce it: a module may declare a dependency on any module that does not depend on it, and the reactor
 * silently reorders the build. A unit test of this module (surefire, phase {@code test}), so {@code ./cairn test} and
 * {@code mvn verify} run it before the {@code *IT}.
 */
class LayerRulesTest {
    /** The modules ({@code io.cairn.<module>} each), in the root pom's order; a module uses only earlier ones. */
    static final List<String> MODULES = List.of(
            "core", "auth", "tls", "api", "http", "meta", "raft", "chunk", "client", "s3", "controller", "node", "gateway",
            "console", "app");

    /** The modules something comes after: all but app ({@link #nothingDependsOnApp} is the converse for app). */
    static final List<String> LAYERED = MODULES.subList(0, MODULES.size() - 1);

    static JavaClasses cairn;

    @BeforeAll
    static void importClasses() {
        // Main classes only: this module's tests use every layer by design.
        cairn = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cairn");
    }

    static String root(String module) {
        return "io.cairn." + module + "..";
    }

    static String[] roots(List<String> modules) {
        return modules.stream().map(LayerRulesTest::root).toArray(String[]::new);
    }

    /** Guards the other rules against passing vacuously because the classpath lost a module. */
    @Test
    void everyModuleIsImported() {
        for (String module : MODULES) {
            assertThat(cairn.that(JavaClass.Predicates.resideInAPackage(root(module))))
                    .as("classes of io.cairn.%s on the test classpath", module)
                    .isNotEmpty();
        }
    }

    /** A class outside every module root would be checked by no layer rule. */
    @Test
    void everyClassIsInAModuleRoot() {
        classes().that().resideInAPackage("io.cairn..")
                .should().resideInAnyPackage(roots(MODULES))
                .because("each module owns exactly the package io.cairn.<module> and its subpackages")
                .check(cairn);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("LAYERED")
    void moduleDependsOnlyOnEarlierModules(String module) {
        List<String> later = MODULES.subList(MODULES.indexOf(module) + 1, MODULES.size());
        noClasses().that().resideInAPackage(root(module))
                .should().dependOnClassesThat().resideInAnyPackage(roots(later))
                .because("modules are layered in the order of the root pom's <modules>: " + String.join(", ", MODULES))
                .check(cairn);
    }

    @Test
    void coreDependsOnNothingOfCairnAndOnlyOnJacksonAndSlf4j() {
        classes().that().resideInAPackage(root("core"))
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(root("core"), "java..", "com.fasterxml.jackson..", "org.slf4j..")
                .because("core is the vocabulary every module shares"
                        + " (ARCHITECTURE.md: no dependency but Jackson and SLF4J)")
                .check(cairn);
    }

    @Test
    void metaKnowsNothingOfRaftOrTheController() {
        noClasses().that().resideInAPackage(root("meta"))
                .should().dependOnClassesThat().resideInAnyPackage(root("raft"), root("controller"))
                .because("the state machine applies whatever committed log entry it is given; replication and"
                        + " deciding commands live above it, so meta stays deterministic and testable alone")
                .check(cairn);
    }

    @Test
    void nothingDependsOnApp() {
        noClasses().that().resideOutsideOfPackage(root("app"))
                .should().dependOnClassesThat().resideInAPackage(root("app"))
                .because("app is the binary: composition roots, configuration and the CLI, used by nothing")
                .check(cairn);
    }

    @Test
    void publicApisReachControllersAndNodesOnlyThroughApiAndClient() {
        noClasses().that().resideInAnyPackage(root("s3"), root("gateway"))
                .should().dependOnClassesThat().resideInAnyPackage(root("controller"), root("node"))
                .because("a gateway talks to controllers through api.MetadataService and to nodes through client,"
                        + " in-process or over HTTP alike; only app wires the concrete controller in")
                .check(cairn);
    }

    /**
     * The package rules above are only as good as "package = module": a class in {@code io.cairn.meta} compiled in the
     * raft module would escape them. Checked by where each class was loaded from: a module's {@code target/classes}
     * or jar in the reactor, or its {@code cairn-<module>-<version>.jar} from a repository.
     */
    @Test
    void eachModuleHoldsOnlyItsOwnPackage() {
        classes().that().resideInAPackage("io.cairn..")
                .should(new ArchCondition<>("be compiled in the module their package is named after") {
                    @Override
                    public void check(JavaClass javaClass, ConditionEvents events) {
                        String location = javaClass.getSource().map(s -> s.getUri().toString()).orElse("(unknown)");
                        Optional<String> module = moduleOf(location);
                        String pkg = javaClass.getPackageName();
                        boolean ok = module
                                .map(m -> pkg.equals("io.cairn." + m) || pkg.startsWith("io.cairn." + m + "."))
                                .orElse(false);
                        String from = module.map(m -> " (module " + m + ")").orElse(" (module unknown)");
                        events.add(new SimpleConditionEvent(javaClass, ok,
                                javaClass.getName() + " was loaded from " + location + from));
                    }
                })
                .check(cairn);
    }

    private static final Pattern ARTIFACT = Pattern.compile("/cairn-([a-z0-9]+)-[^/]*\\.jar!");
    private static final Pattern REACTOR = Pattern.compile("/([a-z0-9]+)/target/(?:classes/|[^/]+\\.jar!)");

    static Optional<String> moduleOf(String location) {
        for (Pattern pattern : List.of(ARTIFACT, REACTOR)) {
            Matcher m = pattern.matcher(location);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }
}
