package org.tensormark.api;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may call what: one row per endpoint, stating the exact answer for every role. A role passes
 * the access check when its answer is a success or a conflict with the hand-in's state (409);
 * 401 means "log in", 403 "not allowed", 404 "not yours to know about". {@link AccessMatrixCoverageTest}
 * fails when an endpoint has no row here.
 */
final class AccessMatrix {

    /** A caller; {@code username} is null for the anonymous one. */
    record Role(String label, String username) {
    }

    /** The columns of every row, in this order. */
    static final List<Role> ROLES = List.of(
            new Role("anonymous", null),
            new Role("student who owns it", "alice"),
            new Role("another student", "bob"),
            new Role("TA", "tom"),
            new Role("instructor of another course", AuthzCourse.OTHER_INSTRUCTOR),
            new Role("instructor", "ingrid"),
            new Role("admin", "admin"),
            new Role("user of no course", AuthzCourse.OUTSIDER));

    /** What a request carries besides its path. */
    interface Body {
        RequestSpecification on(RequestSpecification request);

        static Body json(Map<String, ?> fields) {
            return r -> r.contentType(ContentType.JSON).body(fields);
        }

        static Body form(Map<String, String> fields) {
            return r -> r.contentType(ContentType.URLENC).formParams(fields);
        }

        static Body handIn() {
            return r -> r.multiPart("code", "net.py", "x = 1\n".getBytes(StandardCharsets.UTF_8))
                    .multiPart("report", "r.pdf", AuthzCourse.PDF);
        }

        Body NONE = r -> r;
    }

    /** The things a path can name; each row's path takes its parameters from here unless it overrides them. */
    record Subjects(String submissionId, long spareTokenId, String inviteCode) {

        Map<String, String> parameters() {
            return Map.of("courseId", AuthzCourse.COURSE, "assignmentId", AuthzCourse.OPEN, "id", submissionId,
                    "role", "code");
        }
    }

    /** One endpoint and the answer each role gets. */
    record Row(String method, String template, Map<String, String> parameters, String query, Body body,
            List<Integer> expected) {

        Row with(String parameter, String value) {
            Map<String, String> p = new HashMap<>(parameters);
            p.put(parameter, value);
            return new Row(method, template, p, query, body, expected);
        }

        Row query(String q) {
            return new Row(method, template, parameters, q, body, expected);
        }

        Row body(Body b) {
            return new Row(method, template, parameters, query, b, expected);
        }

        /** The answers in {@link #ROLES} order. */
        Row expect(Integer... statuses) {
            return new Row(method, template, parameters, query, body, Arrays.asList(statuses));
        }

        String endpoint() {
            return method + " " + template;
        }

        String path(Subjects s) {
            Map<String, String> values = new HashMap<>(s.parameters());
            values.putAll(parameters);
            Matcher m = Pattern.compile("\\{(\\w+)}").matcher(template);
            StringBuilder path = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    throw new IllegalStateException(endpoint() + ": no value for {" + m.group(1) + "}");
                }
                m.appendReplacement(path, Matcher.quoteReplacement(value));
            }
            m.appendTail(path);
            return query.isEmpty() ? path.toString() : path + "?" + query;
        }
    }

    private static Row row(String method, String template) {
        return new Row(method, template, Map.of(), "", Body.NONE, List.of());
    }

    private static final String NO_UPLOAD = "00000000-0000-0000-0000-000000000000";

    private AccessMatrix() {
    }

    static List<Row> rows(Subjects s) {
        Body alice = Body.json(Map.of("username", "alice", "password", "alice-demo"));
        return List.of(
                //                                                    anon  own  othr  TA  elsew instr admin nocrs
                // the caller's own account: everyone who is logged in
                row("GET", "/api/me").expect(401, 200, 200, 200, 200, 200, 200, 200),
                row("GET", "/api/me/tokens").expect(401, 200, 200, 200, 200, 200, 200, 200),
                row("POST", "/api/me/tokens").body(Body.json(Map.of("name", "matrix")))
                        .expect(401, 201, 201, 201, 201, 201, 201, 201),
                // alice's spare token: only she may revoke it; to anyone else it does not exist
                row("DELETE", "/api/me/tokens/{id}").with("id", String.valueOf(s.spareTokenId()))
                        .expect(401, 204, 404, 404, 404, 404, 404, 404),
                // signing in is open to all (the body is alice's password, whoever sends it)
                row("POST", "/api/auth/login").body(alice).expect(200, 200, 200, 200, 200, 200, 200, 200),
                row("POST", "/api/auth/login").body(Body.form(Map.of("username", "alice", "password", "alice-demo")))
                        .expect(200, 200, 200, 200, 200, 200, 200, 200),
                row("POST", "/api/auth/logout").expect(204, 204, 204, 204, 204, 204, 204, 204),

                // courses and assignments: members see them, others learn nothing
                row("GET", "/api/courses").expect(401, 200, 200, 200, 200, 200, 200, 200),
                row("GET", "/api/courses/{courseId}/assignments").expect(401, 200, 200, 200, 404, 200, 200, 404),
                row("GET", "/api/assignments/{assignmentId}").expect(401, 200, 200, 200, 404, 200, 200, 404),
                row("GET", "/api/courses/{courseId}/gradebook").expect(401, 403, 403, 200, 404, 200, 200, 404),
                row("GET", "/api/courses/{courseId}/gradebook.csv").expect(401, 403, 403, 200, 404, 200, 200, 404),
                // the release zip of a notebook assignment: members only; this assignment has no notebooks
                row("GET", "/api/assignments/{assignmentId}/release.zip").expect(401, 404, 404, 404, 404, 404, 404, 404),
                row("GET", "/api/assignments/{assignmentId}/overview").expect(401, 403, 403, 200, 404, 200, 200, 404),

                // hand-ins: the owner and the course's staff, nobody else
                row("POST", "/api/assignments/{assignmentId}/submissions").body(Body.handIn())
                        .expect(401, 201, 201, 201, 404, 201, 201, 404),
                row("GET", "/api/assignments/{assignmentId}/submissions").expect(401, 403, 403, 200, 404, 200, 200, 404),
                row("GET", "/api/submissions").expect(401, 200, 200, 200, 200, 200, 200, 200),
                row("GET", "/api/submissions/{id}").expect(401, 200, 404, 200, 404, 200, 200, 404),
                row("GET", "/api/submissions/{id}/result").expect(401, 200, 404, 200, 404, 200, 200, 404),
                row("GET", "/api/submissions/{id}/progress").expect(401, 200, 404, 200, 404, 200, 200, 404),
                row("GET", "/api/assignments/{assignmentId}/progress").expect(401, 403, 403, 200, 404, 200, 200, 404),
                // the open assignment counts the last hand-in: the owner gets past the check to 409
                row("POST", "/api/submissions/{id}/choose").expect(401, 409, 404, 403, 404, 403, 403, 404),
                row("GET", "/api/submissions/{id}/audit").expect(401, 403, 404, 200, 404, 200, 200, 404),
                row("GET", "/api/submissions/{id}/files").expect(401, 200, 404, 200, 404, 200, 200, 404),
                row("GET", "/api/submissions/{id}/files/{role}").expect(401, 200, 404, 200, 404, 200, 200, 404),
                row("GET", "/api/submissions/{id}/files/{role}/entry").query("path=net/__init__.py")
                        .expect(401, 200, 404, 200, 404, 200, 200, 404),

                // resumable uploads: members open their own; an upload is its owner's alone (there is no upload 0…0)
                row("POST", "/api/assignments/{assignmentId}/uploads").body(Body.json(Map.of("role", "code",
                        "filename", "net.py", "size", 6, "sha256", "0".repeat(64))))
                        .expect(401, 201, 201, 201, 404, 201, 201, 404),
                row("HEAD", "/api/uploads/{uploadId}").with("uploadId", NO_UPLOAD)
                        .expect(401, 404, 404, 404, 404, 404, 404, 404),
                row("PATCH", "/api/uploads/{uploadId}").with("uploadId", NO_UPLOAD)
                        .body(r -> r.header("Upload-Offset", "0").contentType("application/offset+octet-stream")
                                .body(new byte[] {1, 2, 3})).expect(401, 404, 404, 404, 404, 404, 404, 404),
                row("DELETE", "/api/uploads/{uploadId}").with("uploadId", NO_UPLOAD)
                        .expect(401, 404, 404, 404, 404, 404, 404, 404),
                row("POST", "/api/assignments/{assignmentId}/submissions/from-uploads")
                        .body(r -> r.multiPart("upload", NO_UPLOAD)).expect(401, 404, 404, 404, 404, 404, 404, 404),

                // peer assessment: members rate their own group (none here, and not due: 409); staff read; instructors
                // scale a group member's mark (alice is in the group assignment's group)
                row("PUT", "/api/assignments/{assignmentId}/peer-ratings").with("assignmentId", AuthzCourse.GROUP)
                        .body(Body.json(Map.of("ratings", List.of()))).expect(401, 409, 409, 409, 404, 409, 409, 404),
                row("GET", "/api/assignments/{assignmentId}/peer-ratings").with("assignmentId", AuthzCourse.GROUP)
                        .expect(401, 403, 403, 200, 404, 200, 200, 404),
                row("PUT", "/api/assignments/{assignmentId}/mark-scales/{username}").with("assignmentId", AuthzCourse.GROUP)
                        .with("username", "alice").body(Body.json(Map.of("factor", 1, "reason", "matrix")))
                        .expect(401, 403, 403, 403, 404, 204, 204, 404),

                // the leaderboard (the group assignment has one): members read the board and its data; a group
                // (alice's) names itself, then enters (an empty predictions file: 400); the others are in no group (409)
                row("GET", "/api/assignments/{assignmentId}/leaderboard").with("assignmentId", AuthzCourse.GROUP)
                        .expect(401, 200, 200, 200, 404, 200, 200, 404),
                row("GET", "/api/assignments/{assignmentId}/leaderboard/train.csv").with("assignmentId", AuthzCourse.GROUP)
                        .expect(401, 200, 200, 200, 404, 200, 200, 404),
                row("GET", "/api/assignments/{assignmentId}/leaderboard/inputs.csv").with("assignmentId", AuthzCourse.GROUP)
                        .expect(401, 200, 200, 200, 404, 200, 200, 404),
                row("PUT", "/api/assignments/{assignmentId}/leaderboard/pseudonym").with("assignmentId", AuthzCourse.GROUP)
                        .body(Body.json(Map.of("pseudonym", "Matrix Mavens"))).expect(401, 200, 409, 409, 404, 409, 409, 404),
                row("POST", "/api/assignments/{assignmentId}/leaderboard/entries").with("assignmentId", AuthzCourse.GROUP)
                        .body(r -> r.contentType("text/csv").body("id,prediction\n"))
                        .expect(401, 400, 409, 409, 404, 409, 409, 404),
                // a predict function: this leaderboard takes CSVs only (422 for a group member)
                row("POST", "/api/assignments/{assignmentId}/leaderboard/predict").with("assignmentId", AuthzCourse.GROUP)
                        .body(r -> r.multiPart("code", "predict.py", "def predict(x):\n    return x\n".getBytes()))
                        .expect(401, 422, 409, 409, 404, 409, 409, 404),

                // grading: staff; overriding a score and releasing hidden checks: instructors
                row("POST", "/api/submissions/{id}/regrade").expect(401, 403, 404, 202, 404, 202, 202, 404),
                // the TA's cancel takes every queued job, so the later staff find nothing to cancel
                row("POST", "/api/submissions/{id}/cancel").expect(401, 403, 404, 204, 404, 409, 409, 404),
                // not scored yet: staff get past the check to 409
                row("POST", "/api/submissions/{id}/manual").body(Body.json(Map.of("checkId", "review", "points", 1)))
                        .expect(401, 403, 404, 409, 404, 409, 409, 404),
                row("POST", "/api/submissions/{id}/override").body(Body.json(Map.of("points", 1, "reason", "matrix")))
                        .expect(401, 403, 404, 403, 404, 409, 409, 404),
                row("POST", "/api/assignments/{assignmentId}/release-hidden")
                        .expect(401, 403, 403, 403, 404, 204, 204, 404),
                row("POST", "/api/assignments/{assignmentId}/regrade").expect(401, 403, 403, 202, 404, 202, 202, 404),
                // shadow regrades of a changed assignment: instructors only (there is no regrade 999999999)
                row("GET", "/api/assignments/{assignmentId}/regrades").expect(401, 403, 403, 403, 404, 200, 200, 404),
                row("GET", "/api/assignments/{assignmentId}/regrades/{regradeId}").with("regradeId", "999999999")
                        .expect(401, 403, 403, 403, 404, 404, 404, 404),
                row("POST", "/api/assignments/{assignmentId}/regrades/{regradeId}/publish").with("regradeId", "999999999")
                        .expect(401, 403, 403, 403, 404, 404, 404, 404),
                row("POST", "/api/assignments/{assignmentId}/regrades/{regradeId}/discard").with("regradeId", "999999999")
                        .expect(401, 403, 403, 403, 404, 404, 404, 404),

                // deadlines: staff grant extensions; members see and spend their own tokens (none here: 409)
                row("POST", "/api/assignments/{assignmentId}/extensions")
                        .body(Body.json(Map.of("username", "bob", "dueAt", "2030-01-01T00:00:00Z", "reason", "illness")))
                        .expect(401, 403, 403, 201, 404, 201, 201, 404),
                // the hand-in that counts for the caller: members only
                row("GET", "/api/assignments/{assignmentId}/counted").expect(401, 200, 200, 200, 404, 200, 200, 404),
                row("GET", "/api/assignments/{assignmentId}/late-tokens").expect(401, 200, 200, 200, 404, 200, 200, 404),
                row("POST", "/api/assignments/{assignmentId}/late-tokens").body(Body.json(Map.of("units", 1)))
                        .expect(401, 409, 409, 409, 404, 409, 409, 404),

                // groups: alice's group has handed in, so nobody joins or leaves it any more
                row("GET", "/api/assignments/{assignmentId}/group").with("assignmentId", AuthzCourse.GROUP)
                        .expect(401, 200, 404, 404, 404, 404, 404, 404),
                row("POST", "/api/assignments/{assignmentId}/group").with("assignmentId", AuthzCourse.NEW_GROUPS)
                        .body(Body.json(Map.of("name", "matrix"))).expect(401, 201, 201, 201, 404, 201, 201, 404),
                row("POST", "/api/assignments/{assignmentId}/group/join").with("assignmentId", AuthzCourse.GROUP)
                        .body(Body.json(Map.of("inviteCode", s.inviteCode())))
                        .expect(401, 409, 409, 409, 404, 409, 409, 404),
                row("POST", "/api/assignments/{assignmentId}/group/leave").with("assignmentId", AuthzCourse.GROUP)
                        .expect(401, 409, 404, 404, 404, 404, 404, 404),

                // single sign-on links: admins only (no account 'nobody-at-all', no link 999999999)
                row("GET", "/api/admin/sign-on-links").expect(401, 403, 403, 403, 403, 403, 200, 403),
                row("POST", "/api/admin/sign-on-links")
                        .body(Body.json(Map.of("username", "nobody-at-all", "issuer", "i", "subject", "s")))
                        .expect(401, 403, 403, 403, 403, 403, 404, 403),
                row("DELETE", "/api/admin/sign-on-links/{id}").with("id", "999999999")
                        .expect(401, 403, 403, 403, 403, 403, 404, 403),

                // rosters: staff read them; instructors import, enrol, change, drop, limit TAs, issue links
                row("GET", "/api/courses/{courseId}/roster").expect(401, 403, 403, 200, 404, 200, 200, 404),
                row("POST", "/api/courses/{courseId}/roster/import").body(r -> r.contentType("text/csv")
                        .body("username,name\n")).expect(401, 403, 403, 403, 404, 200, 200, 404),
                // the instructor enrols matrix-new; for the admin after them it is already enrolled
                row("POST", "/api/courses/{courseId}/roster")
                        .body(Body.json(Map.of("username", "matrix-new", "name", "Matrix New")))
                        .expect(401, 403, 403, 403, 404, 201, 409, 404),
                row("PUT", "/api/courses/{courseId}/roster/{username}").with("username", "matrix-new")
                        .body(Body.json(Map.of("section", "M1"))).expect(401, 403, 403, 403, 404, 200, 200, 404),
                row("PUT", "/api/courses/{courseId}/roster/{username}/sections").with("username", "tom")
                        .body(Body.json(Map.of("sections", List.of()))).expect(401, 403, 403, 403, 404, 200, 200, 404),
                row("POST", "/api/courses/{courseId}/roster/password-links")
                        .expect(401, 403, 403, 403, 404, 200, 200, 404),
                // the instructor drops matrix-new; for the admin after them it is dropped already
                row("DELETE", "/api/courses/{courseId}/roster/{username}").with("username", "matrix-new")
                        .expect(401, 403, 403, 403, 404, 204, 409, 404),
                // setting a password from a one-time link: open to all, the link is the credential
                row("GET", "/api/auth/set-password").query("token=nope").expect(200, 200, 200, 200, 200, 200, 200, 200),
                row("POST", "/api/auth/set-password").body(Body.json(Map.of("token", "nope", "password", "long-enough-1")))
                        .expect(400, 400, 400, 400, 400, 400, 400, 400),
                // personal-data requests: admins export anyone, instructors students of theirs; only admins anonymise
                row("GET", "/api/privacy/students/{username}/export").with("username", "alice")
                        .expect(401, 403, 403, 403, 200, 200, 200, 403),
                row("POST", "/api/privacy/students/{username}/anonymise").with("username", "nobody-such")
                        .expect(401, 403, 403, 403, 403, 403, 404, 403),

                // the internal worker endpoint: the worker credential only, never a user's token or session
                row("GET", "/internal/worker/blobs/{sha256}").with("sha256", "0".repeat(64))
                        .expect(403, 403, 403, 403, 403, 403, 403, 403),
                row("PUT", "/internal/worker/blobs/{sha256}").with("sha256", "0".repeat(64))
                        .body(r -> r.contentType("application/octet-stream").body(new byte[] {1}))
                        .expect(403, 403, 403, 403, 403, 403, 403, 403),

                // the audit trail of anything: admins only
                row("GET", "/api/audit").query("entityType=submission&entityId=" + s.submissionId())
                        .expect(401, 403, 403, 403, 403, 403, 200, 403));
    }
}
