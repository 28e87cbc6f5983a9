package org.tensormark.identity;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** Single sign-on reaches an account by issuer + subject, never by a username or unverified email claim. */
@QuarkusTest
class SingleSignOnAccountsTest {

    private static final String UNI = "https://sso.uni.example/realms/students";
    private static final String OTHER = "https://login.other.example";

    @Inject
    Accounts accounts;

    @Inject
    SignOnLinks links;

    @Inject
    EntityManager em;

    /** The claims of an OIDC token as the identity provider sent them. */
    record FakeToken(Map<String, Object> claims) implements JsonWebToken {
        @Override
        public String getName() {
            return (String) claims.getOrDefault("preferred_username", claims.get("sub"));
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String name) {
            return (T) claims.get(name);
        }
    }

    private static FakeToken token(String issuer, String subject, String username, Object... more) {
        Map<String, Object> claims = new HashMap<>(Map.of("iss", issuer, "sub", subject, "preferred_username", username));
        for (int i = 0; i < more.length; i += 2) {
            claims.put((String) more[i], more[i + 1]);
        }
        return new FakeToken(claims);
    }

    @Inject
    RosterSignOn roster;

    private SingleSignOnAccounts signOn(boolean linkVerifiedEmail) {
        return signOn(linkVerifiedEmail, null);
    }

    private SingleSignOnAccounts signOn(boolean linkVerifiedEmail, String rosterClaim) {
        return new SingleSignOnAccounts(accounts, links, new SsoConfig() {
            @Override
            public boolean linkVerifiedEmail() {
                return linkVerifiedEmail;
            }

            @Override
            public Optional<String> rosterClaim() {
                return Optional.ofNullable(rosterClaim);
            }
        }, roster);
    }

    private static long accountOf(SecurityIdentity identity) {
        return identity.<Long>getAttribute(SecretIdentityProvider.USER_ID);
    }

    private static SecurityIdentity signIn(SingleSignOnAccounts sso, FakeToken jwt) {
        return sso.link(QuarkusSecurityIdentity.builder().setPrincipal(jwt).build(), jwt);
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aSignOnClaimingTheUsernameOfALocalAccountDoesNotReachIt() {
        String name = unique("victim");
        UserAccount victim = accounts.create(name, "Victor Victim", "secret-pass", true);
        AuthenticationFailedException refused = assertThrows(AuthenticationFailedException.class,
                () -> signIn(signOn(false), token(UNI, "attacker-sub", name)));
        assertTrue(refused.getMessage().contains("Ask an administrator to link"), refused.getMessage());
        assertTrue(links.list(name).isEmpty(), "no link was made to " + victim.username);
    }

    @Test
    void aFirstSignOnGetsItsOwnAccountAndReachesItAgainWhateverItsUsernameClaimSaysLater() {
        String name = unique("newcomer");
        SecurityIdentity first = signIn(signOn(false), token(UNI, "sub-" + name, name, "name", "Nora Newcomer"));
        UserAccount account = accounts.byId(accountOf(first)).orElseThrow();
        assertEquals(name, account.username);
        assertEquals("Nora Newcomer", account.displayName);
        assertNull(account.passwordHash);
        assertFalse(first.hasRole("admin"));

        SecurityIdentity later = signIn(signOn(false), token(UNI, "sub-" + name, unique("renamed")));
        assertEquals(account.id, accountOf(later));
    }

    @Test
    void theSameSubjectFromAnotherIssuerIsAnotherPerson() {
        String name = unique("twin");
        long uni = accountOf(signIn(signOn(false), token(UNI, "sub-" + name, name)));
        assertThrows(AuthenticationFailedException.class,
                () -> signIn(signOn(false), token(OTHER, "sub-" + name, name)), "the name is taken by the first");
        long other = accountOf(signIn(signOn(false), token(OTHER, "sub-" + name, unique("twin"))));
        assertNotEquals(uni, other);
    }

    @Test
    void anAdminLinksAnIdentityToAnExistingAccountWhichItThenSignsInTo() {
        String name = unique("staff");
        UserAccount local = accounts.create(name, "Sam Staff", "staff-pass", false);
        TestLogins.as("alice").contentType(ContentType.JSON)
                .body(Map.of("username", name, "issuer", UNI, "subject", "s-" + name))
                .post("/api/admin/sign-on-links").then().statusCode(403);
        TestLogins.as("admin").contentType(ContentType.JSON)
                .body(Map.of("username", name, "issuer", UNI, "subject", "s-" + name))
                .post("/api/admin/sign-on-links").then().statusCode(201)
                .body("username", equalTo(name)).body("linkedBy", equalTo("admin"));
        assertEquals(local.id, accountOf(signIn(signOn(false), token(UNI, "s-" + name, "whatever"))));

        TestLogins.as("admin").contentType(ContentType.JSON)
                .body(Map.of("username", "alice", "issuer", UNI, "subject", "s-" + name))
                .post("/api/admin/sign-on-links").then().statusCode(409);
        int id = TestLogins.as("admin").queryParam("username", name).get("/api/admin/sign-on-links")
                .then().statusCode(200).extract().path("[0].id");
        TestLogins.as("admin").delete("/api/admin/sign-on-links/" + id).then().statusCode(204);
        assertThrows(AuthenticationFailedException.class, () -> signIn(signOn(false), token(UNI, "s-" + name, name)),
                "unlinked, the identity no longer reaches the account");
    }

    @Test
    void aVerifiedEmailLinksAnExistingAccountOnlyWhereTheAdminAllowedIt() {
        String name = unique("mail");
        UserAccount local = accounts.create(name, "Mia Mail", "mail-pass", false);
        String email = name + "@uni.example";
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update app_user set email = ?1 where id = ?2")
                .setParameter(1, email).setParameter(2, local.id).executeUpdate());

        assertThrows(AuthenticationFailedException.class,
                () -> signIn(signOn(false), token(UNI, "m-" + name, name, "email", email, "email_verified", true)),
                "not allowed by the admin");
        assertThrows(AuthenticationFailedException.class,
                () -> signIn(signOn(true), token(UNI, "m-" + name, name, "email", email, "email_verified", false)),
                "an unverified email links nothing");
        SecurityIdentity linked = signIn(signOn(true),
                token(UNI, "m-" + name, name, "email", email.toUpperCase(), "email_verified", true));
        assertEquals(local.id, accountOf(linked));
        assertEquals("verified-email", links.list(name).get(0).linkedBy());
    }

    private String ssoCourse() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into course (id, title) values"
                + " ('sso-roster', 'SSO roster') on conflict do nothing").executeUpdate());
        return "sso-roster";
    }

    /** A roster-made account: enrolled, no password, no sign-on link, with this student id. */
    private UserAccount rosterAccount(String username, String studentId) {
        UserAccount made = accounts.create(username, "Rosa Roster", null, false);
        accounts.enrol(made.id, ssoCourse(), CourseRole.STUDENT);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update app_user set student_id = ?1 where id = ?2")
                .setParameter(1, studentId).setParameter(2, made.id).executeUpdate());
        return made;
    }

    @Test
    void aFirstSignOnReachesTheRosterAccountWhoseUsernameOrStudentIdTheConfiguredClaimNames() {
        String name = unique("rosa");
        String studentId = unique("U");
        UserAccount byName = rosterAccount(name, studentId);
        assertThrows(AuthenticationFailedException.class, () -> signIn(signOn(false), token(UNI, "r-" + name, name)),
                "without a roster claim configured a username claim reaches no account");
        SecurityIdentity linked = signIn(signOn(false, "preferred_username"), token(UNI, "r-" + name, name.toUpperCase()));
        assertEquals(byName.id, accountOf(linked));
        assertEquals("roster", links.list(name).get(0).linkedBy());

        String other = unique("sid");
        String number = unique("N");
        UserAccount byNumber = rosterAccount(other, number);
        assertEquals(byNumber.id, accountOf(signIn(signOn(false, "student_id"),
                token(UNI, "n-" + other, "someone-else", "student_id", number))));
    }

    @Test
    void theRosterClaimNeverReachesAnAccountWithAPasswordOrAnotherSignOnLink() {
        String withPassword = unique("pw");
        accounts.enrol(accounts.create(withPassword, "Pat Password", "pw-password", false).id, ssoCourse(),
                CourseRole.STUDENT);
        assertThrows(AuthenticationFailedException.class,
                () -> signIn(signOn(false, "preferred_username"), token(UNI, "p-" + withPassword, withPassword)));

        String linkedElsewhere = unique("ln");
        UserAccount once = rosterAccount(linkedElsewhere, unique("L"));
        links.link(OTHER, "elsewhere-" + linkedElsewhere, once, SignOnLink.ADMIN, null);
        assertThrows(AuthenticationFailedException.class,
                () -> signIn(signOn(false, "preferred_username"), token(UNI, "l-" + linkedElsewhere, linkedElsewhere)));
        assertEquals(1, links.list(linkedElsewhere).size(), "the claim added no second link");
    }
}
