package org.tensormark.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS trust of a server signed by the university's own CA: the certificates of a PEM file
 * ({@code --ca}) and nothing else, so a CA-signed server is trusted without touching the JDK's
 * trust store.
 */
final class TrustedCa {

    private TrustedCa() {
    }

    static SSLContext context(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw ClientFailure.usage("--ca " + pem + " holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw ClientFailure.usage("cannot read the CA file " + pem + " (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw ClientFailure.usage("--ca " + pem + " is not a PEM certificate (" + e.getMessage() + ")");
        }
    }
}
