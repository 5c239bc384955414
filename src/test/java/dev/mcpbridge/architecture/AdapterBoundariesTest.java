package dev.mcpbridge.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries that keep each service an adapter, checked on the compiled classes: the core knows no service, an
 * adapter knows no other adapter, and an adapter reaches the core only through its SPI. Every package under
 * dev.mcpbridge other than core and lib is an adapter; lib holds the libraries several adapters share (files, web),
 * which know no adapter and reach the core only through the SPI too. Adapters do not speak MCP themselves, the SPI is only the contract, and
 * the core's packages form no cycle.
 */
class AdapterBoundariesTest {

    private static final String CORE = "dev.mcpbridge.core..";
    private static final String SPI = "dev.mcpbridge.core.spi..";
    private static final String LIB = "dev.mcpbridge.lib..";

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        // The compiled production classes only (Maven's target/classes): reading them from there, rather than
        // scanning the class path for the package, keeps the import fast.
        classes = new ClassFileImporter().importPath(Path.of("target", "classes"));
    }

    @Test
    void theCoreImportsNoAdapter() {
        noClasses().that().resideInAPackage(CORE)
                .should().dependOnClassesThat(resideInAPackage("dev.mcpbridge..").and(not(resideInAPackage(CORE))))
                .because("the core knows no service: an adapter is added without changing it")
                .check(classes);
    }

    @Test
    void adaptersDoNotImportEachOther() {
        slices().matching("dev.mcpbridge.(*)..").should().notDependOnEachOther()
                .ignoreDependency(alwaysTrue(), resideInAPackage(CORE))
                .ignoreDependency(alwaysTrue(), resideInAPackage(LIB))
                .because("what several adapters need lives in a shared library (dev.mcpbridge.lib) or the SPI")
                .check(classes);
    }

    @Test
    void theLibrariesImportNoAdapter() {
        noClasses().that().resideInAPackage(LIB)
                .should().dependOnClassesThat(resideInAPackage("dev.mcpbridge..")
                        .and(not(resideInAPackage(LIB))).and(not(resideInAPackage(SPI))))
                .because("a shared library serves every adapter alike and reaches the core only through the SPI")
                .check(classes);
    }

    @Test
    void adaptersUseTheCoreOnlyThroughItsSpi() {
        noClasses().that().resideInAPackage("dev.mcpbridge..").and().resideOutsideOfPackage(CORE)
                .should().dependOnClassesThat(resideInAPackage(CORE).and(not(resideInAPackage(SPI))))
                .because("dev.mcpbridge.core.spi is the adapters' contract; the rest of the core may change")
                .check(classes);
    }

    @Test
    void adaptersDoNotImportTheMcpSdk() {
        noClasses().that().resideInAPackage("dev.mcpbridge..").and().resideOutsideOfPackage(CORE)
                .should().dependOnClassesThat(resideInAPackage("io.modelcontextprotocol.."))
                .because("adapters answer with SPI results; only the protocol edge speaks MCP")
                .check(classes);
    }

    @Test
    void theSpiImportsNothingElseOfTheCore() {
        noClasses().that().resideInAPackage(SPI)
                .should().dependOnClassesThat(resideInAPackage(CORE).and(not(resideInAPackage(SPI))))
                .because("the SPI is the contract: it must not drag the core's insides into the adapters")
                .check(classes);
    }

    @Test
    void theCoreHasNoPackageCycle() {
        slices().matching("dev.mcpbridge.core.(*)..").should().beFreeOfCycles()
                .because("each layer of the core depends only on those below it: edge, registry, pipeline, SPI")
                .check(classes);
    }
}
