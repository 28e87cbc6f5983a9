package org.tensormark.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document is a contract for generated clients: it is written to
 * {@code target/openapi.json} for {@code bin/test}'s linter, and the rules the linter would catch
 * late, and the command-line client's calls, are checked here.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final List<String> VERBS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    private String served;
    private JsonNode document;

    @BeforeEach
    void fetch() throws IOException {
        served = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        document = new ObjectMapper().readTree(served);
    }

    @Test
    void theServedDocumentIsWrittenForTheLinter() throws IOException {
        Path file = Path.of("target", "openapi.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, served);
        assertEquals("TensorMark API", document.path("info").path("title").asText());
    }

    @Test
    void everyOperationHasItsOwnOperationId() {
        List<String> ids = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        operations().forEach((where, op) -> {
            if (op.hasNonNull("operationId")) {
                ids.add(op.get("operationId").asText());
            } else {
                missing.add(where);
            }
        });
        assertTrue(missing.isEmpty(), "operations without an operationId: " + missing);
        assertEquals(ids.size(), new TreeSet<>(ids).size(), "operationIds used twice in " + ids);
    }

    @Test
    void signingInAndOutAreMarkedPublic() {
        for (String where : List.of("POST /api/auth/login", "POST /api/auth/logout")) {
            JsonNode security = operations().get(where).get("security");
            assertTrue(security != null && security.isArray() && security.isEmpty(),
                    where + " should declare security: [] but has " + security);
        }
    }

    @Test
    void theDocumentNamesItsLicenseAndServer() {
        JsonNode license = document.path("info").path("license");
        assertFalse(license.path("name").asText().isBlank(), "info.license.name is missing");
        assertTrue(license.hasNonNull("url") || license.hasNonNull("identifier"),
                "info.license needs a url or an SPDX identifier");
        assertEquals("/", document.path("servers").path(0).path("url").asText(), "the API is served from the server's root");
    }

    @Test
    void everyEndpointTheCommandLineClientCallsIsInTheDocument() {
        SortedSet<String> calls = ClientCalls.in(Path.of("src/main/java/org/tensormark/client"));
        assertTrue(calls.contains("GET /api/me") && calls.contains("POST /api/auth/login"),
                "the client's calls were not found in its sources: " + calls);
        SortedSet<String> documented = new TreeSet<>();
        operations().keySet().forEach(op -> {
            String call = op.replaceAll("\\{[^}/]+}", "{}");
            documented.add(call);
            documented.add("ANY " + call.substring(call.indexOf(' ') + 1));
        });
        SortedSet<String> undocumented = new TreeSet<>(calls);
        undocumented.removeAll(documented);
        assertTrue(undocumented.isEmpty(), "the client calls endpoints the OpenAPI document lacks: " + undocumented);
    }

    /** Every operation as {@code "METHOD /path"}. */
    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> ops = new TreeMap<>();
        document.path("paths").fields().forEachRemaining(path -> VERBS.forEach(verb -> {
            if (path.getValue().has(verb)) {
                ops.put(verb.toUpperCase(Locale.ROOT) + " " + path.getKey(), path.getValue().get(verb));
            }
        }));
        return ops;
    }
}
