package org.tensormark.roster;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Sends people their set-password link by e-mail when the server has a sender address configured
 * ({@link MailConfig#from()}); without one, nothing is ever handed to the mailer.
 */
@ApplicationScoped
class PasswordLinkMail {

    private static final Logger LOG = Logger.getLogger(PasswordLinkMail.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Mailer mailer;
    private final MailConfig config;

    PasswordLinkMail(Mailer mailer, MailConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    boolean configured() {
        return config.from().filter(f -> !f.isBlank()).isPresent();
    }

    /**
     * Mails one person their link; false when they have no address, mail is not configured, or the
     * SMTP server refused it (logged), so that the instructor sends that one by hand.
     */
    boolean send(String courseId, RosterResource.PasswordLink link) {
        if (!configured() || link.email() == null || link.email().isBlank()) {
            return false;
        }
        try {
            mailer.send(Mail.withText(link.email(), "TensorMark: set your password for " + courseId, body(courseId, link))
                    .setFrom(config.from().orElseThrow()));
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("The set-password e-mail to %s (%s) was not sent: %s", link.username(), link.email(), e.getMessage());
            return false;
        }
    }

    static String body(String courseId, RosterResource.PasswordLink link) {
        return "Hello " + link.name() + ",\n\n"
                + "you are on the class list of " + courseId + " in TensorMark, as " + link.username() + ".\n"
                + "Set your password with this link. It works once, until " + WHEN.format(link.expiresAt()) + ":\n\n"
                + link.url() + "\n\n"
                + "Then sign in with your username and that password. If you did not expect this e-mail, ignore it.\n";
    }
}
