package org.tensormark.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final String HOME = "198.51.100.1";

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2030-03-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    static LoginConfig config(int accountFailures, int addressFailures) {
        return new LoginConfig() {
            @Override
            public int accountFailures() {
                return accountFailures;
            }

            @Override
            public int addressFailures() {
                return addressFailures;
            }

            @Override
            public Duration window() {
                return Duration.ofMinutes(15);
            }

            @Override
            public Duration lockout() {
                return Duration.ofMinutes(15);
            }

            @Override
            public Duration maxLockout() {
                return Duration.ofHours(1);
            }
        };
    }

    private final HandClock clock = new HandClock();
    private final LoginThrottle throttle = new LoginThrottle(config(5, 20), clock);

    private Optional<LoginLocked> fail(String user, String address, int times) {
        Optional<LoginLocked> last = Optional.empty();
        for (int i = 0; i < times; i++) {
            last = throttle.failed(user, address);
        }
        return last;
    }

    @Test
    void theFifthFailureLocksTheAccountForFifteenMinutesWithASentence() {
        assertTrue(fail("alice", HOME, 4).isEmpty(), "four failures do not lock");
        LoginLocked lock = throttle.failed("alice", HOME).orElseThrow();
        assertEquals(LoginLocked.Scope.ACCOUNT, lock.scope());
        assertEquals(900, lock.retryAfterSeconds());
        assertEquals("Too many failed sign-ins for this account: try again in 15 minutes (after 10:15 UTC).",
                lock.sentence());
        assertEquals(Optional.of(lock), throttle.lockFor("ALICE ", "203.0.113.9"), "any address, any spelling");
        clock.advance(Duration.ofMinutes(15));
        assertTrue(throttle.lockFor("alice", HOME).isEmpty(), "the lock ends on time");
    }

    @Test
    void eachFurtherLockLastsTwiceAsLongUpToTheMaximum() {
        long[] expected = {900, 1800, 3600, 3600};
        for (long seconds : expected) {
            LoginLocked lock = fail("bob", HOME, 5).orElseThrow();
            assertEquals(seconds, lock.retryAfterSeconds());
            clock.advance(lock.retryAfter());
        }
    }

    @Test
    void aSuccessfulSignInClearsTheAccountsFailuresButNotTheAddresss() {
        LoginThrottle strict = new LoginThrottle(config(5, 8), clock);
        for (int i = 0; i < 4; i++) {
            strict.failed("carol", HOME);
        }
        strict.succeeded("carol");
        for (int i = 0; i < 3; i++) {
            assertTrue(strict.failed("carol", HOME).isEmpty(), "the account counts from zero again");
        }
        LoginLocked lock = strict.failed("carol", HOME).orElseThrow();
        assertEquals(LoginLocked.Scope.ADDRESS, lock.scope(), "the address kept its four earlier failures");
        assertTrue(lock.sentence().contains("your network address"), lock.sentence());
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        fail("dave", HOME, 4);
        clock.advance(Duration.ofMinutes(16));
        assertTrue(fail("dave", HOME, 4).isEmpty());
        assertTrue(throttle.failed("dave", HOME).isPresent());
    }

    @Test
    void twentyFailuresFromOneAddressLockItForEveryUsername() {
        for (int i = 0; i < 19; i++) {
            assertTrue(throttle.failed("user" + i, HOME).isEmpty());
        }
        assertEquals(LoginLocked.Scope.ADDRESS, throttle.failed("user19", HOME).orElseThrow().scope());
        assertEquals(LoginLocked.Scope.ADDRESS, throttle.lockFor("somebody-else", HOME).orElseThrow().scope());
        assertTrue(throttle.lockFor("somebody-else", "203.0.113.9").isEmpty(), "other addresses are not locked");
    }

    @Test
    void quietAccountsAndAddressesAreForgotten() {
        fail("erin", HOME, 5);
        clock.advance(Duration.ofHours(2));
        throttle.forgetQuietOnes();
        assertEquals(900, fail("erin", HOME, 5).orElseThrow().retryAfterSeconds(), "the lock streak started afresh");
    }

    @Test
    void aLockoutOfZeroIsRefusedAtStartNamingTheKey() {
        LoginConfig zero = new LoginConfig() {
            @Override
            public int accountFailures() {
                return 5;
            }

            @Override
            public int addressFailures() {
                return 20;
            }

            @Override
            public Duration window() {
                return Duration.ofMinutes(15);
            }

            @Override
            public Duration lockout() {
                return Duration.ZERO;
            }

            @Override
            public Duration maxLockout() {
                return Duration.ofHours(1);
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(zero, clock));
        assertEquals("Invalid tensormark.login.lockout 'PT0S': it must be longer than zero.", e.getMessage());
    }
}
