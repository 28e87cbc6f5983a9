package org.tensormark.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The access matrix and the application's endpoints (read from the JAX-RS resources) agree: a
 * new endpoint fails the build until someone states who may call it.
 */
class AccessMatrixCoverageTest {

    private static final List<AccessMatrix.Row> ROWS =
            AccessMatrix.rows(new AccessMatrix.Subjects("00000000-0000-0000-0000-000000000000", 1, "CODE"));

    @Test
    void everyEndpointHasARowInTheAccessMatrix() {
        SortedSet<String> declared = DeclaredEndpoints.under("org.tensormark");
        assertFalse(declared.isEmpty(), "no JAX-RS resources found under org.tensormark");
        SortedSet<String> missing = new TreeSet<>(declared);
        missing.removeAll(covered());
        assertEquals(Set.of(), missing, missing.size() + " of " + declared.size()
                + " endpoints have no row in AccessMatrix; add one saying what each role gets");
    }

    @Test
    void everyRowOfTheAccessMatrixNamesAnEndpointThatExists() {
        SortedSet<String> unknown = new TreeSet<>(covered());
        unknown.removeAll(DeclaredEndpoints.under("org.tensormark"));
        assertEquals(Set.of(), unknown, "rows for endpoints the application does not declare");
    }

    @Test
    void everyRowStatesTheAnswerForEveryRole() {
        for (AccessMatrix.Row row : ROWS) {
            assertEquals(AccessMatrix.ROLES.size(), row.expected().size(), row.endpoint());
        }
    }

    @Test
    void theEndpointListReadsPathsAsTheServerJoinsThem() {
        assertEquals("/api/submissions/{id}/files", DeclaredEndpoints.join("/api/submissions/{id}/files/", ""));
        assertEquals("/api/me/tokens", DeclaredEndpoints.join("/api/me", "/tokens"));
        assertEquals("/api/assignments/{a}/group/join", DeclaredEndpoints.join("/api/assignments/{a}/group", "join"));
    }

    private static Set<String> covered() {
        return ROWS.stream().map(AccessMatrix.Row::endpoint).collect(Collectors.toSet());
    }
}
