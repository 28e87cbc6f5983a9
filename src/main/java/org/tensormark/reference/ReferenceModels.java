package org.tensormark.reference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Every course model of the reference library, by name. */
public final class ReferenceModels {

    private static final List<ReferenceModel> ALL;

    static {
        List<ReferenceModel> all = new ArrayList<>();
        all.addAll(BasicModels.all());
        all.addAll(SequenceModels.all());
        ALL = Collections.unmodifiableList(all);
    }

    private ReferenceModels() {
    }

    public static List<ReferenceModel> all() {
        return ALL;
    }

    public static Optional<ReferenceModel> byName(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
