package org.tensormark.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import org.tensormark.image.ImageManifest;
import org.tensormark.image.ImageStore;

/** Parses one assignment folder ({@code <id>/assignment.yaml} + {@code handout.md}) into a declaration. */
final class AssignmentParser {

    private static final Set<String> FIELDS = Set.of("id", "course", "title", "group", "release", "due", "late",
            "files", "handins_per_day", "counts", "checks", "limits", "image", "leaderboard");
    private static final Set<String> LATE_FIELDS = Set.of("penalty_per_unit", "unit", "max_units", "grace_minutes",
            "cap_percent", "tokens_allowed");
    private static final Set<String> FILE_FIELDS = Set.of("role", "types", "max_size", "required");
    private static final Set<String> CHECK_FIELDS = Set.of("id", "kind", "points", "visibility");
    private static final String ID = "[a-z0-9-]+";

    private AssignmentParser() {
    }

    static AssignmentDeclaration parse(Path folder) {
        YamlSection yaml = YamlReader.read(folder.resolve("assignment.yaml"));
        yaml.allowOnly(FIELDS);
        String id = id(yaml, "id");
        if (!id.equals(folder.getFileName().toString())) {
            throw yaml.error("id", "'" + id + "' differs from its folder name '" + folder.getFileName() + "'");
        }
        int groupSize = yaml.section("group").map(AssignmentParser::groupSize).orElse(1);
        String handout = handout(folder);
        Map<String, Map<String, byte[]>> notebooks = new LinkedHashMap<>();
        List<CheckSpec> checks = checks(yaml, folder, notebooks);
        return new AssignmentDeclaration(id, id(yaml, "course"), nonBlank(yaml, "title"), groupSize,
                DeclaredTime.parse(yaml, "release"), DeclaredTime.parse(yaml, "due"),
                yaml.section("late").map(AssignmentParser::lateRule).orElse(LateRule.DEFAULT), files(yaml),
                yaml.integer("handins_per_day", 0, 0), choice(yaml, "counts", Counting.class, Counting.LAST),
                checks, yaml.section("limits").map(LimitsSection::parse).orElse(AssignmentLimits.NONE),
                image(yaml), handout, ContentHash.of(yaml.node(), handout, notebooks), yaml, notebooks);
    }

    /** The grading image the assignment's code runs in; a new image is a new version (a plan change). */
    private static String image(YamlSection yaml) {
        String image = yaml.text("image", ImageStore.COURSE_IMAGE);
        try {
            return ImageManifest.checkName(image);
        } catch (IllegalArgumentException e) {
            throw yaml.error("image", e.getMessage());
        }
    }

    private static int groupSize(YamlSection group) {
        group.allowOnly(Set.of("max_size"));
        if (!group.has("max_size")) {
            throw group.error("max_size", "is required for group work (leave 'group' out for individual work)");
        }
        return group.integer("max_size", 1, 2);
    }

    private static LateRule lateRule(YamlSection late) {
        late.allowOnly(LATE_FIELDS);
        LateRule d = LateRule.DEFAULT;
        double perUnit = late.number("penalty_per_unit", d.penaltyPercentPerUnit(), 0, 100);
        LateUnit unit = choice(late, "unit", LateUnit.class, d.unit());
        int maxUnits = late.integer("max_units", d.maxUnits(), 0);
        int grace = late.integer("grace_minutes", d.graceMinutes(), 0);
        double cap = late.number("cap_percent", Math.min(100, perUnit * maxUnits), 0, 100);
        return new LateRule(perUnit, unit, maxUnits, grace, cap, late.flag("tokens_allowed", d.tokensAllowed()));
    }

    private static List<FileSlot> files(YamlSection yaml) {
        List<FileSlot> slots = new ArrayList<>();
        Set<String> roles = new HashSet<>();
        for (YamlSection file : yaml.sections("files")) {
            file.allowOnly(FILE_FIELDS);
            String role = file.text("role");
            if (!Set.of("code", "report", "extra").contains(role)) {
                throw file.error("role", "'" + role + "' is not one of code, report, extra");
            }
            if (!roles.add(role)) {
                throw file.error("role", "'" + role + "' is declared twice (one file per role)");
            }
            List<String> types = file.texts("types").stream()
                    .map(t -> t.toLowerCase(Locale.ROOT).replaceFirst("^\\.", "")).toList();
            if (types.isEmpty() || !types.stream().allMatch(t -> t.matches("[a-z0-9]+"))) {
                throw file.error("types", "expected a list of file extensions like [zip, py, ipynb]");
            }
            slots.add(new FileSlot(role, types, ByteSize.parse(file, "max_size"), file.flag("required", true)));
        }
        if (slots.isEmpty()) {
            throw yaml.error("files", "at least one file slot is required");
        }
        return slots;
    }

    /** The checks; each notebook check's source notebooks go into {@code notebooks} under its id. */
    private static List<CheckSpec> checks(YamlSection yaml, Path folder, Map<String, Map<String, byte[]>> notebooks) {
        List<CheckSpec> checks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (YamlSection check : yaml.sections("checks")) {
            String id = id(check, "id");
            if (!ids.add(id)) {
                throw check.error("id", "'" + id + "' is used by two checks");
            }
            String kind = check.text("kind");
            if (!CheckKinds.isKnown(kind)) {
                throw check.error("kind", "'" + kind + "' is not a known check kind (known: "
                        + String.join(", ", CheckKinds.known()) + ")");
            }
            if (!check.has("points")) {
                throw check.error("points", "is required");
            }
            double points = check.number("points", 0, 0, 1_000_000);
            Visibility visibility = choice(check, "visibility", Visibility.class, Visibility.VISIBLE);
            choice(check, "device", CheckDevice.class, CheckDevice.CPU);
            if (kind.equals("notebook")) {
                notebooks.put(id, NotebookSources.validate(check, folder, points));
            }
            checks.add(new CheckSpec(id, kind, points, visibility, check.rest(CHECK_FIELDS)));
        }
        return checks;
    }

    private static String id(YamlSection yaml, String field) {
        String id = yaml.text(field);
        if (!id.matches(ID)) {
            throw yaml.error(field, "'" + id + "' must use only a-z, 0-9 and '-'");
        }
        return id;
    }

    private static String nonBlank(YamlSection yaml, String field) {
        String text = yaml.text(field).strip();
        if (text.isEmpty()) {
            throw yaml.error(field, "must not be empty");
        }
        return text;
    }

    private static <E extends Enum<E>> E choice(YamlSection yaml, String field, Class<E> type, E fallback) {
        String value = yaml.text(field, null);
        if (value == null) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
                return e;
            }
        }
        List<String> names = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        throw yaml.error(field, "'" + value + "' is not one of " + String.join(", ", names));
    }

    private static String handout(Path folder) {
        Path file = folder.resolve("handout.md");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
