package org.tensormark.identity;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoAccountsTest {

    private static DemoAccounts demo(boolean enabled, String host) {
        return new DemoAccounts(() -> enabled, host, null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.168.1.20", "10.0.0.5", "tensormark.example.edu", "localhost.evil.com"})
    void theDemoAccountsRefuseToStartOnAnAddressOthersCanReach(String host) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> demo(true, host).refuseOnPublicAddress(null));
        assertTrue(e.getMessage().contains("quarkus.http.host=" + host), e.getMessage());
        assertTrue(e.getMessage().contains("Listen on 127.0.0.1"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "::1", "[::1]", "127.0.1.1"})
    void theDemoAccountsStartOnALoopbackAddress(String host) {
        assertDoesNotThrow(() -> demo(true, host).refuseOnPublicAddress(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.168.1.20"})
    void withoutTheDemoAnyAddressWillDo(String host) {
        assertDoesNotThrow(() -> demo(false, host).refuseOnPublicAddress(null));
    }
}
