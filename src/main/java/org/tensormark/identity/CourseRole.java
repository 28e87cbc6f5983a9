package org.tensormark.identity;

import jakarta.persistence.AttributeConverter;

/** What a user may do in a course. Admins are a global flag on the account, not a course role. */
public enum CourseRole {
    STUDENT, TA, INSTRUCTOR;

    /** TAs and instructors see and grade the whole course. */
    public boolean isStaff() {
        return this != STUDENT;
    }

    public String dbName() {
        return name().toLowerCase();
    }

    public static CourseRole parse(String text) {
        for (CourseRole r : values()) {
            if (r.dbName().equalsIgnoreCase(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown course role '" + text + "' (student, ta or instructor)");
    }

    /** Stores the role as its lower-case name, as the schema's check constraint expects. */
    @jakarta.persistence.Converter
    static class Converter implements AttributeConverter<CourseRole, String> {
        @Override
        public String convertToDatabaseColumn(CourseRole role) {
            return role == null ? null : role.dbName();
        }

        @Override
        public CourseRole convertToEntityAttribute(String text) {
            return text == null ? null : parse(text);
        }
    }
}
