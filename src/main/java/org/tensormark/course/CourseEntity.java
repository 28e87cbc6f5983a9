package org.tensormark.course;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.ZoneId;

/** A row of {@code course}, written only by {@link AssignmentSync}. */
@Entity
@Table(name = "course")
class CourseEntity {

    @Id
    String id;

    @Column(nullable = false)
    String title;

    @Column(name = "time_zone", nullable = false)
    String timeZone;

    @Column(name = "late_tokens", nullable = false)
    int lateTokens;

    @Column(name = "ends_at")
    Instant endsAt;

    @Column(name = "retain_handins_days")
    Integer retainHandinsDays;

    @Column(name = "synced_at", nullable = false)
    Instant syncedAt;

    /**
     * Copies a declaration in. Writes happen inside the entity so that Hibernate's bytecode
     * enhancement tracks them; other classes only read fields.
     */
    void apply(CourseDeclaration declared, Instant now) {
        id = declared.id();
        title = declared.title();
        timeZone = declared.zone().getId();
        lateTokens = declared.lateTokens();
        endsAt = declared.endsAt();
        retainHandinsDays = declared.retainHandinsDays();
        syncedAt = now;
    }

    CourseView view() {
        return new CourseView(id, title, ZoneId.of(timeZone), lateTokens, syncedAt);
    }
}
