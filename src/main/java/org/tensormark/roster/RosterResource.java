package org.tensormark.roster;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tensormark.identity.CourseAccess;
import org.tensormark.identity.CourseRole;
import org.tensormark.identity.PasswordLinks;
import org.tensormark.identity.Sections;
import org.tensormark.problem.Problem;

/**
 * A course's roster over the API. Staff read it (a TA limited to sections sees the staff and the
 * students of those sections); instructors import class lists, enrol, change, drop, limit TAs to
 * sections and export set-password links for accounts without a password.
 */
@Path("/api/courses/{courseId}/roster")
@Authenticated
public class RosterResource {

    private final Roster roster;
    private final CourseAccess access;
    private final Sections sections;
    private final PasswordLinks links;
    private final PasswordLinkMail mail;

    RosterResource(Roster roster, CourseAccess access, Sections sections, PasswordLinks links, PasswordLinkMail mail) {
        this.roster = roster;
        this.access = access;
        this.sections = sections;
        this.links = links;
        this.mail = mail;
    }

    /** The roster as listed: the people matching the filters, counts per role over them, the course's sections. */
    public record RosterView(String courseId, List<String> sections, Map<String, Long> counts, List<Member> members) {
    }

    /** Body of a one-by-one enrolment. */
    public record Enrol(String username, String name, String email, String studentId, String section, String role) {
    }

    /** Body of a change: a new role and/or section (absent fields stay). */
    public record Change(String role, String section) {
    }

    /** Body of a TA's section limit; an empty list lifts it. */
    public record TaSections(List<String> sections) {
    }

    /**
     * A set-password link for one person, to send them; {@code emailed} says whether the server
     * mailed it (null when no e-mail was asked for).
     */
    public record PasswordLink(String username, String name, String email, String url, Instant expiresAt,
            Boolean emailed) {
    }

    @GET
    public RosterView list(@PathParam("courseId") String courseId, @QueryParam("search") String search,
            @QueryParam("section") String section, @QueryParam("role") String role,
            @QueryParam("dropped") Boolean dropped) {
        access.requireStaff(courseId);
        Optional<Set<Long>> visible = access.visibleStudents(courseId);
        String like = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        List<Member> members = roster.members(courseId).stream()
                .filter(m -> visible.isEmpty() || !m.role().equals("student") || visible.get().contains(m.userId()))
                .filter(m -> section == null || section.isBlank() || section.equals(m.section()))
                .filter(m -> role == null || role.isBlank() || role.equalsIgnoreCase(m.role()))
                .filter(m -> dropped == null || dropped == m.dropped())
                .filter(m -> like.isEmpty() || (m.username() + " " + m.name() + " " + m.studentId())
                        .toLowerCase(Locale.ROOT).contains(like))
                .toList();
        Map<String, Long> counts = new java.util.TreeMap<>(members.stream()
                .collect(Collectors.groupingBy(m -> m.dropped() ? "dropped" : m.role(), Collectors.counting())));
        return new RosterView(courseId, sections.of(courseId), counts, members);
    }

    @POST
    @Path("/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public Response importCsv(@PathParam("courseId") String courseId, String csv,
            @QueryParam("partial") boolean partial, @QueryParam("dropMissing") boolean dropMissing,
            @QueryParam("dryRun") boolean dryRun) {
        access.requireInstructor(courseId);
        ImportReport report = roster.importCsv(courseId, csv == null ? "" : csv,
                new Roster.ImportOptions(partial, dropMissing, dryRun), access.userId());
        boolean refused = !report.applied() && !dryRun;
        return Response.status(refused ? 422 : 200).type(MediaType.APPLICATION_JSON_TYPE).entity(report).build();
    }

    @POST
    public Response enrol(@PathParam("courseId") String courseId, Enrol body) {
        access.requireInstructor(courseId);
        if (body == null || body.username() == null || body.name() == null) {
            throw Problem.invalid("Give at least username and name, e.g. {\"username\":\"s1234567\","
                    + " \"name\":\"Ada Lovelace\", \"section\":\"T01\", \"role\":\"student\"}.");
        }
        RosterEntry entry = new RosterEntry(1, body.username().strip(), body.name().strip(), body.email(),
                body.studentId(), body.section(), body.role() == null ? null : role(body.role()));
        return Response.status(201).entity(roster.enrol(courseId, entry, access.userId())).build();
    }

    @PUT
    @Path("/{username}")
    public Member change(@PathParam("courseId") String courseId, @PathParam("username") String username, Change body) {
        access.requireInstructor(courseId);
        if (body == null || (body.role() == null && body.section() == null)) {
            throw Problem.invalid("Give a role (student, ta or instructor) and/or a section.");
        }
        return roster.change(courseId, username, body.role() == null ? null : role(body.role()), body.section(),
                access.userId());
    }

    @DELETE
    @Path("/{username}")
    public Response drop(@PathParam("courseId") String courseId, @PathParam("username") String username) {
        access.requireInstructor(courseId);
        roster.drop(courseId, username, access.userId());
        return Response.noContent().build();
    }

    @PUT
    @Path("/{username}/sections")
    public Member limit(@PathParam("courseId") String courseId, @PathParam("username") String username,
            TaSections body) {
        access.requireInstructor(courseId);
        return roster.limitTa(courseId, username, body == null ? List.of() : body.sections(), access.userId());
    }

    /**
     * New set-password links for every enrolled person without a password (older links stop working);
     * with {@code email=true} the server also mails each person theirs, which needs a configured
     * sender ({@code tensormark.mail.from}): without one the request is refused and no link is made.
     */
    @POST
    @Path("/password-links")
    public List<PasswordLink> passwordLinks(@PathParam("courseId") String courseId, @Context UriInfo uri,
            @QueryParam("email") boolean email) {
        access.requireInstructor(courseId);
        if (email && !mail.configured()) {
            throw Problem.conflict("This server sends no e-mail (tensormark.mail.from and quarkus.mailer.host are not"
                    + " set). Export the links without email=true and send them yourself.");
        }
        Map<Long, Member> byId = roster.members(courseId).stream().filter(m -> !m.dropped() && !m.hasPassword())
                .collect(Collectors.toMap(Member::userId, Function.identity()));
        String base = uri.getBaseUri().toString().replaceAll("/+$", "");
        return links.issueForPasswordless(List.copyOf(byId.keySet()), access.userId()).stream().map(i -> {
            Member m = byId.get(i.userId());
            PasswordLink link = new PasswordLink(m.username(), m.name(), m.email(),
                    base + "/api/auth/set-password?token=" + i.secret(), i.expiresAt(), null);
            return email ? withEmailed(link, mail.send(courseId, link)) : link;
        }).sorted(java.util.Comparator.comparing(PasswordLink::username)).toList();
    }

    private static PasswordLink withEmailed(PasswordLink l, boolean sent) {
        return new PasswordLink(l.username(), l.name(), l.email(), l.url(), l.expiresAt(), sent);
    }

    private static CourseRole role(String text) {
        try {
            return CourseRole.parse(text);
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(e.getMessage() + ".");
        }
    }
}
