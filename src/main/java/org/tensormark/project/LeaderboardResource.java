package org.tensormark.project;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentView;
import org.tensormark.identity.CourseAccess;
import org.tensormark.problem.Problem;

/**
 * An assignment's leaderboard over HTTP (see {@link Leaderboard}): the data to train on and the
 * held-out inputs (never their labels), the group's pseudonym, entries (a predictions CSV or a
 * {@code predict} function run in the sandbox, {@link PredictEntries}) and the board.
 * Course members only; the class sits at {@code /api} like {@link PeerRatingResource}.
 */
@Path("/api")
@Authenticated
public class LeaderboardResource {

    private static final int MAX_CSV = 5 * 1024 * 1024;
    /** The most any spec's {@code weights_max_kb} allows; the spec's own limit is checked after. */
    private static final long MAX_WEIGHTS = 20L << 20;

    private final Leaderboard leaderboard;
    private final PredictEntries predict;
    private final LeaderboardStandings standings;
    private final LeaderboardData data;
    private final CourseAccess access;
    private final AssignmentCatalog catalog;

    LeaderboardResource(Leaderboard leaderboard, PredictEntries predict, LeaderboardStandings standings,
            LeaderboardData data, CourseAccess access, AssignmentCatalog catalog) {
        this.leaderboard = leaderboard;
        this.predict = predict;
        this.standings = standings;
        this.data = data;
        this.access = access;
        this.catalog = catalog;
    }

    /** The group's chosen name on the board. */
    public record PseudonymBody(String pseudonym) {
    }

    private AssignmentView released(String assignmentId) {
        AssignmentView a = catalog.existing(assignmentId);
        access.requireMember(a.courseId());
        if (!access.isStaff(a.courseId()) && Instant.now().isBefore(a.releaseAt())) {
            throw Problem.notFound("No assignment '" + assignmentId + "'.");
        }
        return a;
    }

    @GET
    @Path("/assignments/{assignmentId}/leaderboard")
    @Produces(MediaType.APPLICATION_JSON)
    public LeaderboardStandings.Board board(@PathParam("assignmentId") String assignmentId) {
        AssignmentView a = released(assignmentId);
        return standings.of(a, access.userId(), Instant.now());
    }

    /** The labelled training rows, {@code id,x1,…,label}. */
    @GET
    @Path("/assignments/{assignmentId}/leaderboard/train.csv")
    @Produces("text/csv")
    public Response train(@PathParam("assignmentId") String assignmentId) {
        AssignmentView a = released(assignmentId);
        return csv(data.of(a).data().trainCsv(), a.id() + "-train.csv");
    }

    /** The held-out rows' inputs, {@code id,x1,…}: what to predict; the labels stay on the server. */
    @GET
    @Path("/assignments/{assignmentId}/leaderboard/inputs.csv")
    @Produces("text/csv")
    public Response inputs(@PathParam("assignmentId") String assignmentId) {
        AssignmentView a = released(assignmentId);
        return csv(data.of(a).data().inputsCsv(), a.id() + "-inputs.csv");
    }

    @PUT
    @Path("/assignments/{assignmentId}/leaderboard/pseudonym")
    @Consumes(MediaType.APPLICATION_JSON)
    public PseudonymBody pseudonym(@PathParam("assignmentId") String assignmentId, PseudonymBody body) {
        AssignmentView a = released(assignmentId);
        if (body == null) {
            throw Problem.invalid("Send {\"pseudonym\": \"…\"}.");
        }
        return new PseudonymBody(leaderboard.choosePseudonym(access.userId(), a, body.pseudonym()));
    }

    /** Predictions as CSV ({@code id,prediction}); 429 with {@code Retry-After} over the daily limit. */
    @POST
    @Path("/assignments/{assignmentId}/leaderboard/entries")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Response enter(@PathParam("assignmentId") String assignmentId, String csv) {
        AssignmentView a = released(assignmentId);
        if (csv == null || csv.isBlank()) {
            throw Problem.invalid("Send your predictions as CSV with the header 'id,prediction'.");
        }
        if (csv.length() > MAX_CSV) {
            throw Problem.tooLarge("A predictions file is at most 5 MB.");
        }
        Instant now = Instant.now();
        try {
            return Response.status(201).entity(leaderboard.enter(access.userId(), a, csv, now)).build();
        } catch (Leaderboard.DailyLimitReached e) {
            return tooMany(e, now);
        }
    }

    /**
     * A {@code predict} entry (multipart): the part {@code code}, a Python file defining
     * {@code predict(inputs)}, and where the leaderboard allows one a part {@code weights}. 202: the
     * entry is {@code running}; the board's {@code yourEntries} shows its score or its error once the
     * worker has run it. 429 with {@code Retry-After} over the daily limit, as for a CSV.
     */
    @POST
    @Path("/assignments/{assignmentId}/leaderboard/predict")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enterPredict(@PathParam("assignmentId") String assignmentId, @RestForm("code") FileUpload code,
            @RestForm("weights") FileUpload weights) {
        AssignmentView a = released(assignmentId);
        Instant now = Instant.now();
        try {
            byte[] weightBytes = weights == null ? null : read(weights, MAX_WEIGHTS);
            Leaderboard.Entry entry = predict.enter(access.userId(), a, code == null ? null : read(code,
                    PredictEntries.MAX_CODE), weights == null ? null : weights.fileName(), weightBytes, now);
            return Response.status(202).entity(entry).build();
        } catch (Leaderboard.DailyLimitReached e) {
            return tooMany(e, now);
        }
    }

    private static byte[] read(FileUpload part, long max) {
        try {
            if (Files.size(part.uploadedFile()) > max) {
                throw Problem.tooLarge("The part '" + part.name() + "' is larger than this leaderboard takes.");
            }
            return Files.readAllBytes(part.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response tooMany(Leaderboard.DailyLimitReached e, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 429);
        body.put("error", "Too Many Requests");
        body.put("message", e.getMessage());
        body.put("nextAllowedAt", e.nextAllowedAt().toString());
        long seconds = Math.max(1, Duration.between(now, e.nextAllowedAt()).toSeconds());
        return Response.status(429).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", seconds)
                .entity(body).build();
    }

    private static Response csv(String text, String filename) {
        return Response.ok(text).type("text/csv").header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .build();
    }
}
