package org.tensormark.grading;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensormark.image.ImageManifest;
import org.tensormark.image.ImageStore;

/**
 * The provenance entries of the grading image a result was graded in: its name, content digest
 * and the Python, NumPy and PyTorch versions inside ({@code runtime}), read from the manifest in
 * this host's image store.
 */
final class ImageProvenance {

    private ImageProvenance() {
    }

    static Map<String, Object> of(String image) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("image", image);
        try {
            ImageManifest m = ImageStore.local().find(image).map(ImageStore.InstalledImage::manifest).orElse(null);
            p.put("imageDigest", m == null ? "unknown (not in " + ImageStore.local().dir() + ")" : m.digest());
            p.put("runtime", m == null ? "unknown" : "python " + m.python() + ", numpy " + m.numpy() + ", torch " + m.torch());
        } catch (IOException | RuntimeException e) {
            p.put("imageDigest", "unknown (" + e.getMessage() + ")");
            p.put("runtime", "unknown");
        }
        return p;
    }
}
