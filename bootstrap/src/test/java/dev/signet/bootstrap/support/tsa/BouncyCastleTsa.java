package dev.signet.bootstrap.support.tsa;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A TSA built on Bouncy Castle's TimeStampTokenGenerator, with its own CA (EC P-256). Its {@link Mode} makes
 * it misbehave on purpose: refuse, answer with another nonce or imprint, or sign with a certificate
 * that lacks the timeStamping extended key usage (a twin of its real one: same issuer, serial and key).
 */
public final class BouncyCastleTsa extends TestTsa {
    public enum Mode { GOOD, REJECT, WRONG_NONCE, WRONG_IMPRINT, CERTIFICATE_WITHOUT_TIMESTAMPING }

    private static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1");

    private final Path folder;
    private final String name;
    private final KeyPair tsaKey;
    private final X509CertificateHolder caCert;
    private final X509CertificateHolder tsaCert;
    private final X509CertificateHolder tsaCertWithoutEku;
    private final AtomicLong serial = new AtomicLong(1);
    private volatile Mode mode = Mode.GOOD;

    public BouncyCastleTsa(Path folder, String name) {
        this.folder = folder;
        this.name = name;
        try {
            Files.createDirectories(folder);
            KeyPair caKey = ecKey();
            tsaKey = ecKey();
            X500Name caName = new X500Name("CN=" + name + " Test CA,O=Signet tests");
            X500Name tsaName = new X500Name("CN=" + name + " TSA,O=Signet tests");
            caCert = certificate(caName, caName, caKey.getPublic(), caKey.getPrivate(), BigInteger.ONE, true, true);
            tsaCert = certificate(caName, tsaName, tsaKey.getPublic(), caKey.getPrivate(), BigInteger.TWO, false, true);
            tsaCertWithoutEku = certificate(caName, tsaName, tsaKey.getPublic(), caKey.getPrivate(), BigInteger.TWO,
                    false, false);
            writePem(caCertificate(), caCert);
            writePem(tsaCertificate(), tsaCert);
        } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new AssertionError(e);
        }
        start();
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    @Override
    public Path caCertificate() {
        return folder.resolve(name + "-ca.pem");
    }

    @Override
    public Path tsaCertificate() {
        return folder.resolve(name + "-tsa.pem");
    }

    @Override
    protected byte[] reply(byte[] requestBytes) {
        try {
            TimeStampRequest request = new TimeStampRequest(requestBytes);
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                    .build("SHA256withECDSA", tsaKey.getPrivate(), new org.bouncycastle.cert.jcajce
                            .JcaX509CertificateConverter().getCertificate(tsaCert)),
                    new JcaDigestCalculatorProviderBuilder().build().get(
                            new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                                    org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1)),
                    POLICY);
            List<X509CertificateHolder> carried = new ArrayList<>();
            carried.add(mode == Mode.CERTIFICATE_WITHOUT_TIMESTAMPING ? tsaCertWithoutEku : tsaCert);
            tokens.addCertificates(new org.bouncycastle.util.CollectionStore<>(carried));
            TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
            if (mode == Mode.REJECT) {
                return responses.generateRejectedResponse(new org.bouncycastle.tsp.TSPException("test TSA refuses"))
                        .getEncoded();
            }
            TimeStampRequest answered = request;
            if (mode == Mode.WRONG_NONCE || mode == Mode.WRONG_IMPRINT) {
                byte[] imprint = request.getMessageImprintDigest();
                if (mode == Mode.WRONG_IMPRINT) {
                    imprint = imprint.clone();
                    imprint[0] ^= 1;
                }
                BigInteger nonce = mode == Mode.WRONG_NONCE ? request.getNonce().add(BigInteger.ONE) : request.getNonce();
                org.bouncycastle.tsp.TimeStampRequestGenerator generator = new org.bouncycastle.tsp.TimeStampRequestGenerator();
                generator.setCertReq(true);
                answered = generator.generate(TSPAlgorithms.SHA256, imprint, nonce);
            }
            TimeStampResponse response = responses.generateGrantedResponse(answered,
                    BigInteger.valueOf(serial.getAndIncrement()), new Date());
            return response.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ecKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509CertificateHolder certificate(X500Name issuer, X500Name subject, PublicKey key,
            PrivateKey issuerKey, BigInteger serial, boolean ca, boolean timeStamping)
            throws IOException, org.bouncycastle.operator.OperatorCreationException {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial,
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject, key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            if (timeStamping) {
                builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            }
        }
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey));
    }

    private static void writePem(Path file, X509CertificateHolder certificate) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(certificate);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Files.writeString(file, text.toString());
    }
}
