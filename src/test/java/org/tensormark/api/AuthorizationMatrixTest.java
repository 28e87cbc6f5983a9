package org.tensormark.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;

/**
 * Every endpoint against every role of {@link AccessMatrix}: the answers are exactly the matrix's,
 * and a refusal carries none of the data it guards.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    @Inject
    AuthzCourse course;

    @Test
    void everyEndpointAnswersEveryRoleAsTheMatrixSays() {
        AccessMatrix.Subjects subjects = course.subjects();
        List<String> wrong = new ArrayList<>();
        for (AccessMatrix.Row row : AccessMatrix.rows(subjects)) {
            String path = row.path(subjects);
            for (int i = 0; i < AccessMatrix.ROLES.size(); i++) {
                AccessMatrix.Role role = AccessMatrix.ROLES.get(i);
                Response r = row.body().on(as(role)).request(row.method(), path);
                int expected = row.expected().get(i);
                if (r.statusCode() != expected) {
                    wrong.add(row.method() + " " + path + " as " + role.label() + ": " + r.statusCode() + " (expected "
                            + expected + ") " + r.asString());
                }
                if (r.statusCode() == 404 || r.statusCode() == 403) {
                    assertFalse(r.asString().contains("sha256"), "a refusal carries no data: " + r.asString());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static RequestSpecification as(AccessMatrix.Role role) {
        return role.username() == null ? given() : TestLogins.as(role.username());
    }
}
