package org.tensormark.course;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * What {@code assignment_version.spec} holds: the resolved values a view needs plus the parsed
 * declaration as written, so that a version can be shown and regraded without its files.
 * {@code limits} is null in versions stored before assignments could declare limits, {@code image}
 * in versions stored before assignments could name their grading image (they ran in the default).
 */
record StoredSpec(String zone, LateRule late, List<FileSlot> files, int handinsPerDay, Counting counts,
                  List<CheckSpec> checks, String handout, Map<String, Object> declaration, AssignmentLimits limits,
                  String image) {

    String toJson(ObjectMapper json) {
        try {
            return json.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("assignment spec is not serialisable", e);
        }
    }

    static StoredSpec fromJson(ObjectMapper json, String spec) {
        try {
            return json.readValue(spec, StoredSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("assignment_version.spec is not a stored spec: " + e.getOriginalMessage(), e);
        }
    }
}
