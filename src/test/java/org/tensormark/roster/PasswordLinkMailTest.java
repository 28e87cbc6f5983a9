package org.tensormark.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordLinkMailTest {

    private final List<Mail> handedOver = new ArrayList<>();
    private final Mailer recording = mails -> handedOver.addAll(List.of(mails));
    private final RosterResource.PasswordLink link = new RosterResource.PasswordLink("s1234567", "Ada Lovelace",
            "ada@example.edu", "https://tm.example.edu/api/auth/set-password?token=abc", Instant.parse("2026-12-17T09:30:00Z"),
            null);

    @Test
    void withoutASenderAddressNothingIsHandedToTheMailer() {
        PasswordLinkMail mail = new PasswordLinkMail(recording, Optional::empty);
        assertFalse(mail.configured());
        assertFalse(mail.send("c1", link));
        assertTrue(handedOver.isEmpty(), "no e-mail is attempted when none is configured");
    }

    @Test
    void aPersonWithoutAnAddressIsNotMailedAndTheInstructorSendsTheirLinkByHand() {
        PasswordLinkMail mail = new PasswordLinkMail(recording, () -> Optional.of("tm@example.edu"));
        RosterResource.PasswordLink noAddress = new RosterResource.PasswordLink("s1", "No Mail", null, "u", link.expiresAt(),
                null);
        assertFalse(mail.send("c1", noAddress));
        assertTrue(handedOver.isEmpty());
    }

    @Test
    void theMailNamesTheCourseTheUsernameTheLinkAndWhenItExpires() {
        PasswordLinkMail mail = new PasswordLinkMail(recording, () -> Optional.of("tm@example.edu"));
        assertTrue(mail.send("sc4001", link));
        Mail sent = handedOver.get(0);
        assertEquals(List.of("ada@example.edu"), sent.getTo());
        assertEquals("tm@example.edu", sent.getFrom());
        assertEquals("TensorMark: set your password for sc4001", sent.getSubject());
        assertTrue(sent.getText().contains("as s1234567") && sent.getText().contains(link.url())
                && sent.getText().contains("until 17 December 2026, 09:30 UTC"), sent.getText());
    }
}
