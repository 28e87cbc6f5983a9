package org.tensormark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoOptionTest {

    private final Map<String, String> settings = new HashMap<>();
    private final Map<String, String> set = new HashMap<>();

    private String[] apply(String... args) {
        return DemoOption.apply(args, settings::get, set::put);
    }

    @Test
    void serveWithoutTheFlagLeavesTheDemoAccountsOff() {
        assertArrayEquals(new String[0], apply());
        assertEquals(Map.of(), set);
    }

    @Test
    void theFlagTurnsTheDemoOnAndListensOnLoopbackOnly() {
        assertArrayEquals(new String[0], apply("--demo"), "Quarkus never sees the flag");
        assertEquals(Map.of("tensormark.demo.enabled", "true", "quarkus.http.host", "127.0.0.1"), set);
    }

    @Test
    void anAddressChosenByTheOperatorIsKeptSoThatTheServerCanRefuseIt() {
        settings.put("quarkus.http.host", "0.0.0.0");
        apply("--demo");
        assertEquals(Map.of("tensormark.demo.enabled", "true"), set);
    }

    @Test
    void theDemoPropertyAloneAlsoListensOnLoopbackOnly() {
        settings.put("tensormark.demo.enabled", "true");
        apply();
        assertEquals("127.0.0.1", set.get("quarkus.http.host"));
    }

    @Test
    void otherArgumentsPassThrough() {
        assertArrayEquals(new String[] {"-Dx=1"}, apply("-Dx=1", "--demo"));
    }
}
