package org.tensormark.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sections of a course (the distinct sections its enrolments name) and the sections a TA is
 * limited to. A TA with no sections of their own sees the whole course, as before sections existed.
 */
@ApplicationScoped
public class Sections {

    private final EntityManager em;

    Sections(EntityManager em) {
        this.em = em;
    }

    /** The sections named by the course's enrolments, sorted. */
    @Transactional
    public List<String> of(String courseId) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select distinct section from enrolment where course_id = ?1"
                + " and section is not null order by section").setParameter(1, courseId).getResultList();
        return rows;
    }

    /** The sections a TA is limited to in the course; empty when the TA is not limited. */
    @Transactional
    public Set<String> limitOf(String courseId, long userId) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select section from ta_section where course_id = ?1 and user_id = ?2")
                .setParameter(1, courseId).setParameter(2, userId).getResultList();
        return new TreeSet<>(rows);
    }

    /** The ids of the course's students (dropped ones too) in any of these sections. */
    @Transactional
    public Set<Long> studentsIn(String courseId, Set<String> sections) {
        if (sections.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery("select user_id from enrolment where course_id = ?1"
                + " and role = 'student' and section in (?2)").setParameter(1, courseId)
                .setParameter(2, sections).getResultList();
        return new TreeSet<>(rows.stream().map(Number::longValue).toList());
    }

    /** Replaces the sections a TA is limited to (none: the whole course). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void limit(String courseId, long userId, Set<String> sections) {
        em.createNativeQuery("delete from ta_section where course_id = ?1 and user_id = ?2")
                .setParameter(1, courseId).setParameter(2, userId).executeUpdate();
        for (String section : sections) {
            em.createNativeQuery("insert into ta_section (course_id, user_id, section) values (?1, ?2, ?3)")
                    .setParameter(1, courseId).setParameter(2, userId).setParameter(3, section).executeUpdate();
        }
    }
}
