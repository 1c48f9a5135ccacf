/**
 * The Wirekit testkit: rules, verification classes, test doubles and wire suites that anyone can run
 * against their own transport, layer, framer or live server.
 */
module dev.wirekit.testkit {
    requires transitive dev.wirekit.api;
    requires transitive org.junit.jupiter.api;
    requires java.logging;
    requires org.junit.platform.launcher;
    requires org.junit.platform.reporting;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;

    exports dev.wirekit.testkit;
    exports dev.wirekit.testkit.property;
    exports dev.wirekit.testkit.doubles;
    exports dev.wirekit.testkit.wire;
    exports dev.wirekit.testkit.pki;

    provides dev.wirekit.spi.CommandProvider with
            dev.wirekit.testkit.wire.TestkitCommand;

    // JUnit instantiates the rule classes reflectively; Jackson writes the report records.
    opens dev.wirekit.testkit to
            org.junit.platform.commons;
    opens dev.wirekit.testkit.wire to
            org.junit.platform.commons,
            com.fasterxml.jackson.databind;
}
