package org.tensormark.tensor;

/**
 * A .npy or .npz file TensorMark refuses to read or a tensor it cannot write. The message names
 * the entry (e.g. {@code out.npz:logits}) and says what to change, so it can be shown to the
 * student who produced the file. It is an {@link IllegalArgumentException} because the cause is
 * always the input, never the platform.
 */
public class TensorFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String entry;

    public TensorFormatException(String entry, String problem) {
        super(entry + ": " + problem);
        this.entry = entry;
    }

    public TensorFormatException(String entry, String problem, Throwable cause) {
        super(entry + ": " + problem, cause);
        this.entry = entry;
    }

    /** The file or archive entry the problem is in. */
    public String entry() {
        return entry;
    }
}
