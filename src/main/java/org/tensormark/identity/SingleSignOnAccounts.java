package org.tensormark.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Links a single-sign-on (OIDC) identity to a TensorMark account by the token's issuer and subject
 * only: a username or email claim never reaches an existing account by itself, since whoever
 * controls that claim would take the account over. A first sign-in gets a new password-less account
 * named after {@code preferred_username}; when that name is taken, sign-in is refused until an admin
 * links the identity ({@code /api/admin/sign-on-links}), or, where {@link SsoConfig#linkVerifiedEmail()}
 * allows it, the identity links to the one local account with its verified email, or, where
 * {@link SsoConfig#rosterClaim()} names a claim, to the one untouched roster account (enrolled, no
 * password, no other link) whose username or student id that claim equals. Identities from
 * API tokens and sessions already carry their account and pass unchanged.
 */
@ApplicationScoped
public class SingleSignOnAccounts implements SecurityIdentityAugmentor {

    private final Accounts accounts;
    private final SignOnLinks links;
    private final SsoConfig config;
    private final RosterSignOn roster;

    SingleSignOnAccounts(Accounts accounts, SignOnLinks links, SsoConfig config, RosterSignOn roster) {
        this.accounts = accounts;
        this.links = links;
        this.config = config;
        this.roster = roster;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(SecretIdentityProvider.USER_ID) != null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> link(identity, jwt));
    }

    SecurityIdentity link(SecurityIdentity identity, JsonWebToken jwt) {
        String issuer = jwt.getIssuer();
        String subject = jwt.getSubject();
        if (issuer == null || issuer.isBlank() || subject == null || subject.isBlank()) {
            throw new AuthenticationFailedException("The sign-on token names no issuer (iss) or subject (sub).");
        }
        UserAccount account = links.accountOf(issuer, subject)
                .or(() -> byVerifiedEmail(jwt, issuer, subject))
                .or(() -> config.rosterClaim().flatMap(claim -> roster.link(jwt.getClaim(claim), issuer, subject)))
                .orElseGet(() -> firstSignIn(jwt, issuer, subject));
        QuarkusSecurityIdentity.Builder linked = QuarkusSecurityIdentity.builder(identity)
                .addAttribute(SecretIdentityProvider.USER_ID, account.id)
                .addRole("user");
        if (account.admin) {
            linked.addRole("admin");
        }
        return linked.build();
    }

    private Optional<UserAccount> byVerifiedEmail(JsonWebToken jwt, String issuer, String subject) {
        String email = verifiedEmail(jwt);
        if (!config.linkVerifiedEmail() || email == null) {
            return Optional.empty();
        }
        List<UserAccount> owners = accounts.byEmail(email);
        // Two accounts with one email, or an account already linked to another identity of this
        // issuer, are for an admin to sort out, not for a claim.
        if (owners.size() != 1 || links.hasLinkFrom(owners.get(0).id, issuer)) {
            return Optional.empty();
        }
        links.link(issuer, subject, owners.get(0), SignOnLink.VERIFIED_EMAIL, null);
        return Optional.of(owners.get(0));
    }

    private UserAccount firstSignIn(JsonWebToken jwt, String issuer, String subject) {
        String username = usernameOf(jwt);
        if (accounts.byUsername(username).isPresent()) {
            throw new AuthenticationFailedException("Your sign-on identity is not linked to a TensorMark account, and the"
                    + " username '" + username + "' belongs to an existing account. Ask an administrator to link"
                    + " issuer " + issuer + ", subject " + subject + " to it.");
        }
        Object claimedName = jwt.getClaim("name");
        String name = claimedName == null ? username : claimedName.toString();
        return links.createLinked(issuer, subject, username, name, verifiedEmail(jwt));
    }

    static String usernameOf(JsonWebToken jwt) {
        Object preferred = jwt.getClaim("preferred_username");
        String username = preferred != null ? preferred.toString() : jwt.getSubject();
        if (username == null || username.isBlank()) {
            throw new AuthenticationFailedException("The sign-on token names no user (no preferred_username or sub).");
        }
        return username.strip().toLowerCase();
    }

    /** The token's email when it also says {@code email_verified: true}, else null. */
    static String verifiedEmail(JsonWebToken jwt) {
        Object email = jwt.getClaim("email");
        Object verified = jwt.getClaim("email_verified");
        boolean isVerified = verified != null && "true".equalsIgnoreCase(verified.toString());
        return isVerified && email != null && !email.toString().isBlank() ? email.toString().strip() : null;
    }
}
