package io.packetstream.testsupport.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed RSA certificate for 127.0.0.1 and localhost, made by the JDK's own {@code keytool} (no BouncyCastle,
 * no internal JDK classes), written as the PEM files servers take.
 *
 * @param certificatePem the certificate, PEM; also what a client trusts
 * @param keyPem         its private key, PEM (PKCS#8, unencrypted)
 * @param certificate    the certificate, for a client's trust store
 */
public record SelfSignedCertificate(Path certificatePem, Path keyPem, Certificate certificate) {

    private static final char[] PASSWORD = "changeit".toCharArray();

    /** Creates the files in {@code dir} (a test's temporary directory). */
    public static SelfSignedCertificate create(Path dir) {
        try {
            Path store = dir.resolve("self-signed.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "self", "-keyalg", "RSA", "-keysize",
                    "2048", "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD),
                    "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD);
            }
            Certificate certificate = keys.getCertificate("self");
            Path cert = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
            Path key = Files.writeString(dir.resolve("key.pem"),
                    pem("PRIVATE KEY", keys.getKey("self", PASSWORD).getEncoded()));
            return new SelfSignedCertificate(cert, key, certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
