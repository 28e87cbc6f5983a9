package org.tensormark.course;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One check of an assignment as declared in {@code assignment.yaml}.
 *
 * @param id         stable id within the assignment ({@code [a-z0-9-]+})
 * @param kind       a name known to {@link CheckKinds} ({@code tensor}, {@code train}, {@code report}, {@code manual})
 * @param points     points the check is worth
 * @param visibility when its details reach the student
 * @param params     every other field of the check, as parsed from YAML, for the grader of that kind
 */
public record CheckSpec(String id, String kind, double points, Visibility visibility, Map<String, Object> params) {

    public CheckSpec {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The device the check asks for ({@code device:}, checked by the parser); cpu when it names none. */
    public CheckDevice device() {
        return "cuda".equals(params.get("device")) ? CheckDevice.CUDA : CheckDevice.CPU;
    }
}
