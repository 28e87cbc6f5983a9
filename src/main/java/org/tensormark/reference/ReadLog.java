package org.tensormark.reference;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.tensormark.tensor.Tensor;

/**
 * The inputs as a read-only map that remembers which names were looked up: the
 * hyper-parameters {@link ReferenceModel#initialise} reads are documented in no input list.
 */
final class ReadLog extends AbstractMap<String, Tensor> {

    private final Map<String, Tensor> values;
    private final Set<String> read = new HashSet<>();

    ReadLog(Map<String, Tensor> values) {
        this.values = values;
    }

    Set<String> read() {
        return read;
    }

    @Override
    public Tensor get(Object key) {
        read.add(String.valueOf(key));
        return values.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        read.add(String.valueOf(key));
        return values.containsKey(key);
    }

    @Override
    public int size() {
        return values.size();
    }

    /** A model that walks every entry may read any of them, so none is reported as unread. */
    @Override
    public Set<Entry<String, Tensor>> entrySet() {
        read.addAll(values.keySet());
        return Collections.unmodifiableMap(values).entrySet();
    }
}
