package org.tensormark.roster;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Whether the server e-mails set-password links. The SMTP server itself is Quarkus Mailer's
 * ({@code quarkus.mailer.host}, {@code port}, {@code username}, {@code password}, {@code tls}).
 */
@ConfigMapping(prefix = "tensormark.mail")
public interface MailConfig {

    /**
     * The sender address of the server's e-mails, e.g. {@code tensormark@cs.example.edu}. Unset (the
     * default) means the server sends no e-mail and never tries: instructors export the links instead.
     */
    Optional<String> from();
}
