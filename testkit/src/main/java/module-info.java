/**
 * The Wirekit testkit: rules, verification classes, test doubles and wire suites that anyone can run
 * against their own transport, layer, framer or live server.
 */
module dev.wirekit.testkit {
    requires transitive dev.wirekit.api;
    requires transitive org.junit.jupiter.api;

    exports dev.wirekit.testkit;
    exports dev.wirekit.testkit.property;
    exports dev.wirekit.testkit.doubles;
}
