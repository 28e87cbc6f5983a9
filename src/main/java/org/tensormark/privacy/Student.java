package org.tensormark.privacy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The account a personal-data request is about, and the courses it is enrolled in. */
record Student(long id, String username, String displayName, String email, List<String> courses) {

    /** The account with this username; refused as not found when there is none. */
    static Student byUsername(Connection c, String username) throws SQLException {
        try (var s = c.prepareStatement("select id, username, display_name, email from app_user where username = ?")) {
            s.setString(1, username);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new PrivacyRefusal(PrivacyRefusal.Kind.NOT_FOUND, "there is no account '" + username + "'");
                }
                long id = rs.getLong(1);
                return new Student(id, rs.getString(2), rs.getString(3), rs.getString(4), courses(c, id));
            }
        }
    }

    private static List<String> courses(Connection c, long id) throws SQLException {
        List<String> courses = new ArrayList<>();
        try (var s = c.prepareStatement("select course_id from enrolment where user_id = ? order by course_id")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    courses.add(rs.getString(1));
                }
            }
        }
        return courses;
    }
}
