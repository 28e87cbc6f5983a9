package org.tensormark.identity;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per username and per client address and locks either once it has had too
 * many within the window; each further lock lasts twice as long, up to a maximum. A successful
 * sign-in clears its account's failures but not its address's, or one's own account would reset a
 * password-guessing run from the same address. Counts live in this server's memory: a restart
 * forgets them, which costs an attacker a restart they cannot cause.
 */
@ApplicationScoped
public class LoginThrottle {

    private final LoginConfig config;
    private final Clock clock;
    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();

    @Inject
    LoginThrottle(LoginConfig config) {
        this(config, Clock.systemUTC());
    }

    LoginThrottle(LoginConfig config, Clock clock) {
        require("tensormark.login.account-failures", config.accountFailures());
        require("tensormark.login.address-failures", config.addressFailures());
        require("tensormark.login.window", config.window());
        require("tensormark.login.lockout", config.lockout());
        require("tensormark.login.max-lockout", config.maxLockout());
        this.config = config;
        this.clock = clock;
    }

    private static void require(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("Invalid " + key + " '" + value + "': it must be at least 1.");
        }
    }

    private static void require(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("Invalid " + key + " '" + value + "': it must be longer than zero.");
        }
    }

    /** The lock in force for this username or this address, if any; a locked sign-in is not even tried. */
    public Optional<LoginLocked> lockFor(String username, String address) {
        Instant now = clock.instant();
        return lock(accounts.get(key(username)), LoginLocked.Scope.ACCOUNT, now)
                .or(() -> lock(addresses.get(address), LoginLocked.Scope.ADDRESS, now));
    }

    /** Records a failed sign-in; returns the lock it started when it was the last one allowed. */
    public Optional<LoginLocked> failed(String username, String address) {
        Instant now = clock.instant();
        Optional<LoginLocked> byAccount = accounts.computeIfAbsent(key(username), k -> new Failures())
                .fail(now, config.accountFailures(), config)
                .map(until -> new LoginLocked(LoginLocked.Scope.ACCOUNT, until, Duration.between(now, until)));
        Optional<LoginLocked> byAddress = addresses.computeIfAbsent(address, k -> new Failures())
                .fail(now, config.addressFailures(), config)
                .map(until -> new LoginLocked(LoginLocked.Scope.ADDRESS, until, Duration.between(now, until)));
        return byAccount.or(() -> byAddress);
    }

    /** A successful sign-in: the account starts afresh. */
    public void succeeded(String username) {
        accounts.remove(key(username));
    }

    /** Forgets accounts and addresses that have been quiet for the longest lock, so memory stays small. */
    @Scheduled(every = "10m", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetQuietOnes() {
        Instant now = clock.instant();
        accounts.values().removeIf(f -> f.quiet(now, config.maxLockout()));
        addresses.values().removeIf(f -> f.quiet(now, config.maxLockout()));
    }

    private static Optional<LoginLocked> lock(Failures failures, LoginLocked.Scope scope, Instant now) {
        return Optional.ofNullable(failures).flatMap(f -> f.lockedUntil(now))
                .map(until -> new LoginLocked(scope, until, Duration.between(now, until)));
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    /** The recent failures of one account or address and its lock. */
    private static final class Failures {

        private final ArrayDeque<Instant> recent = new ArrayDeque<>();
        private Instant lockedUntil = Instant.MIN;
        private Instant lastFailure = Instant.MIN;
        private int locks;

        synchronized Optional<Instant> lockedUntil(Instant now) {
            return now.isBefore(lockedUntil) ? Optional.of(lockedUntil) : Optional.empty();
        }

        synchronized Optional<Instant> fail(Instant now, int allowed, LoginConfig config) {
            lastFailure = now;
            Instant windowStart = now.minus(config.window());
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(windowStart)) {
                recent.pollFirst();
            }
            recent.addLast(now);
            if (recent.size() < allowed) {
                return Optional.empty();
            }
            recent.clear();
            Duration lockout = config.lockout().multipliedBy(1L << Math.min(locks, 20));
            locks++;
            lockedUntil = now.plus(lockout.compareTo(config.maxLockout()) > 0 ? config.maxLockout() : lockout);
            return Optional.of(lockedUntil);
        }

        synchronized boolean quiet(Instant now, Duration forgetAfter) {
            return !now.isBefore(lockedUntil) && now.isAfter(lastFailure.plus(forgetAfter));
        }
    }
}
